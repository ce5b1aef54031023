import Foundation
import Shared
import SQLKit

/// An OAuth config as stored, with its client secret still sealed.
struct StoredOAuthConfig: Sendable {
    var config: APIOAuthConfig
    var sealedSecret: String?
}

/// Organizations' OAuth configs in the database; every query names the organization.
struct OAuthConfigStore: Sendable {
    static let secretContext = "oauth_configs.client_secret"
    private static let columns = ["id", "name", "discovery_url", "issuer", "authorize_url", "token_url", "userinfo_url", "client_id",
                                  "client_secret_sealed", "scopes", "token_auth_method", "checked_at", "created_at", "updated_at"]

    /// The organization's configs, by name.
    func list(organizationID: String, on db: any SQLDatabase) async throws -> [StoredOAuthConfig] {
        let rows = try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("oauth_configs")
            .where("organization_id", .equal, organizationID).orderBy("name").all()
        let users = try await servers(organizationID: organizationID, on: db)
        return try rows.map { try Self.config($0, servers: users) }
    }

    /// The config of `organizationID` whose id or name is `reference`.
    func find(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> StoredOAuthConfig? {
        guard let row = try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("oauth_configs")
            .where("organization_id", .equal, organizationID)
            .where(group: { $0.where("id", .equal, reference).orWhere("name", .equal, reference) })
            .first() else { return nil }
        return try Self.config(row, servers: try await servers(organizationID: organizationID, on: db))
    }

    func insert(_ stored: StoredOAuthConfig, organizationID: String, on db: any SQLDatabase) async throws {
        let config = stored.config
        try await db.insert(into: "oauth_configs")
            .columns(["organization_id"] + Self.columns)
            .values(SQLBind(organizationID), SQLBind(config.id), SQLBind(config.name), SQLBind(config.discoveryUrl), SQLBind(config.issuer),
                    SQLBind(config.authorizeUrl), SQLBind(config.tokenUrl), SQLBind(config.userinfoUrl), SQLBind(config.clientId),
                    SQLBind(stored.sealedSecret), SQLBind(config.scopes), SQLBind(config.tokenAuthMethod),
                    SQLBind(config.checkedAt.map(\.epochMillis)), SQLBind(config.createdAt.epochMillis), SQLBind(config.updatedAt.epochMillis))
            .run()
    }

    func update(_ stored: StoredOAuthConfig, organizationID: String, on db: any SQLDatabase) async throws {
        let config = stored.config
        try await db.update("oauth_configs")
            .set("name", to: config.name).set("discovery_url", to: config.discoveryUrl).set("issuer", to: config.issuer)
            .set("authorize_url", to: config.authorizeUrl).set("token_url", to: config.tokenUrl).set("userinfo_url", to: config.userinfoUrl)
            .set("client_id", to: config.clientId).set("client_secret_sealed", to: stored.sealedSecret).set("scopes", to: config.scopes)
            .set("token_auth_method", to: config.tokenAuthMethod).set("checked_at", to: config.checkedAt.map(\.epochMillis))
            .set("updated_at", to: config.updatedAt.epochMillis)
            .where("organization_id", .equal, organizationID).where("id", .equal, config.id).run()
    }

    func delete(_ id: String, organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "oauth_configs").where("organization_id", .equal, organizationID).where("id", .equal, id).run()
    }

    /// Slugs of the servers using each config of the organization.
    private func servers(organizationID: String, on db: any SQLDatabase) async throws -> [String: [String]] {
        let rows = try await db.select().columns("oauth_config_id", "slug").from("mcp_servers")
            .where("organization_id", .equal, organizationID).where("oauth_config_id", .isNot, SQLLiteral.null).orderBy("slug").all()
        var users: [String: [String]] = [:]
        for row in rows {
            users[try row.decode(column: "oauth_config_id", as: String.self), default: []].append(try row.decode(column: "slug", as: String.self))
        }
        return users
    }

    private static func config(_ row: any SQLRow, servers: [String: [String]]) throws -> StoredOAuthConfig {
        let id = try row.decode(column: "id", as: String.self)
        let sealed = try row.decode(column: "client_secret_sealed", as: String?.self)
        let config = APIOAuthConfig(
            id: id, name: try row.decode(column: "name", as: String.self), discoveryUrl: try row.decode(column: "discovery_url", as: String?.self),
            issuer: try row.decode(column: "issuer", as: String?.self), authorizeUrl: try row.decode(column: "authorize_url", as: String?.self) ?? "",
            tokenUrl: try row.decode(column: "token_url", as: String?.self) ?? "", userinfoUrl: try row.decode(column: "userinfo_url", as: String?.self),
            clientId: try row.decode(column: "client_id", as: String.self), hasClientSecret: sealed != nil,
            scopes: try row.decode(column: "scopes", as: String.self), tokenAuthMethod: try row.decode(column: "token_auth_method", as: String.self),
            servers: servers[id] ?? [], checkedAt: try row.decode(column: "checked_at", as: EpochMillis?.self).map { Date(epochMillis: $0) },
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)))
        return StoredOAuthConfig(config: config, sealedSecret: sealed)
    }
}
