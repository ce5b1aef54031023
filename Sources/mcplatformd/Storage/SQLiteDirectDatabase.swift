import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLKit over `SQLiteDirect`, the SQLite file's one writer connection: SQLiteKit's dialect,
/// bind encoder and row decoder, so statements and values mean what they mean on sqlite-nio's
/// reader connections.
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteDirect
    let logger: Logger
    let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        for row in try await connection.query(sql, try binds.map { try encoder.encode($0) }) { onRow(row) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// A row read by `SQLiteDirect`, decoded the way SQLiteKit decodes sqlite-nio's rows.
struct SQLiteDirectRow: SQLRow, Sendable {
    let names: [String]
    let values: [SQLiteData]

    var allColumns: [String] { names }

    func contains(column: String) -> Bool { names.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = names.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = names.firstIndex(of: column) else { throw SQLiteDirectRow.MissingColumn(column: column) }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }

    /// The row has no column of that name.
    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \(column) in the row" }
    }
}
