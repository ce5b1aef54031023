import Foundation
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
}
