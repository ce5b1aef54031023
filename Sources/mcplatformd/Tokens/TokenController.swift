import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/tokens`: API tokens for CI, bound to one organization.
struct TokenController: Sendable {
    let database: Database
    let access: OrganizationAccess
    var tokens = TokenStore()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/tokens", use: list)
        group.post(":org/tokens", use: create)
        group.delete(":org/tokens/:token", use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIToken> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            try await page.apply(to: db.select().columns("id", "name", "prefix", "role", "created_at", "last_used_at", "expires_at", "revoked_at")
                .from("api_tokens").where("organization_id", .equal, organization.id).where("kind", .equal, "api"), table: "api_tokens").all()
        }
        let tokens = try rows.map { (try Self.token($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
        let (items, next) = page.page(tokens) { ($0.1, $0.0.id) }
        return Page(items: items.map(\.0), nextCursor: next)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, callerRole) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        let input = try await request.decode(as: CreateToken.self, context: context)
        try validateName(input.name)
        let role = input.role ?? callerRole
        guard role <= callerRole else {
            throw APIError(status: .forbidden, code: "forbidden", message: "a token's role cannot be above its creator's (\(callerRole.rawValue))")
        }
        if let days = input.expiresInDays, !(1...3650).contains(days) {
            throw APIError(status: .unprocessableContent, code: "invalid", message: "expires_in_days is from 1 to 3650", details: ["field": "expires_in_days"])
        }
        let expiresAt = input.expiresInDays.map { nowMillis() + EpochMillis($0) * 24 * 3600 * 1000 }
        let created = try await database.transaction { db -> CreatedToken in
            let issued = try await tokens.issueAPIToken(name: input.name, organizationID: organization.id, role: role,
                                                        createdBy: principal.accountID, expiresAt: expiresAt, on: db)
            try await AuditLog.record("token.create", target: ("token", issued.id), organizationID: organization.id, actor: Actor(principal),
                                      details: ["name": input.name, "role": role.rawValue], on: db)
            let row = try await db.select().columns("id", "name", "prefix", "role", "created_at", "last_used_at", "expires_at", "revoked_at")
                .from("api_tokens").where("id", .equal, issued.id).first()
            guard let row else { throw APIError(status: .internalServerError, code: "internal", message: "token vanished") }
            return CreatedToken(token: try Self.token(row), secret: issued.secret)
        }
        return try .createdContainingSecret(created)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        let reference = try context.parameters.require("token")
        try await database.transaction { db in
            let row = try await db.raw("""
                SELECT id FROM api_tokens WHERE organization_id = \(bind: organization.id) AND kind = 'api' AND revoked_at IS NULL
                  AND (id = \(bind: reference) OR name = \(bind: reference))
                ORDER BY created_at DESC
                """).all()
            guard row.count == 1, let id = try row.first?.decode(column: "id", as: String.self) else {
                throw row.isEmpty ? APIError.notFound("no live token '\(reference)'")
                    : APIError(status: .conflict, code: "ambiguous", message: "several tokens are named '\(reference)'; use the id")
            }
            _ = try await tokens.revoke(id: id, organizationID: organization.id, on: db)
            try await AuditLog.record("token.revoke", target: ("token", id), organizationID: organization.id, actor: Actor(principal), on: db)
        }
        return .noContent
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: EpochMillis?.self).map(Date.init(epochMillis:)) }
        return APIToken(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                        prefix: try row.decode(column: "prefix", as: String.self),
                        role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                        createdAt: try date("created_at") ?? Date(), lastUsedAt: try date("last_used_at"),
                        expiresAt: try date("expires_at"), revokedAt: try date("revoked_at"))
    }
}
