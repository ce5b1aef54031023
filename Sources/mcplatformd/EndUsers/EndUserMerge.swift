import SQLKit

/// Folds one end-user record into another of the same organization, when a sign-in proves they
/// are one person (a verified email). Everything the loser owns moves to the winner; where the
/// winner already has the same thing (walkthrough progress, a grant to the same client, a day
/// of analytics), the winner's is kept. Runs inside the caller's transaction.
struct EndUserMerge: Sendable {
    /// Tables whose rows simply change owner.
    private static let moved: [(table: String, column: String)] = [
        ("end_user_tracking_ids", "end_user_id"), ("end_user_identities", "end_user_id"), ("end_user_sessions", "end_user_id"),
        ("tool_calls", "end_user_id"), ("support_tickets", "end_user_id"), ("ticket_events", "actor_end_user_id"),
    ]

    /// Tables whose rows move unless the winner has one with the same key (then the loser's goes).
    private static let movedUnlessTaken: [(table: String, key: [String])] = [
        ("walkthrough_active", ["server_id"]), ("oauth_grants", ["server_id", "client_id"]),
        ("analytics_user_days", ["organization_id", "server_id", "day_start"]), ("analytics_org_user_days", ["organization_id", "day_start"]),
    ]

    /// A walkthrough's history (progress, completions, runs): the winner's, if they have any.
    private static let walkthroughHistory = ["walkthrough_step_completions", "walkthrough_runs", "walkthrough_progress"]

    func merge(_ loser: String, into winner: String, organizationID: String, on db: any SQLDatabase) async throws {
        guard loser != winner else { return }
        for (table, column) in Self.moved {
            try await db.update(table).set(SQLIdentifier(column), to: winner).where(SQLIdentifier(column), .equal, loser).run()
        }
        for table in Self.walkthroughHistory {
            try await db.raw("""
                DELETE FROM \(unsafeRaw: table) WHERE end_user_id = \(bind: loser) AND walkthrough_id IN (
                    SELECT walkthrough_id FROM walkthrough_progress WHERE end_user_id = \(bind: winner))
                """).run()
        }
        for table in Self.walkthroughHistory {
            try await db.update(table).set("end_user_id", to: winner).where("end_user_id", .equal, loser).run()
        }
        for (table, key) in Self.movedUnlessTaken {
            let sameKey = key.map { "mine.\($0) = \(table).\($0)" }.joined(separator: " AND ")
            try await db.raw("""
                DELETE FROM \(unsafeRaw: table) WHERE end_user_id = \(bind: loser)
                  AND EXISTS (SELECT 1 FROM \(unsafeRaw: table) mine WHERE mine.end_user_id = \(bind: winner) AND \(unsafeRaw: sameKey))
                """).run()
            try await db.update(table).set("end_user_id", to: winner).where("end_user_id", .equal, loser).run()
        }
        try await db.raw("""
            UPDATE end_users SET
                first_seen_at = (SELECT MIN(first_seen_at) FROM end_users WHERE id IN (\(bind: winner), \(bind: loser))),
                last_seen_at = (SELECT MAX(last_seen_at) FROM end_users WHERE id IN (\(bind: winner), \(bind: loser)))
            WHERE id = \(bind: winner)
            """).run()
        try await db.delete(from: "end_users").where("organization_id", .equal, organizationID).where("id", .equal, loser).run()
    }
}
