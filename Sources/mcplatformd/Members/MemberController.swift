import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/members`: who belongs to an organization, with which role. Owners manage
/// members; anyone may leave; the last owner can neither leave nor be demoted.
struct MemberController: Sendable {
    let database: Database
    let access: OrganizationAccess

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/members", use: list)
        group.patch(":org/members/:member", use: update)
        group.delete(":org/members/:member", use: remove)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIMember> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            // Newest members first, like every list; `id` and `created_at` name the account and the membership.
            try await page.apply(to: db.select()
                .columns(SQLColumn("id", table: "a"), SQLColumn("email", table: "a"), SQLColumn("role", table: "m"), SQLColumn("created_at", table: "m"))
                .from(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")))
                .join(SQLAlias(SQLIdentifier("accounts"), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("account_id", table: "m"))
                .where(SQLColumn("organization_id", table: "m"), .equal, SQLBind(organization.id)), table: "m", idTable: "a").all()
        }
        let members = try rows.map { (try Self.member($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
        let (items, next) = page.page(members) { ($0.1, $0.0.accountId) }
        return Page(items: items.map(\.0), nextCursor: next)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> APIMember {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        let input = try await request.decode(as: UpdateMember.self, context: context)
        let reference = try context.parameters.require("member")
        return try await database.transaction { db in
            var member = try await Self.find(reference, organizationID: organization.id, on: db)
            if member.role == .owner, input.role != .owner, try await Self.ownerCount(organization.id, on: db) == 1 {
                throw APIError(status: .conflict, code: "last_owner", message: "\(member.email) is the last owner; make someone else owner first")
            }
            try await db.update("memberships").set("role", to: input.role.rawValue)
                .where("organization_id", .equal, organization.id).where("account_id", .equal, member.accountId).run()
            // A demotion also revokes the member's API tokens above the new role, so that a
            // later promotion does not bring them back (until then they are capped anyway).
            let above = Role.allCases.filter { $0 > input.role }.map(\.rawValue)
            if !above.isEmpty {
                try await db.update("api_tokens").set("revoked_at", to: nowMillis())
                    .where("organization_id", .equal, organization.id).where("account_id", .equal, member.accountId)
                    .where("kind", .equal, "api").where("role", .in, above).where("revoked_at", .is, SQLLiteral.null).run()
            }
            try await AuditLog.record("member.role", target: ("account", member.accountId), organizationID: organization.id, actor: Actor(principal),
                                      details: ["from": member.role.rawValue, "to": input.role.rawValue], on: db)
            member.role = input.role
            return member
        }
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let reference = try context.parameters.require("member")
        let (organization, role) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .member)
        try await database.transaction { db in
            let member = try await Self.find(reference, organizationID: organization.id, on: db)
            guard role == .owner || member.accountId == principal.accountID else {
                throw APIError(status: .forbidden, code: "forbidden", message: "only owners remove other members")
            }
            if member.role == .owner, try await Self.ownerCount(organization.id, on: db) == 1 {
                throw APIError(status: .conflict, code: "last_owner", message: "the last owner cannot leave; make someone else owner or delete the organization")
            }
            try await db.delete(from: "memberships").where("organization_id", .equal, organization.id).where("account_id", .equal, member.accountId).run()
            try await db.update("api_tokens").set("revoked_at", to: nowMillis())
                .where("organization_id", .equal, organization.id).where("account_id", .equal, member.accountId)
                .where("revoked_at", .is, SQLLiteral.null).run()
            try await AuditLog.record("member.remove", target: ("account", member.accountId), organizationID: organization.id,
                                      actor: Actor(principal), details: ["email": member.email], on: db)
        }
        return .noContent
    }

    static func find(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APIMember {
        guard let row = try await db.raw("""
            SELECT a.id, a.email, m.role, m.created_at FROM memberships m JOIN accounts a ON a.id = m.account_id
            WHERE m.organization_id = \(bind: organizationID) AND (a.id = \(bind: reference) OR a.email = \(bind: AccountStore.normalize(reference)))
            """).first() else { throw APIError.notFound("no member '\(reference)'") }
        return try member(row)
    }

    static func ownerCount(_ organizationID: String, on db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = \(bind: organizationID) AND role = 'owner'")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func member(_ row: any SQLRow) throws -> APIMember {
        APIMember(accountId: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                  role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                  joinedAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
    }
}
