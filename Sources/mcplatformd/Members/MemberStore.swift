import Foundation
import Shared
import SQLKit

/// Memberships: who belongs to an organization, with which role.
struct MemberStore: Sendable {
    /// A page of the organization's members, newest first, with when they joined.
    func list(organizationID: String, page: Pagination, on db: any SQLDatabase) async throws -> [(APIMember, EpochMillis)] {
        // `id` and `created_at` name the account and the membership.
        let rows = try await page.apply(to: db.select()
            .columns(SQLColumn("id", table: "a"), SQLColumn("email", table: "a"), SQLColumn("role", table: "m"), SQLColumn("created_at", table: "m"))
            .from(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("accounts"), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("account_id", table: "m"))
            .where(SQLColumn("organization_id", table: "m"), .equal, SQLBind(organizationID)), table: "m", idTable: "a").all()
        return try rows.map { (try Self.member($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    /// The member named by account id or email.
    func find(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APIMember? {
        guard let row = try await db.raw("""
            SELECT a.id, a.email, m.role, m.created_at FROM memberships m JOIN accounts a ON a.id = m.account_id
            WHERE m.organization_id = \(bind: organizationID) AND (a.id = \(bind: reference) OR a.email = \(bind: AccountStore.normalize(reference)))
            """).first() else { return nil }
        return try Self.member(row)
    }

    func ownerCount(_ organizationID: String, on db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = \(bind: organizationID) AND role = 'owner'")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Sets the member's role. A demotion also revokes the member's API tokens above the new
    /// role, so that a later promotion does not bring them back (until then they are capped anyway).
    func setRole(_ role: Role, of accountID: String, in organizationID: String, on db: any SQLDatabase) async throws {
        try await db.update("memberships").set("role", to: role.rawValue)
            .where("organization_id", .equal, organizationID).where("account_id", .equal, accountID).run()
        let above = Role.allCases.filter { $0 > role }.map(\.rawValue)
        if !above.isEmpty {
            try await db.update("api_tokens").set("revoked_at", to: nowMillis())
                .where("organization_id", .equal, organizationID).where("account_id", .equal, accountID)
                .where("kind", .equal, "api").where("role", .in, above).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    /// Ends the membership and revokes every token the member holds in the organization.
    func remove(_ accountID: String, from organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "memberships").where("organization_id", .equal, organizationID).where("account_id", .equal, accountID).run()
        try await db.update("api_tokens").set("revoked_at", to: nowMillis())
            .where("organization_id", .equal, organizationID).where("account_id", .equal, accountID)
            .where("revoked_at", .is, SQLLiteral.null).run()
    }

    static func member(_ row: any SQLRow) throws -> APIMember {
        APIMember(accountId: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                  role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                  joinedAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
    }
}
