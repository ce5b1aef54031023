import Foundation
import HTTPTypes
import Hummingbird
import Shared

/// The era-specific rules of the transport (docs/MCP.md "Transport"): the stateless era's `_meta`
/// envelope and header checks, the legacy era's `initialize` and persisted `Mcp-Session-Id`.
/// It answers who is calling (end user and session) for the dispatcher.
struct MCPSessionGate: Sendable {
    let resolver: EndUserResolver

    /// A request ready for the dispatcher, and the headers its response carries.
    struct Prepared: Sendable {
        let exchange: MCPExchange
        var headers: HTTPFields = [:]
    }

    static let sessionHeader = MCPRequestHeaders.sessionHeader

    /// Methods whose name parameter is mirrored in `Mcp-Name`.
    static let nameBearing = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    /// Whether a request is of the stateless era: its `_meta` names a protocol version, or its
    /// version header names a modern revision.
    static func isModern(params: JSONObject, headers: MCPRequestHeaders) -> Bool {
        if params["_meta"]?[ProtocolVersions.protocolVersionMeta] != nil { return true }
        return headers.protocolVersion.map(ProtocolVersions.modern.contains) ?? false
    }

    func prepare(headers: MCPRequestHeaders, method: String, params: JSONObject, server: HostedServer,
                 trackingID: String?, remoteAddress: String, authenticated: AuthenticatedEndUser?) async throws -> Prepared {
        if Self.isModern(params: params, headers: headers) {
            return try await prepareModern(headers: headers, method: method, params: params, server: server, trackingID: trackingID,
                                           remoteAddress: remoteAddress, authenticated: authenticated)
        }
        if method == "initialize" {
            let requested = params["protocolVersion"]?.stringValue ?? ""
            let version = ProtocolVersions.legacy.contains(requested) ? requested : ProtocolVersions.legacy[0]
            let session = try await resolver.startLegacySession(server: server, trackingID: trackingID, protocolVersion: version,
                                                                client: Self.clientInfo(params["clientInfo"]), remoteAddress: remoteAddress,
                                                                endUserID: authenticated?.endUserID)
            let exchange = MCPExchange(server: server, era: .legacy(version),
                                       identity: MCPIdentity(endUserID: session.endUserID, sessionID: session.id), remoteAddress: remoteAddress)
            return Prepared(exchange: exchange, headers: [Self.sessionHeader: session.id])
        }
        let session = try await openSession(headers, server: server, authenticated: authenticated)
        if let header = headers.protocolVersion {
            guard ProtocolVersions.legacy.contains(header) else {
                throw MCPError(code: MCPError.invalidRequest, message: "unsupported MCP-Protocol-Version '\(header.prefix(40))'",
                               data: ["supported": .array(ProtocolVersions.all.map { .string($0) })], status: .badRequest)
            }
            guard header == session.protocolVersion else {
                throw MCPError(code: MCPError.invalidRequest,
                               message: "MCP-Protocol-Version '\(header)' is not the version this session negotiated (\(session.protocolVersion))",
                               status: .badRequest)
            }
        }
        let identity = try await resolver.resolveLegacy(session: session, server: server, trackingID: trackingID, remoteAddress: remoteAddress,
                                                        authenticatedUser: authenticated?.endUserID)
        return Prepared(exchange: MCPExchange(server: server, era: .legacy(session.protocolVersion), identity: identity,
                                              remoteAddress: remoteAddress))
    }

    /// Notifications and client responses are accepted (202) when their session, if named, is
    /// open, and their protocol version, if named, is served.
    func acceptNotification(_ message: JSONRPCMessage, headers: MCPRequestHeaders, server: HostedServer,
                            authenticated: AuthenticatedEndUser?) async throws {
        if let header = headers.protocolVersion, !ProtocolVersions.all.contains(header) {
            throw MCPError(code: MCPError.unsupportedProtocolVersion, message: "unsupported protocol version '\(header.prefix(40))'",
                           data: Self.unsupportedData(header), status: .badRequest)
        }
        if headers.sessionID != nil, !(headers.protocolVersion.map(ProtocolVersions.modern.contains) ?? false) {
            _ = try await openSession(headers, server: server, authenticated: authenticated)
        }
    }

