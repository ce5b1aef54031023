extension Migration {
    /// Webhooks may be limited to one server's ticket events (support is routed per product).
    static let webhookServers = Migration(version: 10, name: "webhook_servers") { _ in
        ["ALTER TABLE webhooks ADD COLUMN server_id TEXT REFERENCES mcp_servers(id) ON DELETE CASCADE"]
    }
}
