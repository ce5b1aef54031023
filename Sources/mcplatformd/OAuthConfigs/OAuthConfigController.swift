import Foundation
import Hummingbird
import Shared

/// `/v1/orgs/{org}/oauth-configs`: the organization's own identity providers for `custom_oauth`
/// servers. Admins change them, members read them; the client secret is sealed at rest and
/// never shown. A config is checked against its provider whenever it is created or changed.
struct OAuthConfigController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let box: SecretBox
    let probe: OAuthConfigProbe
    let store = OAuthConfigStore()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/oauth-configs", use: list)
        group.post(":org/oauth-configs", use: create)
        group.get(":org/oauth-configs/:config", use: show)
        group.patch(":org/oauth-configs/:config", use: update)
        group.delete(":org/oauth-configs/:config", use: delete)
        group.post(":org/oauth-configs/:config/test", use: test)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIOAuthConfig> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let configs = try await database.withConnection { try await store.list(organizationID: organization.id, on: $0) }
        return Page(items: configs.map(\.config), nextCursor: nil)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIOAuthConfig {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return try await find(try context.parameters.require("config"), organization: organization).config
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIOAuthConfigFields.self, context: context)
        guard let name = input.name else { throw APIError.invalid("name is required", field: "name") }
        guard let clientID = input.clientId else { throw APIError.invalid("client_id is required", field: "client_id") }
        let now = Date()
        var stored = StoredOAuthConfig(
            config: APIOAuthConfig(id: Identifier.make("oac"), name: name, discoveryUrl: nil, issuer: nil, authorizeUrl: "", tokenUrl: "",
                                   userinfoUrl: nil, clientId: clientID, hasClientSecret: false, scopes: "openid email profile",
                                   tokenAuthMethod: "client_secret_basic", servers: [], checkedAt: nil, createdAt: now, updatedAt: now),
            sealedSecret: nil)
        try apply(input, to: &stored)
        try await check(&stored.config)
        let created = stored
        try await database.transaction { db in
            guard try await store.find(created.config.name, organizationID: organization.id, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has an OAuth config named '\(created.config.name)'")
            }
            try await store.insert(created, organizationID: organization.id, on: db)
            try await AuditLog.record("oauth_config.create", target: ("oauth_config", created.config.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": created.config.name], on: db)
        }
        return try Response.json(created.config, status: .created)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> APIOAuthConfig {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIOAuthConfigFields.self, context: context)
        var stored = try await find(try context.parameters.require("config"), organization: organization)
        let oldName = stored.config.name
        try apply(input, to: &stored)
        if input.discoveryUrl != nil || input.authorizeUrl != nil || input.tokenUrl != nil || input.userinfoUrl != nil || input.clientSecret != nil {
            try await check(&stored.config)
        }
        stored.config.updatedAt = Date()
        let updated = stored
        try await database.transaction { db in
            if updated.config.name != oldName, try await store.find(updated.config.name, organizationID: organization.id, on: db) != nil {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has an OAuth config named '\(updated.config.name)'")
            }
            try await store.update(updated, organizationID: organization.id, on: db)
            try await AuditLog.record("oauth_config.update", target: ("oauth_config", updated.config.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": updated.config.name], on: db)
        }
        return updated.config
    }

    /// Refuses while a server signs in with the config (the servers are named).
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let reference = try context.parameters.require("config")
        try await database.transaction { db in
            guard let stored = try await store.find(reference, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no OAuth config '\(reference)' in \(organization.slug)")
            }
            guard stored.config.servers.isEmpty else {
                throw APIError(status: .conflict, code: "in_use",
                               message: "OAuth config '\(stored.config.name)' is used by \(stored.config.servers.joined(separator: ", ")); "
                                   + "switch those servers to another auth mode or config first",
                               details: ["servers": stored.config.servers.joined(separator: ",")])
            }
            try await store.delete(stored.config.id, organizationID: organization.id, on: db)
            try await AuditLog.record("oauth_config.delete", target: ("oauth_config", stored.config.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": stored.config.name], on: db)
        }
        return .noContent
    }

    /// Checks the provider again and stores what discovery found now.
    @Sendable func test(_ request: Request, context: AppRequestContext) async throws -> APIOAuthConfigTest {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        var stored = try await find(try context.parameters.require("config"), organization: organization)
        let checks = await probe.probe(&stored.config)
        let ok = checks.allSatisfy(\.ok)
        if ok {
            let checked = stored
            try await database.withConnection { try await store.update(checked, organizationID: organization.id, on: $0) }
        }
        return APIOAuthConfigTest(ok: ok, checks: checks, config: stored.config)
    }

    private func find(_ reference: String, organization: Organization) async throws -> StoredOAuthConfig {
        guard let stored = try await database.withConnection({ try await store.find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no OAuth config '\(reference)' in \(organization.slug)")
        }
        return stored
    }

    /// Validates and applies the given fields (URLs by form only; `check` asks the provider).
    private func apply(_ input: APIOAuthConfigFields, to stored: inout StoredOAuthConfig) throws {
        if let name = input.name {
            guard (1...100).contains(name.count), !name.hasPrefix("oac_") else {
                throw APIError.invalid("a name has 1 to 100 characters and does not start with oac_", field: "name")
            }
            stored.config.name = name
        }
        if let clientID = input.clientId {
            guard (1...500).contains(clientID.count) else { throw APIError.invalid("client_id has 1 to 500 characters", field: "client_id") }
            stored.config.clientId = clientID
        }
        if let scopes = input.scopes {
            let words = scopes.split(separator: " ")
            guard !words.isEmpty, scopes.count <= 500, words.allSatisfy({ $0.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "\\" } }) else {
                throw APIError.invalid("scopes are space-separated words such as 'openid email profile'", field: "scopes")
            }
            stored.config.scopes = words.joined(separator: " ")
        }
        if let secret = input.clientSecret {
            guard secret.count <= 1000 else { throw APIError.invalid("client_secret has at most 1000 characters", field: "client_secret") }
            stored.sealedSecret = secret.isEmpty ? nil : try box.seal(secret, context: OAuthConfigStore.secretContext)
            stored.config.hasClientSecret = !secret.isEmpty
        }
        if let discovery = input.discoveryUrl {
            if input.authorizeUrl != nil || input.tokenUrl != nil {
                throw APIError.invalid("give discovery_url, or authorize_url and token_url, not both", field: "discovery_url")
            }
            try validate(discovery, field: "discovery_url")
            stored.config.discoveryUrl = discovery
        } else if input.authorizeUrl != nil || input.tokenUrl != nil || input.userinfoUrl != nil {
            stored.config.discoveryUrl = nil
            if let url = input.authorizeUrl { try validate(url, field: "authorize_url"); stored.config.authorizeUrl = url }
            if let url = input.tokenUrl { try validate(url, field: "token_url"); stored.config.tokenUrl = url }
            if let url = input.userinfoUrl { try validate(url, field: "userinfo_url"); stored.config.userinfoUrl = url.isEmpty ? nil : url }
        }
        if stored.config.discoveryUrl == nil, stored.config.authorizeUrl.isEmpty || stored.config.tokenUrl.isEmpty {
            throw APIError.invalid("give discovery_url, or both authorize_url and token_url", field: "discovery_url")
        }
    }

    private func validate(_ url: String, field: String) throws {
        if url.isEmpty && field == "userinfo_url" { return }
        if let problem = probe.problem(with: url) { throw APIError.invalid(problem, field: field) }
    }

    /// Asks the provider; a failed check refuses the change with what failed.
    private func check(_ config: inout APIOAuthConfig) async throws {
        let checks = await probe.probe(&config)
        let failed = checks.filter { !$0.ok }
        guard failed.isEmpty else {
            throw APIError(status: .unprocessableContent, code: "provider_unreachable",
                           message: "the identity provider could not be checked: " + failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; "),
                           details: ["field": config.discoveryUrl != nil ? "discovery_url" : failed[0].name])
        }
    }
}