    /// DELETE: ends the legacy session named by `Mcp-Session-Id`.
    func endSession(_ headers: MCPRequestHeaders, server: HostedServer, authenticated: AuthenticatedEndUser?) async throws -> Response {
        guard let id = headers.sessionID else {
            throw MCPError(code: MCPError.invalidRequest, message: "DELETE needs the Mcp-Session-Id header of the session to end", status: .badRequest)
        }
        if authenticated != nil { _ = try await openSession(headers, server: server, authenticated: authenticated) }
        guard try await resolver.endLegacySession(id, server: server) else {
            throw MCPError(code: MCPError.sessionNotFound, message: "session not found or already ended", status: .notFound)
        }
        return Response(status: .ok)
    }

    /// The open session the request names; on a signed-in server only its own end user's.
    private func openSession(_ headers: MCPRequestHeaders, server: HostedServer, authenticated: AuthenticatedEndUser?) async throws -> LegacySession {
        guard let id = headers.sessionID else {
            throw MCPError(code: MCPError.invalidRequest,
                           message: "Mcp-Session-Id header is required: call initialize first (or send a 2026-07-28 request with params._meta)",
                           status: .badRequest)
        }
        guard let session = try await resolver.legacySession(id, server: server), !session.ended,
              authenticated == nil || authenticated?.endUserID == session.endUserID else {
            throw MCPError(code: MCPError.sessionNotFound, message: "session not found or ended: initialize a new one", status: .notFound)
        }
        return session
    }

    private func prepareModern(headers: MCPRequestHeaders, method: String, params: JSONObject, server: HostedServer,
                               trackingID: String?, remoteAddress: String, authenticated: AuthenticatedEndUser?) async throws -> Prepared {
        guard case .object(let meta)? = params["_meta"] else {
            throw MCPError(code: MCPError.invalidParams, message: "params._meta must be an object carrying "
                           + "'\(ProtocolVersions.protocolVersionMeta)' and '\(ProtocolVersions.clientCapabilitiesMeta)'", status: .badRequest)
        }
        let missing = [ProtocolVersions.protocolVersionMeta, ProtocolVersions.clientCapabilitiesMeta].filter { meta[$0] == nil }
        guard missing.isEmpty else {
            throw MCPError(code: MCPError.invalidParams, message: "params._meta is missing " + missing.joined(separator: ", "), status: .badRequest)
        }
        let version = meta[ProtocolVersions.protocolVersionMeta]?.stringValue
        guard let header = headers.protocolVersion, header == version else {
            throw MCPError(code: MCPError.headerMismatch, message: "MCP-Protocol-Version header does not match params._meta's protocol version",
                           status: .badRequest)
        }
        guard headers.method == method else {
            throw MCPError(code: MCPError.headerMismatch, message: "Mcp-Method header does not match the body's method", status: .badRequest)
        }
        if let key = Self.nameBearing[method], let value = params[key]?.stringValue,
           Self.decodeHeaderValue(headers.name) != value {
            throw MCPError(code: MCPError.headerMismatch, message: "Mcp-Name header does not match the body's '\(key)'", status: .badRequest)
        }
        guard ProtocolVersions.modern.contains(header) else {
            throw MCPError(code: MCPError.unsupportedProtocolVersion, message: "unsupported protocol version '\(header.prefix(40))'",
                           data: Self.unsupportedData(header), status: .badRequest)
        }
        let client = Self.clientInfo(meta[ProtocolVersions.clientInfoMeta])
        let identity = try await resolver.resolveModern(server: server, trackingID: trackingID, client: client, remoteAddress: remoteAddress,
                                                        userAgent: headers.userAgent ?? "", protocolVersion: header,
                                                        authenticatedUser: authenticated?.endUserID)
        return Prepared(exchange: MCPExchange(server: server, era: .modern(header), identity: identity, remoteAddress: remoteAddress))
    }

    static func unsupportedData(_ requested: String) -> JSONValue {
        ["supported": .array(ProtocolVersions.modern.map { .string($0) }), "requested": .string(String(requested.prefix(40)))]
    }

    static func clientInfo(_ value: JSONValue?) -> ClientInfo {
        ClientInfo(name: value?["name"]?.stringValue, version: value?["version"]?.stringValue)
    }

    /// A header value, decoded from the `=?base64?…?=` form when it uses it (nil if malformed).
    static func decodeHeaderValue(_ value: String?) -> String? {
        guard let value, value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.count >= 11 else { return value }
        let payload = String(value.dropFirst(9).dropLast(2))
        guard let data = Data(base64Encoded: payload), data.base64EncodedString() == payload else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
