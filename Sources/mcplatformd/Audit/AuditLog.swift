import Foundation
import Shared
import SQLKit

/// Who did something: an account (through a login or API token), or the operator's tooling.
struct Actor: Sendable, Equatable {
    var accountID: String?
    var tokenID: String?

    /// `mcplatformd bootstrap` and other operator commands working on the database directly.
    static let operatorTool = Actor(accountID: nil, tokenID: nil)
}

/// Appends audit events (actor, organization, action, target, time) for every mutation,
/// in the mutation's own transaction.
enum AuditLog {
    static func record(
        _ action: String, target: (type: String, id: String?), organizationID: String?, actor: Actor,
        details: [String: String] = [:], on db: any SQLDatabase
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(details), as: UTF8.self)
        try await db.raw("""
            INSERT INTO audit_events (id, organization_id, actor_account_id, actor_token_id, action, target_type, target_id, details, created_at)
            VALUES (\(bind: Identifier.make("aud")), \(bind: organizationID), \(bind: actor.accountID), \(bind: actor.tokenID),
                    \(bind: action), \(bind: target.type), \(bind: target.id), \(bind: json), \(bind: nowMillis()))
            """).run()
    }

    /// A page of the organization's audit events, newest first, with their times.
    static func list(organizationID: String, page: Pagination, on db: any SQLDatabase) async throws -> [(APIAuditEvent, EpochMillis)] {
        let rows = try await page.apply(to: db.select().columns("id", "action", "target_type", "target_id", "actor_account_id", "actor_token_id",
                                                               "details", "created_at")
            .from("audit_events").where("organization_id", .equal, organizationID), table: "audit_events").all()
        return try rows.map { row in
            let details = try row.decode(column: "details", as: String.self)
            let createdAt = try row.decode(column: "created_at", as: EpochMillis.self)
            let event = APIAuditEvent(
                id: try row.decode(column: "id", as: String.self), action: try row.decode(column: "action", as: String.self),
                targetType: try row.decode(column: "target_type", as: String.self), targetId: try row.decode(column: "target_id", as: String?.self),
                actorAccountId: try row.decode(column: "actor_account_id", as: String?.self),
                actorTokenId: try row.decode(column: "actor_token_id", as: String?.self),
                details: (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:],
                createdAt: Date(epochMillis: createdAt))
            return (event, createdAt)
        }
    }
}
