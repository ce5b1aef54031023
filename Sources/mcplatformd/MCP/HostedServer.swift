import Shared
import SQLKit

/// A hosted MCP server as the MCP endpoint needs it: the server's settings and its organization.
struct HostedServer: Sendable, Equatable {
    let organizationID: String
    let settings: APIServer

    var id: String { settings.id }
    var slug: String { settings.slug }
}

/// Finds hosted servers by slug for the public endpoint, caching each answer for two seconds:
/// a server changed through the admin API on any replica is served changed moments later.
struct HostedServerDirectory: Sendable {
    let database: Database
    private let cache = ExpiringCache<String, HostedServer>(lifetime: .seconds(2))

    init(database: Database) {
        self.database = database
    }

    /// The server whose slug is `slug`, in whichever organization owns it (slugs are global).
    func server(slug: String) async throws -> HostedServer? {
        let slug = slug.lowercased()
        guard Slug.problem(with: slug) == nil else { return nil }
        return try await cache.value(for: slug) {
            try await database.withConnection { db in
                guard let row = try await db.select().columns((["organization_id"] + ServerStore.columns).map { SQLIdentifier($0) })
                    .from("mcp_servers").where("slug", .equal, slug).first() else { return nil }
                return HostedServer(organizationID: try row.decode(column: "organization_id", as: String.self),
                                    settings: try ServerStore.server(row))
            }
        }
    }
}
