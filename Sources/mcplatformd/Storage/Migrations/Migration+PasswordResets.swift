extension Migration {
    /// Single-use codes that reset a forgotten password (only their hashes).
    static let passwordResets = Migration(version: 12, name: "password_resets") { _ in
        [
            """
            CREATE TABLE password_resets (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                code_hash TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX password_resets_account ON password_resets (account_id, created_at)",
        ]
    }
}
