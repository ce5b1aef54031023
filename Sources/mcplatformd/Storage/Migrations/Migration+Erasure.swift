extension Migration {
    /// An end user whose personal data was erased keeps their row (anonymized), marked with the time.
    static let endUserErasure = Migration(version: 15, name: "end_user_erasure") { _ in
        ["ALTER TABLE end_users ADD COLUMN erased_at BIGINT"]
    }
}
