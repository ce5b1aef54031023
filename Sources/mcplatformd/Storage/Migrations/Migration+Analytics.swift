extension Migration {
    /// Analytics roll-ups, maintained by the `analytics.rollup` job from `tool_calls` up to a
    /// watermark: calls and errors per hour × server × tool, and who was active per day × server
    /// (so distinct users over long ranges stay exact). Reports read raw rows past the watermark.
    /// Also each walkthrough run's start and completion, for funnels.
    static let analytics = Migration(version: 8, name: "analytics") { _ in
        [
            """
            CREATE TABLE analytics_tool_hours (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL,
                hour_start BIGINT NOT NULL,
                tool TEXT NOT NULL,
                calls BIGINT NOT NULL,
                errors BIGINT NOT NULL,
                PRIMARY KEY (organization_id, server_id, hour_start, tool)
            )
            """,
            "CREATE INDEX analytics_tool_hours_time ON analytics_tool_hours (organization_id, hour_start)",
            """
            CREATE TABLE analytics_user_days (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL,
                day_start BIGINT NOT NULL,
                end_user_id TEXT NOT NULL,
                PRIMARY KEY (organization_id, server_id, day_start, end_user_id)
            )
            """,
            "CREATE INDEX analytics_user_days_time ON analytics_user_days (organization_id, day_start)",
            // The same without the server, for organization-wide reports (a third of the rows when users use three servers).
            """
            CREATE TABLE analytics_org_user_days (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                day_start BIGINT NOT NULL,
                end_user_id TEXT NOT NULL,
                PRIMARY KEY (organization_id, day_start, end_user_id)
            )
            """,
            "CREATE TABLE analytics_state (name TEXT PRIMARY KEY, watermark BIGINT NOT NULL)",
            // One row per walkthrough run: when it started and, once every step is done, completed.
            """
            CREATE TABLE walkthrough_runs (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                run BIGINT NOT NULL,
                server_id TEXT,
                started_at BIGINT NOT NULL,
                completed_at BIGINT,
                PRIMARY KEY (end_user_id, walkthrough_id, run)
            )
            """,
            "CREATE INDEX walkthrough_runs_time ON walkthrough_runs (organization_id, started_at)",
            "INSERT INTO analytics_state (name, watermark) VALUES ('tool_calls', 0)",
        ]
    }
}
