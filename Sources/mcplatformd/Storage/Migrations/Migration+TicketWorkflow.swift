extension Migration {
    /// Ticket triage and webhooks: a per-organization sequence on ticket events (the cursor of
    /// `tickets watch`), webhooks with sealed signing secrets, and their deliveries and attempts.
    static let ticketWorkflow = Migration(version: 5, name: "ticket_workflow") { _ in
        [
            "ALTER TABLE organizations ADD COLUMN ticket_event_counter BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE ticket_events ADD COLUMN seq BIGINT",
            "ALTER TABLE ticket_events ADD COLUMN actor_token_id TEXT",
            // Events written before this migration get their sequence in time order.
            """
            UPDATE ticket_events SET seq = (
                SELECT COUNT(*) FROM ticket_events AS e
                WHERE e.organization_id = ticket_events.organization_id
                  AND (e.created_at < ticket_events.created_at OR (e.created_at = ticket_events.created_at AND e.id <= ticket_events.id)))
            """,
            """
            UPDATE organizations SET ticket_event_counter = COALESCE(
                (SELECT MAX(seq) FROM ticket_events WHERE ticket_events.organization_id = organizations.id), 0)
            """,
            "CREATE UNIQUE INDEX ticket_events_sequence ON ticket_events (organization_id, seq)",
            "CREATE INDEX support_tickets_status ON support_tickets (organization_id, status, created_at)",
            """
            CREATE TABLE webhooks (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                format TEXT NOT NULL CHECK (format IN ('json', 'slack')),
                secret_sealed TEXT NOT NULL,
                created_by_account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX webhooks_organization ON webhooks (organization_id)",
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                body TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                attempts BIGINT NOT NULL DEFAULT 0,
                last_status BIGINT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT
            )
            """,
            "CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at)",
            "CREATE INDEX webhook_deliveries_organization ON webhook_deliveries (organization_id, created_at)",
            """
            CREATE TABLE webhook_delivery_attempts (
                id TEXT PRIMARY KEY,
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
                attempt BIGINT NOT NULL,
                status BIGINT,
                error TEXT,
                duration_ms BIGINT,
                created_at BIGINT NOT NULL,
                UNIQUE (delivery_id, attempt)
            )
            """,
        ]
    }
}
