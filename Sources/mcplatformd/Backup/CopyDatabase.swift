import Foundation
import Logging
import SQLKit

/// `mcplatformd copy-db`: an SQLite installation into an empty PostgreSQL database.
///
/// The target gets the schema from the migrations, then every table in foreign-key order, in
/// batches, from one read transaction of the source (one consistent snapshot). FTS5 tables are
/// skipped: PostgreSQL's search column is generated from the copied text. Sequences are set past
/// the copied values. Each table is copied in one target transaction that also records it in
/// `mcplatform_copy_progress`, so `--resume` continues an interrupted copy with the tables not
/// yet recorded; the marker table is dropped when the copy is verified. Verification compares
/// each table's row count and an order-independent checksum of its rows on both sides.
struct CopyDatabase {
    let source: String
    let target: DatabaseURL
    let resume: Bool
    let logger: Logger
    /// Reports progress: table, rows copied, rows in the table.
    var progress: (String, Int, Int) -> Void = { _, _, _ in }

    static let markerTable = "mcplatform_copy_progress"

    /// One table's verified copy.
    struct TableResult: Equatable {
        let table: String
        let rows: Int
        let checksum: String
    }

    func run() async throws(BackupError) -> [TableResult] {
        let destination: Database
        do {
            destination = try await Database.open(target, logger: logger, readerCount: 1)
        } catch {
            throw .failed("cannot open \(target.redacted): \(error)")
        }
        do {
            let results = try await copy(into: destination)
            await destination.close()
            return results
        } catch {
            await destination.close()
            throw error
        }
    }

    private func copy(into destination: Database) async throws(BackupError) -> [TableResult] {
        try await prepareTarget(destination)
        try await migrateSource()
        let snapshot = try await SourceSnapshot.open(source, logger: logger)
        do throws(BackupError) {
            let schema = try await TargetSchema.read(destination)
            let sourceTables = try await snapshot.tables()
            let done = try await doneTables(destination)
            for table in schema.order where sourceTables.contains(table) && !done.contains(table) {
                try await copyTable(table, columns: schema.columns[table] ?? [], from: snapshot, into: destination)
            }
            try await setSequences(schema, destination)
            var results: [TableResult] = []
            for table in schema.order where sourceTables.contains(table) {
                let columns = schema.columns[table] ?? []
                let expected = try await snapshot.checksum(table, columns: columns)
                let actual = try await targetChecksum(table, columns: columns, destination)
                guard expected == actual else {
                    throw BackupError.failed("verification failed for \(table): \(expected.rows) rows in SQLite, \(actual.rows) in PostgreSQL, checksums differ")
                }
                results.append(TableResult(table: table, rows: actual.rows, checksum: actual.hex))
            }
            try await run(destination, "DROP TABLE \(Self.markerTable)")
            await snapshot.close()
            return results
        } catch {
            await snapshot.close()
            throw error
        }
    }

    /// Refuses a target that holds anything but an interrupted copy (and that only with
    /// `--resume`); then creates the marker table and the schema.
    private func prepareTarget(_ destination: Database) async throws(BackupError) {
        let tables: [String]
        do {
            // A fresh connection with a short timeout: an unreachable target fails at once
            // instead of after the pool's retries.
            tables = try await withTimeout(.seconds(10)) {
                try await destination.withProbeConnection { db in
                    try await db.raw("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()").all()
                        .map { try $0.decode(column: "t", as: String.self) }
                }
            }
        } catch {
            throw .notFound("cannot reach \(target.redacted): \(Self.reason(error))")
        }
        if tables.contains(Self.markerTable) {
            guard resume else { throw .invalid("\(target.redacted) holds an interrupted copy: pass --resume to continue it") }
        } else if !tables.isEmpty {
            throw .invalid("\(target.redacted) is not empty (\(tables.count) tables): copy-db needs an empty database")
        } else if resume {
            throw .invalid("\(target.redacted) holds no interrupted copy to resume")
        } else {
            try await run(destination, "CREATE TABLE \(Self.markerTable) (table_name TEXT PRIMARY KEY, row_count BIGINT NOT NULL, copied_at BIGINT NOT NULL)")
        }
        do {
            try await Migrator(database: destination, logger: logger).migrate()
        } catch {
            throw .failed("cannot create the schema in \(target.redacted): \(error)")
        }
    }

