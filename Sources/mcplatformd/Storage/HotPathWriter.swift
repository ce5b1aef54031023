import SQLKit
import SQLiteNIO

/// The writes of the MCP hot path inside one transaction: reserve ticket numbers, claim emails,
/// and insert rows (tool calls, tickets, their events, webhook deliveries and their jobs).
///
/// One implementation per engine (`Database.hotPathTransaction` picks it); the batch logic that
/// drives them is engine-neutral (`ToolCallBatch`, `TicketOpener`, `WebhookPublisher`). Anything
/// else a batch needs (a cache miss of webhook subscriptions) goes through `sql`, the same
/// connection in the same transaction.
protocol HotPathWriter: Sendable {
    /// SQLKit on the transaction's connection.
    var sql: any SQLDatabase { get }
    /// Takes the next `count` ticket numbers and as many event sequence numbers of the
    /// organization; returns the first of each. The counter row stays locked until commit.
    func reserveTicketNumbers(_ count: Int, organizationID: String) async throws -> (number: Int64, seq: Int64)
    /// Sets an end user's claimed email; true when they had none (newly identified). A
    /// verified email is never overwritten by a claimed one.
    func claimEmail(_ email: String, endUserID: String) async throws -> Bool
    /// Inserts every table's rows, each table in as few statements as the engine allows.
    func insert(_ tables: [TableRows]) async throws
}

/// PostgreSQL's writer: SQLKit, every table's rows in one statement and round trip.
struct SQLKitHotPathWriter: HotPathWriter {
    let sql: any SQLDatabase

    func reserveTicketNumbers(_ count: Int, organizationID: String) async throws -> (number: Int64, seq: Int64) {
        guard let row = try await sql.raw("""
            UPDATE organizations SET ticket_counter = ticket_counter + \(bind: Int64(count)),
                ticket_event_counter = ticket_event_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_counter, ticket_event_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try TicketCounters.first(of: count, last: (try row.decode(column: "ticket_counter", as: Int64.self),
                                                          try row.decode(column: "ticket_event_counter", as: Int64.self)))
    }

    func claimEmail(_ email: String, endUserID: String) async throws -> Bool {
        let identified = try await sql.raw("""
            UPDATE end_users SET email = \(bind: email) WHERE id = \(bind: endUserID) AND email IS NULL RETURNING id
            """).first() != nil
        if !identified {
            try await sql.raw("""
                UPDATE end_users SET email = \(bind: email) WHERE id = \(bind: endUserID) AND email_verified = \(bind: false) AND email <> \(bind: email)
                """).run()
        }
        return identified
    }

    func insert(_ tables: [TableRows]) async throws {
        try await sql.insertRows(tables, engine: .postgres)
    }
}

/// SQLite's writer: sqlite-nio's connection directly, binding `SQLiteData` values (no SQLKit
/// serialization or per-value dynamic casts), each table's rows in one multi-row statement.
/// It runs on the database's one writer connection, so the process holds one writer per file
/// and the one copy of SQLite that sqlite-nio bundles.
struct SQLiteHotPathWriter: HotPathWriter {
    let connection: SQLiteConnection
    var sql: any SQLDatabase { connection.sql(queryLogLevel: nil) }
    /// SQLite's default limit on host parameters in one statement.
    static let maxParameters = 32_766

    func reserveTicketNumbers(_ count: Int, organizationID: String) async throws -> (number: Int64, seq: Int64) {
        let rows = try await connection.query("""
            UPDATE organizations SET ticket_counter = ticket_counter + ?1, ticket_event_counter = ticket_event_counter + ?1
            WHERE id = ?2 RETURNING ticket_counter, ticket_event_counter
            """, [.integer(SQLiteInt64(count)), .text(organizationID)])
        guard let row = rows.first, let tickets = row.column("ticket_counter")?.integer, let events = row.column("ticket_event_counter")?.integer else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try TicketCounters.first(of: count, last: (Int64(tickets), Int64(events)))
    }

    func claimEmail(_ email: String, endUserID: String) async throws -> Bool {
        let identified = try await !connection.query("UPDATE end_users SET email = ?1 WHERE id = ?2 AND email IS NULL RETURNING 1",
                                                     [.text(email), .text(endUserID)]).isEmpty
        if !identified {
            _ = try await connection.query("UPDATE end_users SET email = ?1 WHERE id = ?2 AND email_verified = 0 AND email <> ?1",
                                           [.text(email), .text(endUserID)])
        }
        return identified
    }

    func insert(_ tables: [TableRows]) async throws {
        for table in tables where !table.rows.isEmpty && !table.columns.isEmpty {
            let perStatement = max(1, Self.maxParameters / table.columns.count)
            var start = 0
            while start < table.rows.count {
                let chunk = table.rows[start..<min(table.rows.count, start + perStatement)]
                let placeholders = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
                let statement = "INSERT INTO \"\(table.table)\" (\"\(table.columns.joined(separator: "\", \""))\") VALUES "
                    + Array(repeating: placeholders, count: chunk.count).joined(separator: ", ")
                _ = try await connection.query(statement, chunk.flatMap { $0.map(\.sqlite) })
                start += chunk.count
            }
        }
    }
}

/// The arithmetic of reserved counters, shared by both writers.
enum TicketCounters {
    /// The first reserved ticket number and event sequence, given the counters after adding `count`.
    static func first(of count: Int, last: (tickets: Int64, events: Int64)) throws -> (number: Int64, seq: Int64) {
        let taken = Int64(count) - 1
        let (number, numberOverflow) = last.tickets.subtractingReportingOverflow(taken)
        let (seq, seqOverflow) = last.events.subtractingReportingOverflow(taken)
        guard !numberOverflow, !seqOverflow else { throw StorageError.unavailable("the ticket counters are out of range") }
        return (number, seq)
    }
}

extension ColumnValue {
    /// The value as sqlite-nio binds it.
    var sqlite: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .integer(let number): .integer(SQLiteInt64(truncatingIfNeeded: number))
        case .null: .null
        }
    }
}
