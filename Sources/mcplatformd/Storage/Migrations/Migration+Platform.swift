extension Migration {
    /// Accounts, organizations and what hangs off them directly (docs/ARCHITECTURE.md).
    static let platform = Migration(version: 1, name: "platform") { d in
        [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                ticket_counter BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE memberships (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
                created_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, account_id)
            )
            """,
            "CREATE INDEX memberships_account ON memberships (account_id)",
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
                token_hash TEXT NOT NULL UNIQUE,
                invited_by TEXT REFERENCES accounts(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                accepted_at BIGINT,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('login', 'api')),
                account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
                organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                role TEXT CHECK (role IS NULL OR role IN ('owner', 'admin', 'member')),
                prefix TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                expires_at BIGINT,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_organization ON api_tokens (organization_id)",
            """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
                actor_account_id TEXT,
                actor_token_id TEXT,
                action TEXT NOT NULL,
                target_type TEXT NOT NULL,
                target_id TEXT,
                details TEXT NOT NULL DEFAULT '{}',
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX audit_events_organization_time ON audit_events (organization_id, created_at)",
            """
            CREATE TABLE oauth_configs (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                discovery_url TEXT,
                authorize_url TEXT,
                token_url TEXT,
                userinfo_url TEXT,
                client_id TEXT NOT NULL,
                client_secret_sealed TEXT,
                scopes TEXT NOT NULL DEFAULT 'openid email profile',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (organization_id, name)
            )
            """,
            """
            CREATE TABLE mcp_servers (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                product_name TEXT NOT NULL,
                auth_mode TEXT NOT NULL DEFAULT 'none'
                    CHECK (auth_mode IN ('none', 'collect_email', 'platform_oauth', 'custom_oauth')),
                oauth_config_id TEXT REFERENCES oauth_configs(id) ON DELETE RESTRICT,
                support_enabled \(d.boolean) NOT NULL DEFAULT TRUE,
                walkthroughs_enabled \(d.boolean) NOT NULL DEFAULT TRUE,
                docs_search_enabled \(d.boolean) NOT NULL DEFAULT TRUE,
                instructions TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX mcp_servers_organization ON mcp_servers (organization_id)",
            """
            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status BIGINT NOT NULL,
                response_body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (scope, key)
            )
            """,
            "CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)",
        ]
    }
}
