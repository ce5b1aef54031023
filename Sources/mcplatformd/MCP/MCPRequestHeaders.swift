import HTTPTypes

/// The request headers the MCP endpoint reads, taken in one pass over the fields: looking
/// each up by name scans the fields and joins their values every time, and a request is asked
/// for them a dozen times.
struct MCPRequestHeaders: Sendable {
    var accept: String?
    var contentType: String?
    var origin: String?
    var sessionID: String?
    var protocolVersion: String?
    var method: String?
    var name: String?
    var userAgent: String?

    static let sessionHeader = HTTPField.Name(known: "Mcp-Session-Id")
    static let versionHeader = HTTPField.Name(known: "MCP-Protocol-Version")
    static let methodHeader = HTTPField.Name(known: "Mcp-Method")
    static let nameHeader = HTTPField.Name(known: "Mcp-Name")

    init(_ fields: HTTPFields) {
        for field in fields {
            switch field.name {
            case .accept: Self.add(field.value, to: &accept)
            case .contentType: Self.add(field.value, to: &contentType)
            case Self.sessionHeader: Self.add(field.value, to: &sessionID)
            case Self.versionHeader: Self.add(field.value, to: &protocolVersion)
            case Self.methodHeader: Self.add(field.value, to: &method)
            case Self.nameHeader: Self.add(field.value, to: &name)
            case .origin: Self.add(field.value, to: &origin)
            case .userAgent: Self.add(field.value, to: &userAgent)
            default: break
            }
        }
    }

    /// Whether the body is declared JSON: `application/json`, parameters (`; charset=utf-8`)
    /// aside, in any case. Anything else, or nothing, is refused with 415: `text/plain` and
    /// form types are what a browser may post cross-site without asking first.
    var declaresJSON: Bool {
        guard let contentType else { return false }
        let type = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
        let trimmed = type.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        let expected = "application/json".utf8
        return trimmed.count == expected.count
            && zip(trimmed, expected).allSatisfy { pair in
                let byte = pair.0
                let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                return lower == pair.1
            }
    }

    /// Repeated fields combine as `HTTPFields` combines them: values joined with ", ".
    private static func add(_ value: String, to slot: inout String?) {
        slot = slot.map { $0 + ", " + value } ?? value
    }
}
