import Foundation
import Shared

/// `/v1/orgs/{org}/servers`: hosted MCP servers.
extension AdminAPI {
    func listServers(_ input: Operations.ListServers.Input) async throws -> Operations.ListServers.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let servers = try await database.withConnection { try await ServerStore().list(organizationID: organization.id, page: page, on: $0) }
        let (items, next) = page.page(servers) { ($0.1, $0.0.id) }
        return .ok(.init(body: .json(.init(items: items.map(\.0), nextCursor: next))))
    }

    func createServer(_ input: Operations.CreateServer.Input) async throws -> Operations.CreateServer.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let create) = input.body else { throw APIError.badQuery("expected JSON") }
        let (slug, name, fields) = (create.slug, create.name, create.fields)
        let now = Date()
        var server = APIServer(id: Identifier.make("srv"), slug: slug, name: name, productName: fields.productName ?? name,
                               authMode: .none, oauthConfigId: nil, supportEnabled: true, walkthroughsEnabled: true,
                               docsSearchEnabled: true, instructions: "", createdAt: now, updatedAt: now)
        try await apply(fields, to: &server, organizationID: organization.id)
        let created = server
        try await database.transaction { db in
            let servers = ServerStore()
            guard try await !servers.slugTaken(created.slug, on: db) else {
                throw APIError(status: .conflict, code: "conflict", message: "the server slug '\(created.slug)' is taken")
            }
            try await servers.insert(created, organizationID: organization.id, on: db)
            try await AuditLog.record("server.create", target: ("server", created.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": created.slug], on: db)
        }
        server.connect = connectInfo(for: server.slug)
        return .created(.init(body: .json(server)))
    }

    func getServer(_ input: Operations.GetServer.Input) async throws -> Operations.GetServer.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        var server = try await findServer(input.path.server, in: organization)
        var connect = connectInfo(for: server.slug)
        let serverID = server.id
        let domains = try await database.withConnection { try await DomainStore().verifiedDomains(serverID: serverID, on: $0) }
        if !domains.isEmpty {
            connect.customUrls = domains.map { ServerAddressing.origin(ofDomain: $0, publicURL: services.publicURL.value) + "/mcp" }
        }
        server.connect = connect
        return .ok(.init(body: .json(server)))
    }

    func updateServer(_ input: Operations.UpdateServer.Input) async throws -> Operations.UpdateServer.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        var server = try await findServer(input.path.server, in: organization)
        let oldSlug = server.slug
        try await apply(fields, to: &server, organizationID: organization.id)
        let updated = server
        try await database.transaction { db in
            let servers = ServerStore()
            if updated.slug != oldSlug, try await servers.slugTaken(updated.slug, on: db) {
                throw APIError(status: .conflict, code: "conflict", message: "the server slug '\(updated.slug)' is taken")
            }
            try await servers.update(updated, organizationID: organization.id, on: db)
            try await AuditLog.record("server.update", target: ("server", updated.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": updated.slug], on: db)
        }
        server.connect = connectInfo(for: server.slug)
        return .ok(.init(body: .json(server)))
    }

    func deleteServer(_ input: Operations.DeleteServer.Input) async throws -> Operations.DeleteServer.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let server = try await findServer(input.path.server, in: organization)
        try await database.transaction { db in
            try await ServerStore().delete(server.id, organizationID: organization.id, on: db)
            try await AuditLog.record("server.delete", target: ("server", server.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": server.slug], on: db)
        }
        return .noContent(.init())
    }

    /// Where end users connect to `slug` (reads the bound public port when it was 0).
    private func connectInfo(for slug: String) -> ServerConnectInfo {
        ConnectInfoBuilder(publicURL: services.publicURL.value, baseDomain: configuration.baseDomain).info(for: slug)
    }

    /// The server of the organization with this slug or id; 404 otherwise.
    func findServer(_ reference: String, in organization: Organization) async throws -> APIServer {
        guard let server = try await database.withConnection({ try await ServerStore().find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no server '\(reference)' in \(organization.slug)")
        }
        return server
    }

    /// Validates and applies the given fields; an OAuth config is looked up in the server's
    /// organization only (by id or name).
    private func apply(_ fields: ServerFields, to server: inout APIServer, organizationID: String) async throws {
        if let slug = fields.slug { try validateSlug(slug); server.slug = slug }
        if let name = fields.name { try validateName(name); server.name = name }
        if let product = fields.productName { try validateName(product, field: "product_name"); server.productName = product }
        if let instructions = fields.instructions {
            guard instructions.count <= 10_000 else { throw APIError.invalid("instructions have at most 10000 characters", field: "instructions") }
            server.instructions = instructions
        }
        if let reference = fields.oauthConfigId {
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
        if let mode = fields.authMode {
            server.authMode = mode
            if mode != .customOAuth, fields.oauthConfigId == nil { server.oauthConfigId = nil }
        }
        if server.authMode == .customOAuth, server.oauthConfigId == nil {
            throw APIError.invalid("custom_oauth needs an OAuth config: pass oauth_config_id (mcpctl servers update --oauth-config NAME)",
                                   field: "oauth_config_id")
        }
        if server.authMode != .customOAuth, server.oauthConfigId != nil {
            throw APIError.invalid("an OAuth config is used only in custom_oauth mode", field: "oauth_config_id")
        }
        if server.authMode == .platformOAuth, configuration.platformOAuth == nil {
            throw APIError.invalid("platform_oauth needs the daemon's platform identity provider (platform-oauth-* settings), which is not configured",
                                   field: "auth_mode")
        }
        if let value = fields.supportEnabled { server.supportEnabled = value }
        if let value = fields.walkthroughsEnabled { server.walkthroughsEnabled = value }
        if let value = fields.docsSearchEnabled { server.docsSearchEnabled = value }
    }
}
