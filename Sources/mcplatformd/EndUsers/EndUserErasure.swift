import Foundation
import SQLKit

/// Erases one end user's personal data (GDPR article 17) in one transaction.
///
/// The end-user row stays, anonymized and marked `erased_at`, so walkthrough runs, funnels and
/// analytics totals (which count rows by id) stay correct. What could name or describe the
/// person goes: email, name, upstream subject, visitor key, identities, tracking ids, legacy
/// session keys, tool-call arguments and results, the text of the tickets they opened and their
/// messages, the address on any ticket and email of the organization, and every stored
/// idempotent answer, job, webhook delivery and audit detail that holds one of those values or
/// the end user's or their tickets' ids. Grants are revoked and removed (their tokens with
/// them). Nothing the person still holds identifies them afterwards, so a later sign-in or call
/// creates a new end user.
struct EndUserErasure: Sendable {
    /// What was erased, as counts.
    struct Outcome: Sendable {
        let toolCalls: Int
        let tickets: Int
        let grants: Int
    }

    static let placeholder = "[erased]"

    func erase(_ endUserID: String, organizationID: String, now: EpochMillis, engine: DatabaseEngine, on db: any SQLDatabase) async throws -> Outcome {
        if engine == .sqlite {
            // Freed space is overwritten with zeros, so erased text does not linger in the file.
            try await db.raw("PRAGMA secure_delete = ON").run()
        }
        let held = try await heldValues(endUserID, organizationID: organizationID, on: db)

        _ = try await OAuthGrantStore().revokeAll(endUserID: endUserID, organizationID: organizationID, now: now, on: db)
        let grants = try await count("oauth_grants", endUserID, on: db)
        try await db.delete(from: "oauth_grants").where("end_user_id", .equal, endUserID).run()
        try await db.delete(from: "end_user_identities").where("end_user_id", .equal, endUserID).run()
        try await db.delete(from: "end_user_tracking_ids").where("end_user_id", .equal, endUserID).run()
        try await db.update("end_users")
            .set("email", to: SQLLiteral.null).set("email_verified", to: SQLLiteral.boolean(false)).set("name", to: SQLLiteral.null)
            .set("upstream_subject", to: SQLLiteral.null).set("upstream_issuer", to: SQLLiteral.null).set("visitor_key", to: SQLLiteral.null)
            .set("erased_at", to: now).where("id", .equal, endUserID).run()
        try await db.raw("""
            UPDATE end_user_sessions SET session_key = NULL, ended_at = COALESCE(ended_at, \(bind: now)) WHERE end_user_id = \(bind: endUserID)
            """).run()
        let toolCalls = try await count("tool_calls", endUserID, on: db)
        try await db.update("tool_calls").set("arguments", to: "{}").set("result_summary", to: SQLLiteral.null).set("error", to: SQLLiteral.null)
            .where("end_user_id", .equal, endUserID).run()

        if !held.ticketIDs.isEmpty {
            try await db.update("support_tickets").set("title", to: Self.placeholder).set("description", to: Self.placeholder)
                .set("context", to: SQLLiteral.null).set("email", to: SQLLiteral.null).where("id", .in, held.ticketIDs).run()
            try await db.update("ticket_events").set("body", to: Self.placeholder)
                .where("ticket_id", .in, held.ticketIDs).where("body", .isNot, SQLLiteral.null)
                .where(group: { $0.where("actor_end_user_id", .equal, endUserID).orWhere("kind", .equal, TicketEventKind.created.rawValue) }).run()
            try await db.update("ticket_events").set("old_value", to: SQLLiteral.null).set("new_value", to: SQLLiteral.null)
                .where("ticket_id", .in, held.ticketIDs)
                .where("kind", .in, [TicketEventKind.titleChanged.rawValue, TicketEventKind.descriptionChanged.rawValue]).run()
        }
        if !held.emails.isEmpty {
            let lowered = SQLFunction("LOWER", args: SQLColumn("email"))
            try await db.update("support_tickets").set("email", to: SQLLiteral.null)
                .where("organization_id", .equal, organizationID).where(lowered, .in, SQLBind.group(held.emails)).run()
            try await db.update("ticket_emails").set("recipient", to: Self.placeholder).set("last_error", to: SQLLiteral.null)
                .where("organization_id", .equal, organizationID).where(SQLFunction("LOWER", args: SQLColumn("recipient")), .in, SQLBind.group(held.emails)).run()
            try await db.delete(from: "mail_unsubscribes")
                .where("organization_id", .equal, organizationID).where(SQLFunction("LOWER", args: SQLColumn("address")), .in, SQLBind.group(held.emails)).run()
        }
        // Audit entries about the end user or their tickets may quote what they wrote.
        try await db.update("audit_events").set("details", to: "{}").where("organization_id", .equal, organizationID)
            .where("target_id", .in, SQLBind.group([endUserID] + held.ticketIDs)).run()
        for value in held.markers {
            let pattern = likePattern(containing: value)
            try await db.raw("DELETE FROM jobs WHERE organization_id = \(bind: organizationID) AND payload LIKE \(bind: pattern) ESCAPE '\\'").run()
            try await db.raw("DELETE FROM webhook_deliveries WHERE organization_id = \(bind: organizationID) AND body LIKE \(bind: pattern) ESCAPE '\\'").run()
            try await db.raw("DELETE FROM idempotency_keys WHERE organization_id = \(bind: organizationID) AND response_body LIKE \(bind: pattern) ESCAPE '\\'").run()
            try await db.raw("UPDATE audit_events SET details = '{}' WHERE organization_id = \(bind: organizationID) AND details LIKE \(bind: pattern) ESCAPE '\\'").run()
        }
        return Outcome(toolCalls: toolCalls, tickets: held.ticketIDs.count, grants: grants)
    }

    /// The values that identify the end user: their id, emails (lower-cased), tracking ids,
    /// upstream subjects, and the ids of the tickets they opened.
    private func heldValues(_ endUserID: String, organizationID: String, on db: any SQLDatabase) async throws
        -> (emails: [String], ticketIDs: [String], markers: [String]) {
        func strings(_ sql: SQLQueryString) async throws -> [String] {
            try await db.raw(sql).all().compactMap { try $0.decode(column: "v", as: String?.self) }.filter { !$0.isEmpty }
        }
        let emails = Set(try await strings("""
            SELECT email AS v FROM end_users WHERE id = \(bind: endUserID)
            UNION SELECT email AS v FROM end_user_identities WHERE end_user_id = \(bind: endUserID)
            UNION SELECT email AS v FROM support_tickets WHERE end_user_id = \(bind: endUserID)
            """).map { $0.lowercased() })
        let ticketIDs = try await strings("SELECT id AS v FROM support_tickets WHERE organization_id = \(bind: organizationID) AND end_user_id = \(bind: endUserID)")
        let others = try await strings("""
            SELECT tracking_id AS v FROM end_user_tracking_ids WHERE end_user_id = \(bind: endUserID)
            UNION SELECT subject AS v FROM end_user_identities WHERE end_user_id = \(bind: endUserID)
            UNION SELECT upstream_subject AS v FROM end_users WHERE id = \(bind: endUserID)
            """)
        // Short values (a two-character tracking id) would match unrelated rows by accident.
        let markers = Set([endUserID] + Array(emails) + ticketIDs + others.filter { $0.count >= 6 })
        return (Array(emails).sorted(), ticketIDs, markers.sorted())
    }

    private func count(_ table: String, _ endUserID: String, on db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .where("end_user_id", .equal, endUserID).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
