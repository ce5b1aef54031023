import SQLKit

/// PostgreSQL's `ToolCallWriter`: one pooled connection, the claims and counters through the
/// stores' statements, then every row of every table in one statement (`insertRows`), so a
/// batch with webhook deliveries and emails costs no extra round trip.
struct PostgresToolCallWriter: ToolCallWriter {
    let database: Database

    func write(_ batch: ToolCallBatch) async throws -> ToolCallBatch.Rows {
        try await database.transaction { db in
            var answers = ToolCallBatch.Answers()
            for claim in batch.claims {
                answers.identified.append(try await EndUserStore().claim(email: claim.email, endUserID: claim.endUserID, on: db))
            }
            for confirmation in batch.confirmations { answers.confirmable.append(try await Self.confirmable(confirmation, on: db)) }
            for group in batch.groups {
                answers.reserved.append(try await TicketStore().reserveNumbers(group.indices.count, organizationID: group.organizationID, on: db))
            }
            let rows = try batch.rows(answers, now: nowMillis())
            try await db.insertRows(rows.tables, engine: .postgres)
            return rows
        }
    }

    /// Whether the organization sends ticket confirmations and the address has not unsubscribed.
    private static func confirmable(_ confirmation: ToolCallBatch.Confirmation, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT COALESCE((SELECT ticket_confirmations FROM organizations WHERE id = \(bind: confirmation.organizationID)), true)
                AND NOT EXISTS (SELECT 1 FROM mail_unsubscribes
                                WHERE organization_id = \(bind: confirmation.organizationID) AND address = \(bind: confirmation.recipient)) AS ok
            """).first()?.decode(column: "ok", as: Bool.self) ?? false
    }
}
