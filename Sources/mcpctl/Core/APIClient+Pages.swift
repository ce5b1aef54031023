import Foundation
import Shared

extension APIClient {
    /// Every item of a paginated list (following cursors), or the first `limit`.
    func all<Item: Codable & Sendable>(_ path: String, limit: Int? = nil) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "limit", value: "200")] + (cursor.map { [URLQueryItem(name: "cursor", value: $0)] } ?? [])
            let separator = path.contains("?") ? "&" : "?"
            let page: Page<Item> = try await get(path + separator + (components.percentEncodedQuery ?? ""))
            items += page.items
            cursor = page.nextCursor
            if let limit, items.count >= limit { return Array(items.prefix(limit)) }
        } while cursor != nil
        return items
    }
}

extension String {
    /// This string as one URL path segment.
    var pathEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? self
    }

    /// This string as one URL query value.
    var queryEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))) ?? self
    }
}
