import SQLKit

/// One column's value in a row written by both SQLKit (on either engine) and `SQLiteDirect`:
/// the rows of the MCP hot path are built once, as these, whichever way they are written.
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

extension SQLDatabase {
    /// Inserts `rows` (values in the order of `columns`) in one multi-row statement.
    func insertRows(into table: String, _ columns: [String], _ rows: [[ColumnValue]]) async throws {
        guard !rows.isEmpty else { return }
        let insert = self.insert(into: table).columns(columns)
        for row in rows { insert.values(row.map(\.bind)) }
        try await insert.run()
    }
}

extension Array where Element == String {
    /// `INSERT INTO table (columns) VALUES (?, …)`: one row, SQLite's placeholders.
    func insertStatement(into table: String) -> String {
        "INSERT INTO \(table) (\(joined(separator: ", "))) VALUES (\(map { _ in "?" }.joined(separator: ", ")))"
    }
}
