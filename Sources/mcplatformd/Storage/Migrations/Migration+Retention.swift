extension Migration {
    /// Retention: roll-ups that keep what the reports need once raw rows are deleted, the
    /// organizations' overrides of the retention settings, and how far each organization's raw
    /// rows have been pruned.
    ///
    /// - `analytics_latency_days`: calls and errors per day × server × tool × duration bucket
    ///   (a log-linear histogram, see `DurationHistogram`), folded from pruned `tool_calls`.
    /// - `analytics_user_tool_days`: calls per day × server × end user × tool, folded from pruned
    ///   `tool_calls` (per-user counts, users per tool, who searched the docs).
    /// - `analytics_session_days`: sessions started per day × server × end user, folded from
    ///   pruned `end_user_sessions`.
    /// - `retention_state`: per organization, the time before which its raw rows are gone.
    static let retention = Migration(version: 16, name: "retention") { _ in
        [
            """
            CREATE TABLE analytics_latency_days (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL,
                day_start BIGINT NOT NULL,
                tool TEXT NOT NULL,
                bucket INTEGER NOT NULL,
                calls BIGINT NOT NULL,
                errors BIGINT NOT NULL,
                PRIMARY KEY (organization_id, server_id, day_start, tool, bucket)
            )
            """,
            "CREATE INDEX analytics_latency_days_time ON analytics_latency_days (organization_id, day_start)",
            """
            CREATE TABLE analytics_user_tool_days (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL,
                day_start BIGINT NOT NULL,
                end_user_id TEXT NOT NULL,
                tool TEXT NOT NULL,
                calls BIGINT NOT NULL,
                PRIMARY KEY (organization_id, server_id, day_start, end_user_id, tool)
            )
            """,
            "CREATE INDEX analytics_user_tool_days_time ON analytics_user_tool_days (organization_id, day_start)",
            "CREATE INDEX analytics_user_tool_days_user ON analytics_user_tool_days (end_user_id, day_start)",
            """
            CREATE TABLE analytics_session_days (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL,
                day_start BIGINT NOT NULL,
                end_user_id TEXT NOT NULL,
                sessions BIGINT NOT NULL,
                PRIMARY KEY (organization_id, server_id, day_start, end_user_id)
            )
            """,
            "CREATE INDEX analytics_session_days_time ON analytics_session_days (organization_id, day_start)",
            "CREATE INDEX analytics_session_days_user ON analytics_session_days (end_user_id, day_start)",
            """
            CREATE TABLE retention_state (
                organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
                tool_calls_before BIGINT NOT NULL,
                sessions_before BIGINT NOT NULL
            )
            """,
            "ALTER TABLE organizations ADD COLUMN tool_call_retention_days INTEGER",
            "ALTER TABLE organizations ADD COLUMN session_retention_days INTEGER",
            // Finding ended sessions by age, and clearing a deleted session from its tickets without a scan.
            "CREATE INDEX end_user_sessions_last_seen ON end_user_sessions (organization_id, last_seen_at)",
            "CREATE INDEX support_tickets_session ON support_tickets (session_id)",
        ]
    }
}
