import Foundation
import Shared

/// `/v1/orgs/{org}/oauth-configs`: the organization's own identity providers for `custom_oauth`
/// servers. Admins change them, members read them; the client secret is sealed at rest and
/// never shown. A config is checked against its provider whenever it is created or changed.
extension AdminAPI {
    var oauthProbe: OAuthConfigProbe { OAuthConfigProbe(policy: services.outbound, allowInsecureHTTP: configuration.oauthAllowInsecureHTTP) }

    func listOAuthConfigs(_ input: Operations.ListOAuthConfigs.Input) async throws -> Operations.ListOAuthConfigs.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let configs = try await database.withConnection { try await OAuthConfigStore().list(organizationID: organization.id, on: $0) }
        return .ok(.init(body: .json(.init(items: configs.map(\.config), nextCursor: nil))))
    }

    func getOAuthConfig(_ input: Operations.GetOAuthConfig.Input) async throws -> Operations.GetOAuthConfig.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        return .ok(.init(body: .json(try await findOAuthConfig(input.path.config, in: organization).config)))
    }

    func createOAuthConfig(_ input: Operations.CreateOAuthConfig.Input) async throws -> Operations.CreateOAuthConfig.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let create) = input.body else { throw APIError.badQuery("expected JSON") }
        let (name, clientID, fields) = (create.name, create.clientId, create.fields)
        let now = Date()
        var stored = StoredOAuthConfig(
            config: APIOAuthConfig(id: Identifier.make("oac"), name: name, discoveryUrl: nil, issuer: nil, authorizeUrl: "", tokenUrl: "",
                                   userinfoUrl: nil, clientId: clientID, hasClientSecret: false, scopes: "openid email profile",
                                   tokenAuthMethod: "client_secret_basic", servers: [], checkedAt: nil, createdAt: now, updatedAt: now),
            sealedSecret: nil)
        try applyOAuthConfig(fields, to: &stored)
        try await checkOAuthConfig(&stored.config)
        let created = stored
        try await database.transaction { db in
            let store = OAuthConfigStore()
            guard try await store.find(created.config.name, organizationID: organization.id, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has an OAuth config named '\(created.config.name)'")
            }
            try await store.insert(created, organizationID: organization.id, on: db)
            try await AuditLog.record("oauth_config.create", target: ("oauth_config", created.config.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": created.config.name], on: db)
        }
        return .created(.init(body: .json(created.config)))
    }

    func updateOAuthConfig(_ input: Operations.UpdateOAuthConfig.Input) async throws -> Operations.UpdateOAuthConfig.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        var stored = try await findOAuthConfig(input.path.config, in: organization)
        let oldName = stored.config.name
        try applyOAuthConfig(fields, to: &stored)
        if fields.discoveryUrl != nil || fields.authorizeUrl != nil || fields.tokenUrl != nil || fields.userinfoUrl != nil || fields.clientSecret != nil {
            try await checkOAuthConfig(&stored.config)
        }
        stored.config.updatedAt = Date()
        let updated = stored
        try await database.transaction { db in
            let store = OAuthConfigStore()
            if updated.config.name != oldName, try await store.find(updated.config.name, organizationID: organization.id, on: db) != nil {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has an OAuth config named '\(updated.config.name)'")
            }
            try await store.update(updated, organizationID: organization.id, on: db)
            try await AuditLog.record("oauth_config.update", target: ("oauth_config", updated.config.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": updated.config.name], on: db)
        }
        return .ok(.init(body: .json(updated.config)))
    }

    /// Refuses while a server signs in with the config (the servers are named).
    func deleteOAuthConfig(_ input: Operations.DeleteOAuthConfig.Input) async throws -> Operations.DeleteOAuthConfig.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let reference = input.path.config
        try await database.transaction { db in
            let store = OAuthConfigStore()
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
        return .noContent(.init())
    }

    /// Checks the provider again and stores what discovery found now.
    func testOAuthConfig(_ input: Operations.TestOAuthConfig.Input) async throws -> Operations.TestOAuthConfig.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        var stored = try await findOAuthConfig(input.path.config, in: organization)
        let checks = await oauthProbe.probe(&stored.config)
        let ok = checks.allSatisfy(\.ok)
        if ok {
            let checked = stored
            try await database.withConnection { try await OAuthConfigStore().update(checked, organizationID: organization.id, on: $0) }
        }
        return .ok(.init(body: .json(APIOAuthConfigTest(ok: ok, checks: checks, config: stored.config))))
    }

    private func findOAuthConfig(_ reference: String, in organization: Organization) async throws -> StoredOAuthConfig {
        guard let stored = try await database.withConnection({ try await OAuthConfigStore().find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no OAuth config '\(reference)' in \(organization.slug)")
        }
        return stored
    }

    /// Validates and applies the given fields (URLs by form only; `check` asks the provider).
    private func applyOAuthConfig(_ input: APIOAuthConfigFields, to stored: inout StoredOAuthConfig) throws {
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
            stored.sealedSecret = secret.isEmpty ? nil : try services.secretBox.seal(secret, context: OAuthConfigStore.secretContext)
            stored.config.hasClientSecret = !secret.isEmpty
        }
        if let discovery = input.discoveryUrl {
            if input.authorizeUrl != nil || input.tokenUrl != nil {
                throw APIError.invalid("give discovery_url, or authorize_url and token_url, not both", field: "discovery_url")
            }
            try validateProviderURL(discovery, field: "discovery_url")
            stored.config.discoveryUrl = discovery
        } else if input.authorizeUrl != nil || input.tokenUrl != nil || input.userinfoUrl != nil {
            stored.config.discoveryUrl = nil
            if let url = input.authorizeUrl { try validateProviderURL(url, field: "authorize_url"); stored.config.authorizeUrl = url }
            if let url = input.tokenUrl { try validateProviderURL(url, field: "token_url"); stored.config.tokenUrl = url }
            if let url = input.userinfoUrl { try validateProviderURL(url, field: "userinfo_url"); stored.config.userinfoUrl = url.isEmpty ? nil : url }
        }
        if stored.config.discoveryUrl == nil, stored.config.authorizeUrl.isEmpty || stored.config.tokenUrl.isEmpty {
            throw APIError.invalid("give discovery_url, or both authorize_url and token_url", field: "discovery_url")
        }
    }

    private func validateProviderURL(_ url: String, field: String) throws {
        if url.isEmpty && field == "userinfo_url" { return }
        if let problem = oauthProbe.problem(with: url) { throw APIError.invalid(problem, field: field) }
    }

    /// Asks the provider; a failed check refuses the change with what failed.
    private func checkOAuthConfig(_ config: inout APIOAuthConfig) async throws {
        let checks = await oauthProbe.probe(&config)
        let failed = checks.filter { !$0.ok }
        guard failed.isEmpty else {
            throw APIError(status: .unprocessableContent, code: "provider_unreachable",
                           message: "the identity provider could not be checked: " + failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; "),
                           details: ["field": config.discoveryUrl != nil ? "discovery_url" : failed[0].name])
        }
    }
}
