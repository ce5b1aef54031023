import Foundation
import Shared

/// `/v1/orgs/{org}/servers/{server}/domains`: customers' own domains for a server.
extension AdminAPI {
    func listServerDomains(_ input: Operations.ListServerDomains.Input) async throws -> Operations.ListServerDomains.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let server = try await findServer(input.path.server, in: organization)
        let claims = try await database.withConnection { try await DomainStore().list(serverID: server.id, organizationID: organization.id, on: $0) }
        return .ok(.init(body: .json(.init(items: claims.map { customDomain($0, slug: server.slug) }))))
    }

    func addServerDomain(_ input: Operations.AddServerDomain.Input) async throws -> Operations.AddServerDomain.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let body) = input.body else { throw APIError.badQuery("expected JSON") }
        let server = try await findServer(input.path.server, in: organization)
        do {
            let domain = try DomainName.normalize(body.domain, baseDomain: configuration.baseDomain)
            let claim = try await claimDomain(domain, server: server, organization: organization, principal: principal)
            return .created(.init(body: .json(customDomain(claim, slug: server.slug))))
        } catch let error as DomainError {
            throw Self.apiError(error)
        }
    }

    func verifyServerDomain(_ input: Operations.VerifyServerDomain.Input) async throws -> Operations.VerifyServerDomain.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let server = try await findServer(input.path.server, in: organization)
        do {
            let claim = try await verifyDomain(input.path.domain, server: server, organization: organization, principal: principal)
            return .ok(.init(body: .json(customDomain(claim, slug: server.slug))))
        } catch let error as DomainError {
            throw Self.apiError(error)
        }
    }

    func removeServerDomain(_ input: Operations.RemoveServerDomain.Input) async throws -> Operations.RemoveServerDomain.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let server = try await findServer(input.path.server, in: organization)
        let domain = input.path.domain.lowercased()
        let removed = try await database.transaction { db -> Bool in
            let store = DomainStore()
            guard let claim = try await store.find(domain: domain, serverID: server.id, organizationID: organization.id, on: db) else { return false }
            try await store.delete(id: claim.id, on: db)
            try await AuditLog.record("server.domain_remove", target: ("server", server.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["domain": domain], on: db)
            return true
        }
        guard removed else { throw Self.apiError(.notClaimed(domain)) }
        // This replica stops routing the domain now; others within CustomDomainDirectory.lifetime.
        services.domains.forget(domain)
        return .noContent(.init())
    }

    /// Stores a pending claim; refused when this server already claims the domain or another
    /// server has verified it (unverified claims of others block nobody).
    private func claimDomain(_ domain: String, server: APIServer, organization: Organization, principal: Principal) async throws -> DomainClaim {
        try await database.transaction { db in
            let store = DomainStore()
            if try await store.find(domain: domain, serverID: server.id, organizationID: organization.id, on: db) != nil {
                throw DomainError.alreadyClaimed(domain)
            }
            if try await store.verifiedElsewhere(domain, serverID: server.id, on: db) { throw DomainError.verifiedElsewhere(domain) }
            let claim = try await store.claim(domain: domain, serverID: server.id, organizationID: organization.id, on: db)
            try await AuditLog.record("server.domain_add", target: ("server", server.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["domain": domain], on: db)
            return claim
        }
    }

    /// Looks the challenge record up now; on a match marks the claim verified (dropping other
    /// servers' pending claims), otherwise records what was found and refuses.
    private func verifyDomain(_ reference: String, server: APIServer, organization: Organization, principal: Principal) async throws -> DomainClaim {
        let domain = reference.lowercased()
        let store = DomainStore()
        guard let claim = try await database.withConnection({
            try await store.find(domain: domain, serverID: server.id, organizationID: organization.id, on: $0)
        }) else { throw DomainError.notClaimed(domain) }
        if claim.status == "verified" { return claim }
        if try await database.withConnection({ try await store.verifiedElsewhere(domain, serverID: server.id, on: $0) }) {
            throw DomainError.verifiedElsewhere(domain)
        }
        let name = DomainName.challengeName(of: domain)
        let expected = DomainName.challengeValue(token: claim.challenge)
        let texts: [String]
        do {
            guard let resolver = configuration.dnsResolver ?? DNSClient.make(resolver: nil) else {
                throw DNSError.unreachable("no dns-resolver is set and /etc/resolv.conf names no name server")
            }
            texts = try await resolver.texts(of: name)
        } catch {
            try await database.withConnection { try await store.recordCheck(id: claim.id, note: "lookup failed: \(error)", on: $0) }
            throw DomainError.lookupFailed(name: name, reason: "\(error)")
        }
        guard texts.contains(expected) else {
            let note = texts.isEmpty ? "no TXT record at \(name)" : "TXT at \(name) holds " + texts.map { "'\($0.prefix(100))'" }.joined(separator: ", ")
            try await database.withConnection { try await store.recordCheck(id: claim.id, note: note, on: $0) }
            throw DomainError.mismatch(name: name, expected: expected, found: texts)
        }
        let verified = try await database.transaction { db in
            if try await store.verifiedElsewhere(domain, serverID: server.id, on: db) { throw DomainError.verifiedElsewhere(domain) }
            try await store.markVerified(id: claim.id, domain: domain, on: db)
            try await AuditLog.record("server.domain_verify", target: ("server", server.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["domain": domain], on: db)
            return try await store.find(domain: domain, serverID: server.id, organizationID: organization.id, on: db)
        }
        services.domains.forget(domain)
        guard let verified else { throw DomainError.notClaimed(domain) }
        return verified
    }

    /// The API's view of a claim, with the records to create.
    private func customDomain(_ claim: DomainClaim, slug: String) -> APICustomDomain {
        APICustomDomain(
            domain: claim.domain, status: .init(rawValue: claim.status) ?? .pending,
            txtName: DomainName.challengeName(of: claim.domain), txtValue: DomainName.challengeValue(token: claim.challenge),
            cnameTarget: "\(slug).\(configuration.baseDomain)", note: claim.note,
            url: claim.status == "verified" ? ServerAddressing.origin(ofDomain: claim.domain, publicURL: services.publicURL.value) + "/mcp" : nil,
            createdAt: Date(epochMillis: claim.createdAt), checkedAt: claim.checkedAt.map(Date.init(epochMillis:)),
            verifiedAt: claim.verifiedAt.map(Date.init(epochMillis:)))
    }

    /// The one place domain errors become HTTP answers.
    static func apiError(_ error: DomainError) -> APIError {
        switch error {
        case .invalidName(let text, let why):
            APIError.invalid("'\(text.prefix(100))' is not a usable custom domain: \(why)", field: "domain")
        case .alreadyClaimed(let domain):
            APIError(status: .conflict, code: "conflict", message: "this server already claims \(domain) (mcpctl servers domains verify)")
        case .verifiedElsewhere(let domain):
            APIError(status: .conflict, code: "conflict", message: "\(domain) is verified for another server")
        case .notClaimed(let domain):
            APIError.notFound("this server has no claim on '\(domain.prefix(100))' (mcpctl servers domains list)")
        case .mismatch(let name, let expected, let found):
            APIError.invalid(found.isEmpty
                ? "no TXT record found at \(name); create it with the value \(expected)"
                : "the TXT record at \(name) holds \(found.map { "'\($0.prefix(100))'" }.joined(separator: ", ")), not \(expected)", field: "domain")
        case .lookupFailed(let name, let reason):
            APIError.invalid("could not look up the TXT record \(name): \(reason)", field: "domain")
        }
    }
}
