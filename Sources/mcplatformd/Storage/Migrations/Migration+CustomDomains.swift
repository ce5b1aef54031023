extension Migration {
    /// Customers' own domains for their servers (docs/ARCHITECTURE.md "Custom domains"): a claim
    /// per server and domain, proven by a TXT record; a verified domain belongs to one server.
    static let customDomains = Migration(version: 13, name: "custom_domains") { _ in
        [
            """
            CREATE TABLE server_domains (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT NOT NULL REFERENCES mcp_servers(id) ON DELETE CASCADE,
                domain TEXT NOT NULL,
                challenge TEXT NOT NULL,
                status TEXT NOT NULL,
                note TEXT,
                created_at BIGINT NOT NULL,
                checked_at BIGINT,
                verified_at BIGINT
            )
            """,
            "CREATE UNIQUE INDEX server_domains_claim ON server_domains (server_id, domain)",
            // One verified owner per domain, platform-wide: the first to verify wins.
            "CREATE UNIQUE INDEX server_domains_verified ON server_domains (domain) WHERE status = 'verified'",
            "CREATE INDEX server_domains_domain ON server_domains (domain)",
        ]
    }
}
