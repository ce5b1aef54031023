import Dispatch
import Foundation
// The one copy of SQLite in the process (the `CSQLite` target: the amalgamation, symbols
// renamed `mcp_sqlite3_*`).
import CSQLite

/// A connection to a SQLite file, driven through the C API on a serial queue of its own.
///
/// `Database` opens one writer and a few readers per file, each leased to one holder at a time,
/// so one transaction never runs inside another. SQLKit's statements reach it through
/// `SQLiteDirectDatabase` (each prepared for its call); the MCP hot path's batches through
/// `SQLiteToolCallWriter` (a whole transaction in one block on the queue, every statement
/// prepared once and reused). Driving SQLite from sqlite-nio instead — a statement prepared anew
/// and a hop to a thread pool and back for each — cost the hot path 20–35% more CPU per call
/// (bench/RESULTS.md).
final class SQLiteDirect: @unchecked Sendable {
    // Touched only on `queue` (hence @unchecked): the handle and the prepared statements.
    private let queue = DispatchQueue(label: "mcplatformd.sqlite.direct")
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `path` with the same settings as `Database`'s connections.
    init(path: String, pragmas: [String]) throws(StorageError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard mcp_sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            let message = db.map { String(cString: mcp_sqlite3_errmsg($0)) } ?? "out of memory"
            mcp_sqlite3_close_v2(db)
            throw StorageError.unavailable("cannot open SQLite database at \(path): \(message)")
        }
        handle = db
        do {
            for pragma in pragmas { try execute(pragma) }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the connection's queue: committed
    /// when it returns, rolled back when it throws. A whole transaction is one block on the
    /// serial queue, so transactions never interleave.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (SQLiteDirect.Session) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.async {
                continuation.resume(with: Result { () throws -> T in
                    _ = try self.step("BEGIN IMMEDIATE", [], readIntegers: false)
                    do {
                        let result = try body(Session(connection: self))
                        _ = try self.step("COMMIT", [], readIntegers: false)
                        return result
                    } catch {
                        try? self.execute("ROLLBACK")
                        throw error
                    }
                })
            }
        }
    }

    /// Runs one statement of any shape (SQLKit's) with `binds`, prepared for this call only, and
    /// returns its rows.
    func query(_ sql: String, _ binds: [SQLiteValue]) async throws -> [SQLiteDirectRow] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[SQLiteDirectRow], any Error>) in
            queue.async {
                continuation.resume(with: Result { () throws(StorageError) -> [SQLiteDirectRow] in try self.rows(sql, binds) })
            }
        }
    }

    private func rows(_ sql: String, _ binds: [SQLiteValue]) throws(StorageError) -> [SQLiteDirectRow] {
        var statement: OpaquePointer?
        guard mcp_sqlite3_prepare_v3(handle, sql, -1, 0, &statement, nil) == SQLITE_OK else { throw failure("prepare") }
        guard let statement else { return [] }  // only whitespace or a comment
        defer { mcp_sqlite3_finalize(statement) }
        for (index, value) in binds.enumerated() {
            guard let position = Int32(exactly: index + 1) else { throw failure("bind") }
            let code: Int32
            switch value {
            case .integer(let number): code = mcp_sqlite3_bind_int64(statement, position, number)
            case .float(let number): code = mcp_sqlite3_bind_double(statement, position, number)
            case .text(let text): code = mcp_sqlite3_bind_text64(statement, position, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { mcp_sqlite3_bind_blob64(statement, position, $0.baseAddress, UInt64($0.count), Self.transient) }
            case .null: code = mcp_sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else { throw failure("bind") }
        }
        let count = mcp_sqlite3_column_count(statement)
        let names = (0..<count).map { String(cString: mcp_sqlite3_column_name(statement, $0)) }
        var rows: [SQLiteDirectRow] = []
        while true {
            switch mcp_sqlite3_step(statement) {
            case SQLITE_ROW: rows.append(SQLiteDirectRow(names: names, values: (0..<count).map { column(statement, $0) }))
            case SQLITE_DONE: return rows
            default: throw failure("step")
            }
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch mcp_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(mcp_sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .float(mcp_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = mcp_sqlite3_column_text(statement, index) else { return .text("") }
            let length = Int(mcp_sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: max(0, length)), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(mcp_sqlite3_column_bytes(statement, index))
            guard let bytes = mcp_sqlite3_column_blob(statement, index), length > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }

    /// Finalizes the statements and closes the connection.
    func close() {
        queue.sync {
            for statement in statements.values { mcp_sqlite3_finalize(statement) }
            statements = [:]
            if let handle { mcp_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    /// The statements of one transaction, run synchronously on the connection's queue.
    struct Session {
        fileprivate let connection: SQLiteDirect

        /// Runs `sql` once per row of `rows`, each row's values bound in order (the statement
        /// looked up once: hashing the SQL text per row showed in profiles).
        func run(_ sql: String, rows: [[ColumnValue]]) throws(StorageError) {
            let statement = try connection.prepared(sql)
            for values in rows { _ = try connection.step(statement, values, readIntegers: false) }
        }

        /// Runs `sql` and returns its rows' integer columns (a `RETURNING` clause's).
        func integerRows(_ sql: String, _ values: [ColumnValue]) throws(StorageError) -> [[Int64]] {
            try connection.step(sql, values, readIntegers: true)
        }
    }

    private func step(_ sql: String, _ values: [ColumnValue], readIntegers: Bool) throws(StorageError) -> [[Int64]] {
        try step(prepared(sql), values, readIntegers: readIntegers)
    }

    private func step(_ statement: OpaquePointer, _ values: [ColumnValue], readIntegers: Bool) throws(StorageError) -> [[Int64]] {
        defer {
            mcp_sqlite3_reset(statement)
            mcp_sqlite3_clear_bindings(statement)
        }
        for (index, value) in values.enumerated() {
            guard let position = Int32(exactly: index + 1) else { throw failure("bind") }
            let code: Int32
            switch value {
            case .text(let text):
                code = text.utf8.withContiguousStorageIfAvailable { bytes in
                    mcp_sqlite3_bind_text(statement, position, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                                 Int32(clamping: bytes.count), Self.transient)
                } ?? mcp_sqlite3_bind_text(statement, position, text, -1, Self.transient)
            case .integer(let number): code = mcp_sqlite3_bind_int64(statement, position, number)
            case .null: code = mcp_sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else { throw failure("bind") }
        }
        var rows: [[Int64]] = []
        while true {
            switch mcp_sqlite3_step(statement) {
            case SQLITE_ROW:
                if readIntegers {
                    rows.append((0..<mcp_sqlite3_column_count(statement)).map { mcp_sqlite3_column_int64(statement, $0) })
                }
            case SQLITE_DONE: return rows
            default: throw failure("step")
            }
        }
    }

    private func prepared(_ sql: String) throws(StorageError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard mcp_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else { throw failure("prepare") }
        statements[sql] = statement
        return statement
    }

    private func execute(_ sql: String) throws(StorageError) {
        guard mcp_sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    private func failure(_ step: String) -> StorageError {
        let message = handle.map { String(cString: mcp_sqlite3_errmsg($0)) } ?? "closed"
        let code = handle.map { mcp_sqlite3_extended_errcode($0) } ?? 0
        return .unavailable("SQLite \(step) failed (\(code)): \(message)")
    }

    /// SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
