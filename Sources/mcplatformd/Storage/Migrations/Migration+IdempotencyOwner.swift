extension Migration {
    /// Stored idempotent answers know the organization their request acted in, so that deleting
    /// an organization deletes them too (they hold its data for 24 hours otherwise).
    static let idempotencyOwner = Migration(version: 14, name: "idempotency_owner") { _ in
        [
            "ALTER TABLE idempotency_keys ADD COLUMN organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE",
            "CREATE INDEX idempotency_keys_organization ON idempotency_keys (organization_id)",
        ]
    }
}
