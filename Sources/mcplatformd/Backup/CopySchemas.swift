import Foundation
import Logging
import SQLKit

/// The target's tables in foreign-key order, with their copyable columns and serial columns.
struct TargetSchema {
    struct Column: Equatable {
        let name: String
        /// `information_schema.columns.data_type`.
        let type: String
    }

    /// Tables, each after the tables it references.
    let order: [String]
    /// Columns that take copied values (generated ones, like the search vector, are computed).
    let columns: [String: [Column]]
    let serialColumns: [(table: String, column: String)]

    static func read(_ database: Database) async throws(BackupError) -> TargetSchema {
        do {
            return try await database.withConnection { db in
                let columnRows = try await db.raw("""
                    SELECT table_name AS t, column_name AS c, data_type AS d, is_generated AS g, column_default AS f
                    FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                    """).all()
                var columns: [String: [Column]] = [:]
                var serial: [(String, String)] = []
                for row in columnRows {
                    let table = try row.decode(column: "t", as: String.self)
                    let name = try row.decode(column: "c", as: String.self)
                    guard try row.decode(column: "g", as: String?.self) != "ALWAYS" else { continue }
                    columns[table, default: []].append(Column(name: name, type: try row.decode(column: "d", as: String.self)))
                    if try row.decode(column: "f", as: String?.self)?.hasPrefix("nextval(") == true { serial.append((table, name)) }
                }
                let edges = try await db.raw("""
                    SELECT tc.table_name AS child, ccu.table_name AS parent
                    FROM information_schema.table_constraints tc
                    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                    """).all().map { (try $0.decode(column: "child", as: String.self), try $0.decode(column: "parent", as: String.self)) }
                let skipped: Set<String> = ["schema_migrations", CopyDatabase.markerTable]
                let tables = columns.keys.filter { !skipped.contains($0) }.sorted()
                return TargetSchema(order: Self.dependencyOrder(tables, edges: edges), columns: columns, serialColumns: serial)
            }
        } catch {
            throw .failed("cannot read the target's schema: \(error)")
        }
    }

    /// `tables` with every table after those it references (alphabetical among equals).
    static func dependencyOrder(_ tables: [String], edges: [(child: String, parent: String)]) -> [String] {
        var parents: [String: Set<String>] = [:]
        for edge in edges where edge.child != edge.parent && tables.contains(edge.parent) { parents[edge.child, default: []].insert(edge.parent) }
        var order: [String] = []
        var placed: Set<String> = []
        var remaining = tables
        while !remaining.isEmpty {
            let ready = remaining.filter { (parents[$0] ?? []).isSubset(of: placed) }
            // A cycle (none exists today) is copied in name order rather than never.
            let next = ready.isEmpty ? [remaining[0]] : ready
            order += next
            placed.formUnion(next)
            remaining.removeAll { placed.contains($0) }
        }
        return order
    }
}

/// The source SQLite database, read inside one transaction: one consistent snapshot even while
/// a daemon writes to it.
final class SourceSnapshot {
    private let connection: SQLiteDirect

    private init(_ connection: SQLiteDirect) { self.connection = connection }

    static func open(_ path: String, logger: Logger) async throws(BackupError) -> SourceSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound("no SQLite database at \(path)") }
        do {
            let connection = try SQLiteDirect(path: path, pragmas: ["PRAGMA busy_timeout = 10000"])
            _ = try await connection.query("BEGIN", [])
            // The first read fixes the snapshot.
            _ = try await connection.query("SELECT COUNT(*) FROM sqlite_master", [])
            return SourceSnapshot(connection)
        } catch {
            throw .failed("cannot read the SQLite database at \(path): \(error)")
        }
    }

    func close() async {
        _ = try? await connection.query("COMMIT", [])
        connection.close()
    }

    /// Ordinary tables: not SQLite's own, not FTS5 tables or their shadow tables.
    func tables() async throws(BackupError) -> Set<String> {
        let rows = try await query("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        let virtual = rows.filter { $0.text("sql")?.uppercased().hasPrefix("CREATE VIRTUAL TABLE") == true }.compactMap { $0.text("name") }
        return Set(rows.compactMap { $0.text("name") }.filter { name in
            !name.hasPrefix("sqlite_") && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
        })
    }

    func count(_ table: String) async throws(BackupError) -> Int {
        guard case .integer(let count)? = try await query("SELECT COUNT(*) AS n FROM \(Self.quote(table))").first?.value("n") else { return 0 }
        return Int(count)
    }

    /// Up to `limit` rows after rowid `after`, converted for the target; and the last rowid.
    func batch(_ table: String, columns: [TargetSchema.Column], after: Int64, limit: Int) async throws -> ([[CopyValue]], Int64) {
        let list = columns.map { Self.quote($0.name) }.joined(separator: ", ")
        let rows = try await query("SELECT rowid AS \"__copy_rowid\", \(list) FROM \(Self.quote(table)) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                   [.integer(after), .integer(Int64(limit))])
        var values: [[CopyValue]] = []
        var last = after
        for row in rows {
            var converted: [CopyValue] = []
            converted.reserveCapacity(columns.count)
            for column in columns {
                converted.append(try CopyValue(row.value(column.name) ?? .null, postgresType: column.type, column: "\(table).\(column.name)"))
            }
            values.append(converted)
            if case .integer(let rowid)? = row.value("__copy_rowid") { last = rowid }
        }
        return (values, last)
    }

    func checksum(_ table: String, columns: [TargetSchema.Column]) async throws(BackupError) -> TableChecksum {
        var checksum = TableChecksum()
        var after: Int64 = .min
        while true {
            let (rows, last): ([[CopyValue]], Int64)
            do { (rows, last) = try await batch(table, columns: columns, after: after, limit: 2000) } catch let error as BackupError { throw error } catch {
                throw .failed("cannot read \(table): \(error)")
            }
            guard !rows.isEmpty else { return checksum }
            for row in rows { checksum.add(row) }
            after = last
        }
    }

    private func query(_ sql: String, _ binds: [SQLiteValue] = []) async throws(BackupError) -> [SQLiteDirectRow] {
        do { return try await connection.query(sql, binds) } catch { throw .failed("cannot read the SQLite database: \(error)") }
    }

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
