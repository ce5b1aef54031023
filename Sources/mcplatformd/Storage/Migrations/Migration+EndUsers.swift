extension Migration {
    /// End users, their sessions and tool calls, and the support tickets they open (docs/ARCHITECTURE.md
    /// §3). Everything here is scoped to an organization; nothing is shared across them.
    static let endUsers = Migration(version: 4, name: "end_users") { d in
        [
            """
            CREATE TABLE end_users (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                email TEXT,
                email_verified \(d.boolean) NOT NULL DEFAULT FALSE,
                upstream_subject TEXT,
                visitor_key TEXT,
                name TEXT,
                first_seen_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                UNIQUE (organization_id, visitor_key),
                UNIQUE (organization_id, upstream_subject)
            )
            """,
            "CREATE INDEX end_users_organization_seen ON end_users (organization_id, last_seen_at)",
            """
            CREATE TABLE end_user_tracking_ids (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                tracking_id TEXT NOT NULL,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, tracking_id)
            )
            """,
            "CREATE INDEX end_user_tracking_ids_user ON end_user_tracking_ids (end_user_id)",
            """
            CREATE TABLE end_user_sessions (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                era TEXT NOT NULL CHECK (era IN ('legacy', 'modern')),
                protocol_version TEXT NOT NULL,
                client_name TEXT,
                client_version TEXT,
                session_key TEXT,
                started_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                ended_at BIGINT
            )
            """,
            "CREATE INDEX end_user_sessions_organization_time ON end_user_sessions (organization_id, started_at)",
            "CREATE INDEX end_user_sessions_user ON end_user_sessions (end_user_id)",
            "CREATE INDEX end_user_sessions_key ON end_user_sessions (session_key, last_seen_at)",
            """
            CREATE TABLE support_tickets (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                number BIGINT NOT NULL,
                server_id TEXT REFERENCES mcp_servers(id) ON DELETE SET NULL,
                end_user_id TEXT REFERENCES end_users(id) ON DELETE SET NULL,
                session_id TEXT REFERENCES end_user_sessions(id) ON DELETE SET NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                context TEXT,
                email TEXT,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
                priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
                assignee_account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                resolved_at BIGINT,
                UNIQUE (organization_id, number)
            )
            """,
            "CREATE INDEX support_tickets_organization_time ON support_tickets (organization_id, created_at)",
            "CREATE INDEX support_tickets_user ON support_tickets (end_user_id)",
            """
            CREATE TABLE ticket_events (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                ticket_id TEXT NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                actor_account_id TEXT,
                actor_end_user_id TEXT,
                visibility TEXT,
                old_value TEXT,
                new_value TEXT,
                body TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, created_at)",
            """
            CREATE TABLE tool_calls (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                session_id TEXT REFERENCES end_user_sessions(id) ON DELETE SET NULL,
                end_user_id TEXT REFERENCES end_users(id) ON DELETE SET NULL,
                tool TEXT NOT NULL,
                arguments TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
                result_summary TEXT,
                error TEXT,
                duration_us BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX tool_calls_organization_time ON tool_calls (organization_id, created_at)",
            "CREATE INDEX tool_calls_session ON tool_calls (session_id, created_at)",
            "CREATE INDEX tool_calls_user ON tool_calls (end_user_id)",
        ]
    }
}
