extension Migration {
    /// Outgoing mail: each organization's sender settings, one row per email about a ticket
    /// (the timeline and the rate limits read them), and the addresses that unsubscribed.
    static let mail = Migration(version: 11, name: "mail") { dialect in
        [
            "ALTER TABLE organizations ADD COLUMN mail_sender_name TEXT",
            "ALTER TABLE organizations ADD COLUMN mail_reply_to TEXT",
            "ALTER TABLE organizations ADD COLUMN ticket_confirmations \(dialect.boolean) NOT NULL DEFAULT TRUE",
            """
            CREATE TABLE ticket_emails (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                ticket_id TEXT NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
                event_id TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reply', 'resolved')),
                recipient TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                sent_at BIGINT
            )
            """,
            "CREATE INDEX ticket_emails_ticket ON ticket_emails (ticket_id, created_at)",
            "CREATE INDEX ticket_emails_recipient_sent ON ticket_emails (recipient, sent_at)",
            "CREATE INDEX ticket_emails_organization_sent ON ticket_emails (organization_id, sent_at)",
            """
            CREATE TABLE mail_unsubscribes (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                address TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, address)
            )
            """,
        ]
    }
}
