import Foundation

/// How the admin API encodes JSON: the keys as `openapi.yaml` names them (the generated types'
/// coding keys, snake_case) and RFC 3339 times. mcpctl and the daemon use these same coders.
public enum APICoding {
    /// The encoder for request and response bodies.
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder for request and response bodies.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}


/// One page of a list: its items and, when there are more, the cursor of the next page (the
/// shape of every `…Page` schema of `openapi.yaml`).
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    /// Opaque; pass it back as `cursor` to get the next page. Absent on the last page.
    public var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
