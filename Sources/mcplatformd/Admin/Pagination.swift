import Foundation
import SQLKit

/// `limit` + opaque `cursor` list pagination over rows ordered by (a time column, `id`), newest
/// first unless asked otherwise.
struct Pagination: Sendable {
    let limit: Int
    let after: (createdAt: EpochMillis, id: String)?

    static let defaultLimit = 50
    static let maxLimit = 200

    /// Reads `limit` and `cursor` as given; a malformed one is a 400.
    init(limitText: String?, cursor: String?) throws {
        if let text = limitText {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw APIError(status: .badRequest, code: "bad_request", message: "limit must be a number from 1 to \(Self.maxLimit)")
            }
            self.limit = limit
        } else {
            self.limit = Self.defaultLimit
        }
        if let cursor {
            guard let decoded = Self.decode(cursor) else {
                throw APIError(status: .badRequest, code: "bad_request", message: "cursor is not one this API returned")
            }
            self.after = decoded
        } else {
            self.after = nil
        }
    }

    /// Restricts `query` to the page: rows after the cursor, newest first (oldest first when
    /// `ascending`), one extra to know whether another page follows.
    func apply(to query: SQLSelectBuilder, table: String, idTable: String? = nil, timeColumn: String = "created_at",
               ascending: Bool = false) -> SQLSelectBuilder {
        let idTable = idTable ?? table
        let beyond: SQLBinaryOperator = ascending ? .greaterThan : .lessThan
        let direction: SQLDirection = ascending ? .ascending : .descending
        if let after {
            query.where(group: { group in
                group.where(SQLColumn(timeColumn, table: table), beyond, SQLBind(after.createdAt))
                    .orWhere(group: { inner in
                        inner.where(SQLColumn(timeColumn, table: table), .equal, SQLBind(after.createdAt))
                            .where(SQLColumn("id", table: idTable), beyond, SQLBind(after.id))
                    })
            })
        }
        return query.orderBy(SQLOrderBy(expression: SQLColumn(timeColumn, table: table), direction: direction))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: idTable), direction: direction))
            .limit(limit + 1)
    }

    /// The page of `rows` (fetched with `apply`) and the cursor of the next one.
    func page<Row>(_ rows: [Row], key: (Row) -> (EpochMillis, String)) -> (items: [Row], nextCursor: String?) {
        guard rows.count > limit else { return (rows, nil) }
        let items = Array(rows.prefix(limit))
        let (createdAt, id) = key(items[items.count - 1])
        return (items, Data("\(createdAt):\(id)".utf8).base64URLEncoded())
    }

    private static func decode(_ cursor: String) -> (EpochMillis, String)? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let createdAt = EpochMillis(text[..<colon]) else { return nil }
        return (createdAt, String(text[text.index(after: colon)...]))
    }
}
