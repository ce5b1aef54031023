import Foundation
import SQLKit

/// Dynamically registered clients in the database. A client belongs to the hosted server it
/// registered at: it is unknown to every other server.
struct OAuthClientStore: Sendable {
    /// Stores a new client.
    func insert(_ client: OAuthClient, grantTypes: [String], clientURI: String?, scope: String?, serverID: String, organizationID: String,
                now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.insert(into: "oauth_clients")
            .columns("id", "organization_id", "server_id", "client_name", "client_uri", "redirect_uris", "grant_types",
                     "token_endpoint_auth_method", "secret_hash", "scope", "created_at", "last_used_at")
            .values(SQLBind(client.id), SQLBind(organizationID), SQLBind(serverID), SQLBind(client.name), SQLBind(clientURI),
                    SQLBind(JSONText.encode(client.redirectURIs)), SQLBind(JSONText.encode(grantTypes)), SQLBind(client.authMethod.rawValue),
                    SQLBind(client.secretHash), SQLBind(scope), SQLBind(now), SQLBind(now))
            .run()
    }

    /// The client `id` registered at server `serverID`.
    func find(_ id: String, serverID: String, on db: any SQLDatabase) async throws -> OAuthClient? {
        guard id.count <= 200, let row = try await db.select()
            .columns("id", "client_name", "redirect_uris", "token_endpoint_auth_method", "secret_hash")
            .from("oauth_clients").where("id", .equal, id).where("server_id", .equal, serverID).first() else { return nil }
        return OAuthClient(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "client_name", as: String?.self),
            redirectURIs: JSONText.decode([String].self, try row.decode(column: "redirect_uris", as: String.self)) ?? [],
            authMethod: OAuthClient.AuthMethod(rawValue: try row.decode(column: "token_endpoint_auth_method", as: String.self)) ?? .none,
            secretHash: try row.decode(column: "secret_hash", as: String?.self), isMetadataDocument: false)
    }

    /// Notes that a client was used (unused clients are removed after a long idle time).
    func touch(_ id: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("oauth_clients").set("last_used_at", to: now)
            .where("id", .equal, id).where("last_used_at", .lessThan, now - 3_600_000).run()
    }
}

/// JSON arrays and objects stored in text columns.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
