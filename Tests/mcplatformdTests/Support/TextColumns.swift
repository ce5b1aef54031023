import SQLKit
@testable import mcplatformd

/// Every text column of every table, searched with SQL for a string: what a secret, or an erased
/// person's data, must not be found in (the file's bytes can keep deleted rows; the columns are
/// what the database holds).
enum TextColumns {
    /// `table.column` for each column of either engine's database that holds `needle`.
    static func containing(_ needle: String, in database: Database) async throws -> [String] {
        try await rowCounts(needle, in: database).keys.sorted()
    }

    /// For each `table.column` that holds `needle`, how many rows do.
    static func rowCounts(_ needle: String, in database: Database) async throws -> [String: Int] {
        try await database.withConnection { db in
            var hits: [String: Int] = [:]
            for (table, column) in try await columns(db, engine: database.engine) {
                let quotedTable = SQLIdentifier(table), quotedColumn = SQLIdentifier(column)
                let found: SQLQueryString = database.engine == .sqlite
                    ? "SELECT COUNT(*) AS n FROM \(quotedTable) WHERE instr(CAST(\(quotedColumn) AS TEXT), \(bind: needle)) > 0"
                    : "SELECT COUNT(*) AS n FROM \(quotedTable) WHERE strpos(\(quotedColumn)::text, \(bind: needle)) > 0"
                let count = try await db.raw(found).first()?.decode(column: "n", as: Int.self) ?? 0
                if count > 0 { hits["\(table).\(column)"] = count }
            }
            return hits
        }
    }

    /// The text-like columns (text, JSON; on SQLite also untyped ones, as FTS tables have).
    static func columns(_ db: any SQLDatabase, engine: DatabaseEngine) async throws -> [(String, String)] {
        switch engine {
        case .postgres:
            return try await db.raw("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'tsvector')
                ORDER BY table_name, column_name
                """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
        case .sqlite:
            var columns: [(String, String)] = []
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                for row in try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all() {
                    let type = try row.decode(column: "type", as: String.self).uppercased()
                    if type.isEmpty || type.contains("TEXT") || type.contains("CHAR") || type.contains("JSON") || type.contains("BLOB") {
                        columns.append((table, try row.decode(column: "name", as: String.self)))
                    }
                }
            }
            return columns
        }
    }
}
