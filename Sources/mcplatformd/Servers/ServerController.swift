import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/servers`: hosted MCP servers.
struct ServerController: Sendable {
    let database: Database
    let access: OrganizationAccess
    /// Where end users connect; reads the bound public port when it was 0.
    let connect: @Sendable () -> ConnectInfoBuilder
    /// Whether the operator configured a platform identity provider (needed by `platform_oauth`).
    let platformOAuthConfigured: Bool
    var servers = ServerStore()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/servers", use: list)
        group.post(":org/servers", use: create)
        group.get(":org/servers/:server", use: show)
        group.patch(":org/servers/:server", use: update)
        group.delete(":org/servers/:server", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIServer> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            try await page.apply(to: db.select().columns(ServerStore.columns.map { SQLIdentifier($0) }).from("mcp_servers")
                .where("organization_id", .equal, organization.id), table: "mcp_servers").all()
        }
        let items = try rows.map { (try ServerStore.server($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
        let (pageItems, next) = page.page(items) { ($0.1, $0.0.id) }
        return Page(items: pageItems.map(\.0), nextCursor: next)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: ServerFields.self, context: context)
        guard let slug = input.slug else { throw Self.missing("slug") }
        guard let name = input.name else { throw Self.missing("name") }
        let now = Date()
        var server = APIServer(id: Identifier.make("srv"), slug: slug, name: name, productName: input.productName ?? name,
                               authMode: .none, oauthConfigId: nil, supportEnabled: true, walkthroughsEnabled: true,
                               docsSearchEnabled: true, instructions: "", createdAt: now, updatedAt: now)
        try await apply(input, to: &server, organizationID: organization.id)
        let created = server
        try await database.transaction { db in
            guard try await !servers.slugTaken(created.slug, on: db) else {
                throw APIError(status: .conflict, code: "conflict", message: "the server slug '\(created.slug)' is taken")
            }
            try await servers.insert(created, organizationID: organization.id, on: db)
            try await AuditLog.record("server.create", target: ("server", created.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": created.slug], on: db)
        }
        var shown = created
        shown.connect = connect().info(for: created.slug)
        return try Response.json(shown, status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIServer {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        var server = try await find(try context.parameters.require("server"), organization: organization)
        server.connect = connect().info(for: server.slug)
        return server
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> APIServer {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: ServerFields.self, context: context)
        var server = try await find(try context.parameters.require("server"), organization: organization)
        let oldSlug = server.slug
        try await apply(input, to: &server, organizationID: organization.id)
        let updated = server
        try await database.transaction { db in
            if updated.slug != oldSlug, try await servers.slugTaken(updated.slug, on: db) {
                throw APIError(status: .conflict, code: "conflict", message: "the server slug '\(updated.slug)' is taken")
            }
            try await servers.update(updated, organizationID: organization.id, on: db)
            try await AuditLog.record("server.update", target: ("server", updated.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": updated.slug], on: db)
        }
        server.connect = connect().info(for: server.slug)
        return server
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let server = try await find(try context.parameters.require("server"), organization: organization)
        try await database.transaction { db in
            try await db.delete(from: "mcp_servers").where("organization_id", .equal, organization.id).where("id", .equal, server.id).run()
            try await AuditLog.record("server.delete", target: ("server", server.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": server.slug], on: db)
        }
        return .noContent
    }

    private func find(_ reference: String, organization: Organization) async throws -> APIServer {
        guard let server = try await database.withConnection({ try await servers.find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no server '\(reference)' in \(organization.slug)")
        }
        return server
    }

    /// Validates and applies the given fields; an OAuth config is looked up in the server's
    /// organization only (by id or name).
    private func apply(_ input: ServerFields, to server: inout APIServer, organizationID: String) async throws {
        if let slug = input.slug { try validateSlug(slug); server.slug = slug }
        if let name = input.name { try validateName(name); server.name = name }
        if let product = input.productName { try validateName(product, field: "product_name"); server.productName = product }
        if let instructions = input.instructions {
            guard instructions.count <= 10_000 else {
                throw APIError(status: .unprocessableContent, code: "invalid", message: "instructions have at most 10000 characters", details: ["field": "instructions"])
            }
            server.instructions = instructions
        }
        if let reference = input.oauthConfigId {
            if reference.isEmpty || reference == "none" {
                server.oauthConfigId = nil
            } else {
                let config = try await database.withConnection { try await OAuthConfigStore().find(reference, organizationID: organizationID, on: $0) }
                guard let config else {
                    throw APIError.invalid("no OAuth config '\(reference)' in this organization (mcpctl oauth-configs list)", field: "oauth_config_id")
                }
                server.oauthConfigId = config.config.id
            }
        }
        if let mode = input.authMode {
            server.authMode = mode
            if mode != .customOAuth, input.oauthConfigId == nil { server.oauthConfigId = nil }
        }
        if server.authMode == .customOAuth, server.oauthConfigId == nil {
            throw APIError.invalid("custom_oauth needs an OAuth config: pass oauth_config_id (mcpctl servers update --oauth-config NAME)",
                                   field: "oauth_config_id")
        }
        if server.authMode != .customOAuth, server.oauthConfigId != nil {
            throw APIError.invalid("an OAuth config is used only in custom_oauth mode", field: "oauth_config_id")
        }
        if server.authMode == .platformOAuth, !platformOAuthConfigured {
            throw APIError.invalid("platform_oauth needs the daemon's platform identity provider (platform-oauth-* settings), which is not configured",
                                   field: "auth_mode")
        }
        if let value = input.supportEnabled { server.supportEnabled = value }
        if let value = input.walkthroughsEnabled { server.walkthroughsEnabled = value }
        if let value = input.docsSearchEnabled { server.docsSearchEnabled = value }
    }

    private static func missing(_ field: String) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid", message: "\(field) is required", details: ["field": field])
    }
}
