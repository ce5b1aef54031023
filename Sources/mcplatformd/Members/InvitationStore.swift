import Foundation
import Shared
import SQLKit

/// Single-use, expiring invitations into an organization; only the token's hash is stored.
struct InvitationStore: Sendable {
    static let lifetime: EpochMillis = 7 * 24 * 3600 * 1000
    static let columns = ["id", "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]

    /// An open invitation found by its token.
    struct Open: Sendable {
        let id: String
        let organizationID: String
        let email: String
        let role: Role
    }

    func list(organizationID: String, page: Pagination, on db: any SQLDatabase) async throws -> [(APIInvitation, EpochMillis)] {
        let rows = try await page.apply(to: db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("invitations")
            .where("organization_id", .equal, organizationID), table: "invitations").all()
        return try rows.map { (try Self.invitation($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    /// Stores a new invitation; returns it and the token shown once.
    func create(email: String, role: Role, organizationID: String, invitedBy accountID: String?,
                on db: any SQLDatabase) async throws -> (APIInvitation, token: String) {
        let token = PlatformToken.generate(kind: "mcpi")
        let now = nowMillis()
        let invitation = APIInvitation(id: Identifier.make("inv"), email: AccountStore.normalize(email), role: role,
                                       createdAt: Date(epochMillis: now), expiresAt: Date(epochMillis: now + Self.lifetime), acceptedAt: nil, revokedAt: nil)
        try await db.raw("""
            INSERT INTO invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
            VALUES (\(bind: invitation.id), \(bind: organizationID), \(bind: invitation.email), \(bind: role.rawValue),
                    \(bind: token.hash), \(bind: accountID), \(bind: now), \(bind: now + Self.lifetime))
            """).run()
        return (invitation, token.secret)
    }

    /// Revokes an open invitation; false when there is none with this id in the organization.
    func revoke(id: String, organizationID: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("""
            UPDATE invitations SET revoked_at = \(bind: nowMillis())
            WHERE id = \(bind: id) AND organization_id = \(bind: organizationID) AND revoked_at IS NULL AND accepted_at IS NULL
            RETURNING id
            """).all().isEmpty
    }

    /// The open (unused, unrevoked, unexpired) invitation of a token.
    func open(token: String, on db: any SQLDatabase) async throws -> Open? {
        guard let row = try await db.raw("""
            SELECT i.id, i.organization_id, i.email, i.role FROM invitations i
            WHERE i.token_hash = \(bind: PlatformToken.hash(token)) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
              AND i.expires_at > \(bind: nowMillis())
            """).first() else { return nil }
        return Open(id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
                    email: try row.decode(column: "email", as: String.self),
                    role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member)
    }

    func markAccepted(_ id: String, on db: any SQLDatabase) async throws {
        try await db.update("invitations").set("accepted_at", to: nowMillis()).where("id", .equal, id).run()
    }

    static func invitation(_ row: any SQLRow) throws -> APIInvitation {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: EpochMillis?.self).map(Date.init(epochMillis:)) }
        return APIInvitation(id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                             role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                             createdAt: try date("created_at") ?? Date(), expiresAt: try date("expires_at") ?? Date(),
                             acceptedAt: try date("accepted_at"), revokedAt: try date("revoked_at"))
    }
}
