import Foundation
import Shared
import SQLKit

/// Hosted MCP servers in the database; every query is scoped to one organization.
struct ServerStore: Sendable {
    static let columns = ["id", "slug", "name", "product_name", "auth_mode", "oauth_config_id", "support_enabled",
                          "walkthroughs_enabled", "docs_search_enabled", "instructions", "created_at", "updated_at"]

    /// The server of `organizationID` whose slug or id is `reference`.
    func find(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APIServer? {
        try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("mcp_servers")
            .where("organization_id", .equal, organizationID)
            .where(group: { $0.where("slug", .equal, reference).orWhere("id", .equal, reference) })
            .first().map(Self.server)
    }

    /// Whether any organization has a server with `slug` (slugs are global: they are host names).
    func slugTaken(_ slug: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("mcp_servers").where("slug", .equal, slug).first() != nil
    }

    /// Inserts a server.
    func insert(_ server: APIServer, organizationID: String, on db: any SQLDatabase) async throws {
        let now = nowMillis()
        try await db.insert(into: "mcp_servers")
            .columns(["organization_id"] + Self.columns)
            .values(SQLBind(organizationID), SQLBind(server.id), SQLBind(server.slug), SQLBind(server.name), SQLBind(server.productName),
                    SQLBind(server.authMode.rawValue), SQLBind(server.oauthConfigId), SQLBind(server.supportEnabled),
                    SQLBind(server.walkthroughsEnabled), SQLBind(server.docsSearchEnabled), SQLBind(server.instructions),
                    SQLBind(now), SQLBind(now))
            .run()
    }

    /// Writes every field of `server`.
    func update(_ server: APIServer, organizationID: String, on db: any SQLDatabase) async throws {
        try await db.update("mcp_servers")
            .set("slug", to: server.slug).set("name", to: server.name).set("product_name", to: server.productName)
            .set("auth_mode", to: server.authMode.rawValue).set("oauth_config_id", to: server.oauthConfigId)
            .set("support_enabled", to: server.supportEnabled).set("walkthroughs_enabled", to: server.walkthroughsEnabled)
            .set("docs_search_enabled", to: server.docsSearchEnabled).set("instructions", to: server.instructions)
            .set("updated_at", to: nowMillis())
            .where("organization_id", .equal, organizationID).where("id", .equal, server.id).run()
    }

    /// A page of the organization's servers, with their creation times.
    func list(organizationID: String, page: Pagination, on db: any SQLDatabase) async throws -> [(APIServer, EpochMillis)] {
        let rows = try await page.apply(to: db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("mcp_servers")
            .where("organization_id", .equal, organizationID), table: "mcp_servers").all()
        return try rows.map { (try Self.server($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    func delete(_ id: String, organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "mcp_servers").where("organization_id", .equal, organizationID).where("id", .equal, id).run()
    }

    static func server(_ row: any SQLRow) throws -> APIServer {
        APIServer(
            id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self), productName: try row.decode(column: "product_name", as: String.self),
            authMode: AuthMode(rawValue: try row.decode(column: "auth_mode", as: String.self)) ?? .none,
            oauthConfigId: try row.decode(column: "oauth_config_id", as: String?.self),
            supportEnabled: try row.decode(column: "support_enabled", as: Bool.self),
            walkthroughsEnabled: try row.decode(column: "walkthroughs_enabled", as: Bool.self),
            docsSearchEnabled: try row.decode(column: "docs_search_enabled", as: Bool.self),
            instructions: try row.decode(column: "instructions", as: String.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)))
    }
}
