import Foundation
import Shared

/// `/v1/orgs/{org}/tokens`: API tokens for CI, bound to one organization.
extension AdminAPI {
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let tokens = try await database.withConnection { try await TokenStore().list(organizationID: organization.id, page: page, on: $0) }
        let (items, next) = page.page(tokens) { ($0.1, $0.0.id) }
        return .ok(.init(body: .json(.init(items: items.map(\.0), nextCursor: next))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        let (organization, callerRole, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateName(fields.name)
        let role = fields.role ?? callerRole
        guard role <= callerRole else {
            throw APIError(status: .forbidden, code: "forbidden", message: "a token's role cannot be above its creator's (\(callerRole.rawValue))")
        }
        if let days = fields.expiresInDays, !(1...3650).contains(days) {
            throw APIError.invalid("expires_in_days is from 1 to 3650", field: "expires_in_days")
        }
        let expiresAt = fields.expiresInDays.map { nowMillis() + EpochMillis($0) * 24 * 3600 * 1000 }
        let created = try await database.transaction { db -> CreatedToken in
            let store = TokenStore()
            let issued = try await store.issueAPIToken(name: fields.name, organizationID: organization.id, role: role,
                                                       createdBy: principal.accountID, expiresAt: expiresAt, on: db)
            try await AuditLog.record("token.create", target: ("token", issued.id), organizationID: organization.id, actor: Actor(principal),
                                      details: ["name": fields.name, "role": role.rawValue], on: db)
            guard let token = try await store.apiToken(id: issued.id, on: db) else {
                throw APIError(status: .internalServerError, code: "internal", message: "token vanished")
            }
            return CreatedToken(token: token, secret: issued.secret)
        }
        return .created(.init(body: .json(created)))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let reference = input.path.token
        try await database.transaction { db in
            let store = TokenStore()
            let ids = try await store.liveAPITokenIDs(reference, organizationID: organization.id, on: db)
            guard ids.count == 1, let id = ids.first else {
                throw ids.isEmpty ? APIError.notFound("no live token '\(reference)'")
                    : APIError(status: .conflict, code: "ambiguous", message: "several tokens are named '\(reference)'; use the id")
            }
            _ = try await store.revoke(id: id, organizationID: organization.id, on: db)
            try await AuditLog.record("token.revoke", target: ("token", id), organizationID: organization.id, actor: Actor(principal), on: db)
        }
        return .noContent(.init())
    }
}
