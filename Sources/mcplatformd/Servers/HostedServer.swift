import Shared
import SQLKit

/// A hosted MCP server as the MCP endpoint needs it: the server's settings and its organization.
///
/// A class: one request hands it through a dozen layers and caches, and a reference is copied
/// with one retain where the settings' fields would take one each.
final class HostedServer: Sendable, Equatable {
    let organizationID: String
    let settings: APIServer
    /// Whether any document this server sees (its own or org-wide) is indexed.
    let hasIndexedDocuments: Bool
    /// Whether at least one published walkthrough is assigned to it and enabled.
    let hasWalkthroughs: Bool

    init(organizationID: String, settings: APIServer, hasIndexedDocuments: Bool = false, hasWalkthroughs: Bool = false) {
        self.organizationID = organizationID
        self.settings = settings
        self.hasIndexedDocuments = hasIndexedDocuments
        self.hasWalkthroughs = hasWalkthroughs
    }

    var id: String { settings.id }
    var slug: String { settings.slug }

    static func == (lhs: HostedServer, rhs: HostedServer) -> Bool {
        lhs === rhs || (lhs.organizationID == rhs.organizationID && lhs.settings == rhs.settings
            && lhs.hasIndexedDocuments == rhs.hasIndexedDocuments && lhs.hasWalkthroughs == rhs.hasWalkthroughs)
    }
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
                    .column(SQLRaw("""
                        CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.organization_id = mcp_servers.organization_id
                            AND (d.server_key = '' OR d.server_key = mcp_servers.id) AND d.status = 'indexed') THEN 1 ELSE 0 END AS has_documents
                        """))
                    .column(SQLRaw("""
                        CASE WHEN EXISTS (SELECT 1 FROM server_walkthroughs a JOIN walkthroughs w ON w.id = a.walkthrough_id
                            WHERE a.server_id = mcp_servers.id AND a.enabled = \(database.engine == .sqlite ? "1" : "TRUE") AND w.status = 'published')
                            THEN 1 ELSE 0 END AS has_walkthroughs
                        """))
                    .from("mcp_servers").where("slug", .equal, slug).first() else { return nil }
                return HostedServer(organizationID: try row.decode(column: "organization_id", as: String.self),
                                    settings: try ServerStore.server(row),
                                    hasIndexedDocuments: try row.decode(column: "has_documents", as: Int.self) == 1,
                                    hasWalkthroughs: try row.decode(column: "has_walkthroughs", as: Int.self) == 1)
            }
        }
    }
}
