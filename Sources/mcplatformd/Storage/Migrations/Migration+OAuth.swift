extension Migration {
    /// The OAuth proxy (docs/OAUTH.md): registered clients, authorization requests in flight, codes,
    /// grants (an end user's consent to a client on a server, with the upstream tokens sealed) and
    /// the tokens issued under them (hashes only). Also the end users' upstream identities, the
    /// one thing two end-user records may be merged on, and what discovery found of an OAuth config.
    static let oauth = Migration(version: 9, name: "oauth") { d in
        [
            "ALTER TABLE oauth_configs ADD COLUMN issuer TEXT",
            "ALTER TABLE oauth_configs ADD COLUMN token_auth_method TEXT NOT NULL DEFAULT 'client_secret_basic'",
            "ALTER TABLE oauth_configs ADD COLUMN checked_at BIGINT",
            "ALTER TABLE end_users ADD COLUMN upstream_issuer TEXT",
            """
            CREATE TABLE end_user_identities (
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                email TEXT,
                email_verified \(d.boolean) NOT NULL DEFAULT FALSE,
                created_at BIGINT NOT NULL,
                last_login_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, issuer, subject)
            )
            """,
            "CREATE INDEX end_user_identities_user ON end_user_identities (end_user_id)",
            """
            CREATE TABLE oauth_clients (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                client_name TEXT,
                client_uri TEXT,
                redirect_uris TEXT NOT NULL,
                grant_types TEXT NOT NULL,
                token_endpoint_auth_method TEXT NOT NULL,
                secret_hash TEXT,
                scope TEXT,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX oauth_clients_idle ON oauth_clients (last_used_at)",
            """
            CREATE TABLE oauth_grants (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                end_user_id TEXT NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
                client_id TEXT NOT NULL,
                client_name TEXT,
                scope TEXT NOT NULL,
                provider TEXT NOT NULL CHECK (provider IN ('collect_email', 'platform', 'custom')),
                upstream_issuer TEXT,
                upstream_subject TEXT,
                upstream_access_token_sealed TEXT,
                upstream_refresh_token_sealed TEXT,
                upstream_expires_at BIGINT,
                consented_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                revoked_at BIGINT,
                UNIQUE (server_id, end_user_id, client_id)
            )
            """,
            "CREATE INDEX oauth_grants_user ON oauth_grants (end_user_id)",
            """
            CREATE TABLE oauth_authorization_requests (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                client_id TEXT NOT NULL,
                client_name TEXT,
                redirect_uri TEXT NOT NULL,
                client_state TEXT,
                code_challenge TEXT NOT NULL,
                resource TEXT NOT NULL,
                scope TEXT NOT NULL,
                issuer TEXT NOT NULL,
                base_url TEXT NOT NULL,
                browser_hash TEXT NOT NULL,
                csrf_hash TEXT NOT NULL,
                stage TEXT NOT NULL CHECK (stage IN ('consent', 'upstream', 'callback', 'resume', 'done')),
                upstream_state_hash TEXT UNIQUE,
                upstream_verifier_sealed TEXT,
                resume_ticket_hash TEXT UNIQUE,
                grant_id TEXT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX oauth_authorization_requests_expiry ON oauth_authorization_requests (expires_at)",
            """
            CREATE TABLE oauth_codes (
                code_hash TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                grant_id TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
                client_id TEXT NOT NULL,
                redirect_uri TEXT NOT NULL,
                code_challenge TEXT NOT NULL,
                resource TEXT NOT NULL,
                scope TEXT NOT NULL,
                family_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX oauth_codes_expiry ON oauth_codes (expires_at)",
            """
            CREATE TABLE oauth_tokens (
                token_hash TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                grant_id TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
                family_id TEXT NOT NULL,
                client_id TEXT NOT NULL,
                resource TEXT NOT NULL,
                scope TEXT NOT NULL,
                parent_hash TEXT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT,
                rotated_at BIGINT,
                successor_sealed TEXT,
                grace_used \(d.boolean) NOT NULL DEFAULT FALSE
            )
            """,
            "CREATE INDEX oauth_tokens_family ON oauth_tokens (family_id)",
            "CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id)",
            "CREATE INDEX oauth_tokens_expiry ON oauth_tokens (expires_at)",
        ]
    }
}
