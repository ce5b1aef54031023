import Foundation
import HTTPTypes
import Shared

/// A JSON-RPC error answered by the MCP endpoint, with the HTTP status it travels with.
///
/// Every failure of the MCP surface is one of these; `MCPController` turns it into a response
/// in one place.
struct MCPError: Error, Sendable {
    let code: Int
    let message: String
    var data: JSONValue? = nil
    var status: HTTPResponse.Status = .ok
    /// The request id to answer with (nil when the request could not be read).
    var id: JSONValue? = nil
    var headers: HTTPFields = [:]

    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    /// Implementation-defined server errors (rate limits, unavailable auth mode).
    static let serverError = -32000
    /// The legacy session does not exist or has ended (the TypeScript SDK's code).
    static let sessionNotFound = -32001
    static let headerMismatch = -32020
    static let missingClientCapability = -32021
    static let unsupportedProtocolVersion = -32022

    /// The JSON-RPC error response body.
    var body: JSONValue {
        var error: JSONObject = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { error["data"] = data }
        return ["jsonrpc": "2.0", "id": id ?? .null, "error": .object(error)]
    }

    func with(id: JSONValue?) -> MCPError {
        var copy = self
        copy.id = id
        return copy
    }
}

/// One JSON-RPC message posted to the endpoint.
enum JSONRPCMessage: Sendable {
    /// A request: it gets an answer.
    case request(id: JSONValue, method: String, params: JSONObject)
    /// A notification: accepted with 202, no answer.
    case notification(method: String, params: JSONObject)
    /// A response or error the client sent back: accepted with 202.
    case response

    /// Reads one message; batches and malformed envelopes are refused (HTTP 400).
    init(parsing body: JSONValue) throws(MCPError) {
        guard case .object(let members) = body else {
            if case .array = body {
                throw MCPError(code: MCPError.invalidRequest, message: "JSON-RPC batches are not supported: send one message per request",
                               status: .badRequest)
            }
            throw MCPError(code: MCPError.invalidRequest, message: "the body must be one JSON-RPC message object", status: .badRequest)
        }
        guard members["jsonrpc"] == "2.0" else {
            throw MCPError(code: MCPError.invalidRequest, message: "\"jsonrpc\" must be \"2.0\"", status: .badRequest)
        }
        let params: JSONObject
        switch members["params"] {
        case nil, .null?: params = [:]
        case .object(let object)?: params = object
        default: throw MCPError(code: MCPError.invalidRequest, message: "\"params\" must be an object", status: .badRequest)
        }
        guard let method = members["method"] else {
            guard members["result"] != nil || members["error"] != nil else {
                throw MCPError(code: MCPError.invalidRequest, message: "a request needs a \"method\"", status: .badRequest)
            }
            self = .response
            return
        }
        guard case .string(let name) = method else {
            throw MCPError(code: MCPError.invalidRequest, message: "\"method\" must be a string", status: .badRequest)
        }
        guard let id = members["id"] else {
            self = .notification(method: name, params: params)
            return
        }
        switch id {
        case .string, .int: self = .request(id: id, method: name, params: params)
        default: throw MCPError(code: MCPError.invalidRequest, message: "\"id\" must be a string or an integer", status: .badRequest)
        }
    }
}

/// The protocol revisions the endpoint speaks (docs/MCP.md).
enum ProtocolVersions {
    /// The handshake era, newest first; `initialize` negotiates one of these.
    static let legacy = ["2025-11-25", "2025-06-18", "2025-03-26"]
    /// The stateless era.
    static let modern = ["2026-07-28"]
    /// What a legacy request without `MCP-Protocol-Version` is taken to speak.
    static let assumedWithoutHeader = "2025-03-26"

    static let all = modern + legacy

    static let protocolVersionMeta = "io.modelcontextprotocol/protocolVersion"
    static let clientCapabilitiesMeta = "io.modelcontextprotocol/clientCapabilities"
    static let clientInfoMeta = "io.modelcontextprotocol/clientInfo"
    static let serverInfoMeta = "io.modelcontextprotocol/serverInfo"
}
