import SQLKit

/// One column's value in a row written by either engine's tool-call writer (or SQLKit): the rows
/// of the MCP hot path are built once, as these, whichever engine writes them.
enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }

    /// The value as SQLKit binds it: the Swift types both engines' encoders convert directly
    /// (a custom `Encodable` would take PostgresKit's slow path through the `Encoder` machinery).
    var bind: SQLBind {
        switch self {
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .null: SQLBind(String?.none)
        }
    }
}

/// A table and the columns a writer fills, with SQLite's one-row insert statement for them
/// (prepared once by the SQLite writer and reused for every row).
struct TableLayout: Sendable {
    let table: String
    let columns: [String]
    /// `INSERT INTO table (columns) VALUES (?, …)`.
    let insertStatement: String

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
        insertStatement = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}

/// Rows for one table, values in the order of its layout's columns.
struct TableRows: Sendable {
    let layout: TableLayout
    let rows: [[ColumnValue]]

    init(_ layout: TableLayout, _ rows: [[ColumnValue]]) {
        self.layout = layout
        self.rows = rows
    }
}

extension SQLDatabase {
    /// Inserts `rows` in one multi-row statement.
    func insertRows(_ rows: TableRows) async throws {
        guard !rows.rows.isEmpty else { return }
        try await execute(sql: MultiTableInsert(tables: [rows])) { _ in }
    }

    /// Inserts rows into several tables: on PostgreSQL in one statement (each table but the
    /// last as a data-modifying `WITH`, one round trip); SQLite has no `WITH … INSERT`, so there
    /// one statement per table.
    func insertRows(_ tables: [TableRows], engine: DatabaseEngine) async throws {
        let tables = tables.filter { !$0.rows.isEmpty }
        guard !tables.isEmpty else { return }
        switch engine {
        case .postgres: try await execute(sql: MultiTableInsert(tables: tables)) { _ in }
        case .sqlite: for table in tables { try await insertRows(table) }
        }
    }
}

/// `INSERT INTO t (…) VALUES (…), (…)`, or `WITH w0 AS (INSERT …), … INSERT …` for several
/// tables, written straight to the serializer: the table and column names are the code's own
/// constants (quoted, never escaped), and the builder's per-identifier escaping showed in profiles.
private struct MultiTableInsert: SQLExpression {
    let tables: [TableRows]

    func serialize(to serializer: inout SQLSerializer) {
        for (index, table) in tables.enumerated() {
            let last = index == tables.count - 1
            if !last { serializer.write(index == 0 ? "WITH w0 AS (" : ", w\(index) AS (") }
            serializer.write("INSERT INTO \"\(table.layout.table)\" (\"\(table.layout.columns.joined(separator: "\", \""))\") VALUES ")
            for (row, values) in table.rows.enumerated() {
                serializer.write(row == 0 ? "(" : ", (")
                for (column, value) in values.enumerated() {
                    if column > 0 { serializer.write(", ") }
                    value.bind.serialize(to: &serializer)
                }
                serializer.write(")")
            }
            if !last { serializer.write(")") }
        }
    }
}
