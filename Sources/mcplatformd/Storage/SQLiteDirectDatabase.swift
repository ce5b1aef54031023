import Logging
import NIOCore
import NIOPosix
import SQLKit

/// SQLKit over a `SQLiteDirect` connection (the writer or a reader).
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteDirect
    let logger: Logger
    let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteSQLDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteValueEncoder()
        for row in try await connection.query(sql, try binds.map { try encoder.encode($0) }) { onRow(row) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// A row read by `SQLiteDirect`.
struct SQLiteDirectRow: SQLRow, Sendable {
    let names: [String]
    let values: [SQLiteValue]

    var allColumns: [String] { names }

    /// The value of the first column named `column`.
    func value(_ column: String) -> SQLiteValue? {
        names.firstIndex(of: column).map { values[$0] }
    }

    /// The text of the first column named `column`, if it holds text.
    func text(_ column: String) -> String? {
        if case .text(let text)? = value(column) { text } else { nil }
    }

    func contains(column: String) -> Bool { names.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = names.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = names.firstIndex(of: column) else { throw SQLiteDirectRow.MissingColumn(column: column) }
        return try SQLiteValueDecoder().decode(D.self, from: values[index])
    }

    /// The row has no column of that name.
    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \(column) in the row" }
    }
}
