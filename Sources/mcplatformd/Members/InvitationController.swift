import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/invitations` and `/v1/invitations/accept`: single-use, expiring invitations.
struct InvitationController: Sendable {
    let database: Database
    let access: OrganizationAccess
    var organizations = OrganizationStore()
    static let lifetime: EpochMillis = 7 * 24 * 3600 * 1000
    static let columns = ["id", "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]

    func addRoutes(orgs: RouterGroup<AppRequestContext>, v1: RouterGroup<AppRequestContext>) {
        orgs.get(":org/invitations", use: list)
        orgs.post(":org/invitations", use: create)
        orgs.delete(":org/invitations/:invitation", use: revoke)
        v1.post("invitations/accept", use: accept)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIInvitation> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            try await page.apply(to: db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("invitations")
                .where("organization_id", .equal, organization.id), table: "invitations").all()
        }
        let invitations = try rows.map { (try Self.invitation($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
        let (items, next) = page.page(invitations) { ($0.1, $0.0.id) }
        return Page(items: items.map(\.0), nextCursor: next)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, role) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        let input = try await request.decode(as: CreateInvitation.self, context: context)
        try AccountController.validate(email: input.email)
        guard input.role <= role else { throw APIError(status: .forbidden, code: "forbidden", message: "cannot invite above your own role") }
        let token = PlatformToken.generate(kind: "mcpi")
        let now = nowMillis()
        let invitation = APIInvitation(id: Identifier.make("inv"), email: AccountStore.normalize(input.email), role: input.role,
                                       createdAt: Date(epochMillis: now), expiresAt: Date(epochMillis: now + Self.lifetime), acceptedAt: nil, revokedAt: nil)
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (\(bind: invitation.id), \(bind: organization.id), \(bind: invitation.email), \(bind: input.role.rawValue),
                        \(bind: token.hash), \(bind: principal.accountID), \(bind: now), \(bind: now + Self.lifetime))
                """).run()
            try await AuditLog.record("invitation.create", target: ("invitation", invitation.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["email": invitation.email, "role": input.role.rawValue], on: db)
        }
        return try .createdContainingSecret(CreatedInvitation(invitation: invitation, token: token.secret))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        let id = try context.parameters.require("invitation")
        try await database.transaction { db in
            let rows = try await db.raw("""
                UPDATE invitations SET revoked_at = \(bind: nowMillis())
                WHERE id = \(bind: id) AND organization_id = \(bind: organization.id) AND revoked_at IS NULL AND accepted_at IS NULL
                RETURNING id
                """).all()
            guard !rows.isEmpty else { throw APIError.notFound("no open invitation '\(id)'") }
            try await AuditLog.record("invitation.revoke", target: ("invitation", id), organizationID: organization.id, actor: Actor(principal), on: db)
        }
        return .noContent
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> APIOrganization {
        let principal = try context.requirePrincipal()
        guard principal.kind == .login, let accountID = principal.accountID else {
            throw APIError(status: .forbidden, code: "forbidden", message: "accepting an invitation needs a login token")
        }
        let input = try await request.decode(as: AcceptInvitation.self, context: context)
        return try await database.transaction { db in
            guard let row = try await db.raw("""
                SELECT i.id, i.organization_id, i.email, i.role FROM invitations i
                WHERE i.token_hash = \(bind: PlatformToken.hash(input.token)) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
                  AND i.expires_at > \(bind: nowMillis())
                """).first() else { throw APIError.notFound("no open invitation for this token (used, revoked or expired)") }
            let organizationID = try row.decode(column: "organization_id", as: String.self)
            let role = Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member
            guard let account = try await AccountStore().find(id: accountID, on: db),
                  account.email == (try row.decode(column: "email", as: String.self)) else {
                throw APIError(status: .forbidden, code: "forbidden", message: "this invitation is for another email address")
            }
            guard try await organizations.role(of: accountID, in: organizationID, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "you are already a member")
            }
            try await organizations.addMember(accountID, to: organizationID, role: role, on: db)
            let id = try row.decode(column: "id", as: String.self)
            try await db.update("invitations").set("accepted_at", to: nowMillis()).where("id", .equal, id).run()
            try await AuditLog.record("invitation.accept", target: ("invitation", id), organizationID: organizationID, actor: Actor(principal), on: db)
            guard let organization = try await organizations.find(reference: organizationID, on: db) else { throw APIError.notFound() }
            return APIOrganization(organization, role: role)
        }
    }

    static func invitation(_ row: any SQLRow) throws -> APIInvitation {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: EpochMillis?.self).map(Date.init(epochMillis:)) }
        return APIInvitation(id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                             role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                             createdAt: try date("created_at") ?? Date(), expiresAt: try date("expires_at") ?? Date(),
                             acceptedAt: try date("accepted_at"), revokedAt: try date("revoked_at"))
    }
}