    /// The source gets this version's migrations first, so both sides have the same columns.
    private func migrateSource() async throws(BackupError) {
        do {
            _ = try await Database.using(DatabaseURL(sqlitePath: source), logger: logger) { try await Migrator(database: $0, logger: logger).migrate() }
        } catch {
            throw .failed("cannot migrate the SQLite database at \(source): \(error)")
        }
    }

    private func doneTables(_ destination: Database) async throws(BackupError) -> Set<String> {
        do {
            return Set(try await destination.withConnection { db in
                try await db.raw("SELECT table_name AS t FROM \(unsafeRaw: Self.markerTable)").all().map { try $0.decode(column: "t", as: String.self) }
            })
        } catch {
            throw .failed("cannot read \(Self.markerTable): \(error)")
        }
    }

    private func copyTable(_ table: String, columns: [TargetSchema.Column], from snapshot: SourceSnapshot,
                           into destination: Database) async throws(BackupError) {
        let total = try await snapshot.count(table)
        let batchSize = max(1, min(500, 30_000 / max(1, columns.count)))
        let progress = self.progress
        do {
            try await destination.transaction { (db: any SQLDatabase) async throws -> Void in
                // A table left half-copied by an interrupted run starts over (tables after it in
                // foreign-key order are still empty).
                try await db.raw("DELETE FROM \(ident: table)").run()
                var copied = 0
                var after: Int64 = .min
                while true {
                    let (rows, last) = try await snapshot.batch(table, columns: columns, after: after, limit: batchSize)
                    guard !rows.isEmpty else { break }
                    let insert = db.insert(into: table).columns(columns.map(\.name))
                    for row in rows {
                        let expressions: [any SQLExpression] = row.map(\.expression)
                        insert.values(expressions)
                    }
                    try await insert.run()
                    copied += rows.count
                    after = last
                    progress(table, copied, total)
                }
                try await db.raw("""
                    INSERT INTO \(unsafeRaw: Self.markerTable) (table_name, row_count, copied_at) VALUES (\(bind: table), \(bind: copied), \(bind: nowMillis()))
                    """).run()
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw .failed("cannot copy \(table): \(error)")
        }
    }

    /// Every sequence (`document_chunks.seq` and any other serial column) continues after the
    /// largest copied value.
    private func setSequences(_ schema: TargetSchema, _ destination: Database) async throws(BackupError) {
        for (table, column) in schema.serialColumns {
            try await run(destination, """
                SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE((SELECT MAX("\(column)") FROM "\(table)"), 0) + 1, false)
                """)
        }
    }

    private func targetChecksum(_ table: String, columns: [TargetSchema.Column], _ destination: Database) async throws(BackupError) -> TableChecksum {
        do {
            return try await destination.withConnection { db in
                var checksum = TableChecksum()
                let rows = try await db.select().columns(columns.map { SQLColumn($0.name) }).from(table).all()
                for row in rows {
                    checksum.add(try columns.map { try CopyValue(row: row, column: $0.name, postgresType: $0.type) })
                }
                return checksum
            }
        } catch {
            throw .failed("cannot read back \(table): \(error)")
        }
    }

    private func run(_ destination: Database, _ sql: String) async throws(BackupError) {
        do {
            try await destination.withConnection { try await $0.raw(SQLQueryString(sql)).run() }
        } catch {
            throw .failed("\(target.redacted): \(error)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        // PostgresNIO's description hides everything; its reflection names the cause.
        let text = String(reflecting: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

extension SQLQueryString {
    /// A quoted identifier.
    mutating func appendInterpolation(ident: String) {
        appendInterpolation(unsafeRaw: "\"" + ident.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }
}
