extension Migration {
    /// The durable job queue (docs/ARCHITECTURE.md) and the lease that elects SQLite's single worker.
    static let jobs = Migration(version: 2, name: "jobs") { _ in
        [
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL DEFAULT '{}',
                organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'dead')),
                run_at BIGINT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                max_attempts BIGINT NOT NULL,
                lease_owner TEXT,
                lease_expires_at BIGINT,
                last_error TEXT,
                dedupe_key TEXT UNIQUE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX jobs_ready ON jobs (state, run_at)",
            "CREATE INDEX jobs_organization ON jobs (organization_id, created_at)",
            """
            CREATE TABLE worker_leases (
                name TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
