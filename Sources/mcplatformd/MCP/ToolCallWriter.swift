/// Writes a `ToolCallBatch` in one transaction, one implementation per engine.
///
/// Inside the transaction the writer answers what the batch asks — claims each email, checks
/// each confirmation against the organization's setting and unsubscriptions, and last takes each
/// organization's ticket counters (in the batch's order; on PostgreSQL their rows stay locked
/// until commit, so as little as possible comes after them) — then inserts the rows
/// `ToolCallBatch.rows` builds from those answers, in their order. Everything else (numbers,
/// ids, webhook events and bodies, emails) is the batch's, the same on both engines.
protocol ToolCallWriter: Sendable {
    func write(_ batch: ToolCallBatch) async throws -> ToolCallBatch.Rows
}

extension Database {
    /// The hot path's writer for this database's engine.
    func toolCallWriter() -> any ToolCallWriter {
        switch engine {
        case .sqlite: SQLiteToolCallWriter(database: self)
        case .postgres: PostgresToolCallWriter(database: self)
        }
    }
}
