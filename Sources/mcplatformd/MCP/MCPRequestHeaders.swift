import HTTPTypes

/// The request headers the MCP endpoint reads, taken in one pass over the fields: looking
/// each up by name scans the fields and joins their values every time, and a request is asked
/// for them a dozen times.
struct MCPRequestHeaders: Sendable {
    var accept: String?
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

    /// Repeated fields combine as `HTTPFields` combines them: values joined with ", ".
    private static func add(_ value: String, to slot: inout String?) {
        slot = slot.map { $0 + ", " + value } ?? value
    }
}
