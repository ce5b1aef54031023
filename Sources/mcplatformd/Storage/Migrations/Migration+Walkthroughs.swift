extension Migration {
    /// Walkthroughs pushed from files, their steps, assignments to servers, and end users'
    /// progress: one progress row per end user and walkthrough (its run number grows on
    /// restart), append-only step completions unique per run, and the active walkthrough per
    /// end user and server.
    static let walkthroughs = Migration(version: 7, name: "walkthroughs") { dialect in
        [
            """
            CREATE TABLE walkthroughs (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                slug TEXT NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                type TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
                estimated_minutes BIGINT,
                tags TEXT NOT NULL,
                source TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                owns_status \(dialect.boolean) NOT NULL,
                owns_servers \(dialect.boolean) NOT NULL,
                owns_position \(dialect.boolean) NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (organization_id, slug)
            )
            """,
            """
            CREATE TABLE walkthrough_steps (
                id TEXT PRIMARY KEY,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                step_key TEXT NOT NULL,
                ordinal BIGINT NOT NULL,
                title TEXT NOT NULL,
                introduction TEXT NOT NULL,
                context TEXT NOT NULL,
                content TEXT NOT NULL,
                operations TEXT NOT NULL,
                UNIQUE (walkthrough_id, step_key)
            )
            """,
            """
            CREATE TABLE server_walkthroughs (
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                enabled \(dialect.boolean) NOT NULL,
                PRIMARY KEY (server_id, walkthrough_id)
            )
            """,
            "CREATE INDEX server_walkthroughs_walkthrough ON server_walkthroughs (walkthrough_id)",
            """
            CREATE TABLE walkthrough_progress (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                run BIGINT NOT NULL,
                current_step_key TEXT,
                completed_at BIGINT,
                started_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (end_user_id, walkthrough_id)
            )
            """,
            """
            CREATE TABLE walkthrough_step_completions (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                run BIGINT NOT NULL,
                step_key TEXT NOT NULL,
                server_id TEXT,
                session_id TEXT,
                created_at BIGINT NOT NULL,
                UNIQUE (end_user_id, walkthrough_id, run, step_key)
            )
            """,
            "CREATE INDEX walkthrough_step_completions_walkthrough ON walkthrough_step_completions (walkthrough_id, created_at)",
            """
            CREATE TABLE walkthrough_active (
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                walkthrough_id TEXT NOT NULL REFERENCES walkthroughs(id) ON DELETE CASCADE,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (end_user_id, server_id)
            )
            """,
        ]
    }
}
