/// SQLite's `ToolCallWriter`: the whole transaction is one block on the queue of the file's one
/// writer connection (`SQLiteDirect`, leased like any other write), every statement prepared
/// once, each row one step of its table's prepared insert.
struct SQLiteToolCallWriter: ToolCallWriter {
    let database: Database

    func write(_ batch: ToolCallBatch) async throws -> ToolCallBatch.Rows {
        try await database.withSQLiteWriter { connection in try await Self.write(batch, on: connection) }
    }

    private static func write(_ batch: ToolCallBatch, on connection: SQLiteDirect) async throws -> ToolCallBatch.Rows {
        try await connection.transaction { session in
            var answers = ToolCallBatch.Answers()
            for claim in batch.claims { answers.identified.append(try Self.claim(claim, session)) }
            for confirmation in batch.confirmations { answers.confirmable.append(try Self.confirmable(confirmation, session)) }
            for group in batch.groups { answers.reserved.append(try Self.reserve(group, session)) }
            let rows = try batch.rows(answers, now: nowMillis())
            for table in rows.tables where !table.rows.isEmpty { try session.run(table.layout.insertStatement, rows: table.rows) }
            return rows
        }
    }

    /// Stores a claimed email (as `EndUserStore.claim` does); true when the end user had none.
    private static func claim(_ claim: ToolCallBatch.Claim, _ session: SQLiteDirect.Session) throws(StorageError) -> Bool {
        let identified = try !session.integerRows("UPDATE end_users SET email = ?1 WHERE id = ?2 AND email IS NULL RETURNING 1",
                                                  [.text(claim.email), .text(claim.endUserID)]).isEmpty
        if !identified {
            try session.run("UPDATE end_users SET email = ?1 WHERE id = ?2 AND email_verified = 0 AND email <> ?1",
                            rows: [[.text(claim.email), .text(claim.endUserID)]])
        }
        return identified
    }

    /// Takes the group's ticket numbers and event sequence numbers (as `TicketStore.reserveNumbers` does).
    private static func reserve(_ group: TicketOpener.Group, _ session: SQLiteDirect.Session) throws(StorageError) -> TicketOpener.Reserved {
        let count = Int64(group.indices.count)
        let rows = try session.integerRows("""
            UPDATE organizations SET ticket_counter = ticket_counter + ?1, ticket_event_counter = ticket_event_counter + ?1
            WHERE id = ?2 RETURNING ticket_counter, ticket_event_counter
            """, [.integer(count), .text(group.organizationID)])
        guard let row = rows.first, row.count == 2 else { throw StorageError.unavailable("organization \(group.organizationID) is gone") }
        return try TicketOpener.Reserved(lastNumber: row[0], lastSeq: row[1], count: group.indices.count)
    }

    /// Whether the organization sends ticket confirmations and the address has not unsubscribed.
    private static func confirmable(_ confirmation: ToolCallBatch.Confirmation, _ session: SQLiteDirect.Session) throws(StorageError) -> Bool {
        let rows = try session.integerRows("""
            SELECT COALESCE((SELECT ticket_confirmations FROM organizations WHERE id = ?1), 1)
                AND NOT EXISTS (SELECT 1 FROM mail_unsubscribes WHERE organization_id = ?1 AND address = ?2)
            """, [.text(confirmation.organizationID), .text(confirmation.recipient)])
        return rows.first?.first == 1
    }
}
