import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Shared

/// The MCP endpoint over Streamable HTTP (docs/MCP.md): addressing by host or `/s/<slug>/…`, the
/// transport checks both eras share, then `MCPSessionGate` for era-specific rules and
/// `MCPDispatcher` for the methods. Every failure is an `MCPError`, turned into a JSON-RPC
/// error response here, once.
struct MCPController: Sendable {
    let addressing: ServerAddressing
    let authentication: MCPAuthentication
    let gate: MCPSessionGate
    let dispatcher: MCPDispatcher

    /// The largest request body read.
    static let maxBodyBytes = 1 << 20

    /// The MCP paths under a server: the seed's two forms and the short alias.
    static let paths = ["mcp", "api/mcpserver/mcp", "api/mcpserver/:tracking/mcp"]

    func addRoutes(to router: Router<AppRequestContext>) {
        for path in Self.paths {
            for prefix in ["", "s/:slug/"] {
                let route = RouterPath(prefix + path)
                router.post(route) { request, context in await self.serve(request, context, method: .post) }
                router.get(route) { request, context in await self.serve(request, context, method: .get) }
                router.delete(route) { request, context in await self.serve(request, context, method: .delete) }
            }
        }
    }

    private func serve(_ request: Request, _ context: AppRequestContext, method: HTTPRequest.Method) async -> Response {
        var requestID: JSONValue?
        do {
            let headers = MCPRequestHeaders(request.headers)
            let addressed = try await resolveServer(request, context)
            let server = addressed.server
            try checkOrigin(headers.origin, addressed: addressed)
            let trackingID = try context.parameters.get("tracking").map(Self.validTrackingID)
            let format = try ResponseFormat(accept: headers.accept)
            let authenticated = try await authentication.check(request, addressed)
            switch method {
            case .get:
                throw MCPError(code: MCPError.invalidRequest, message: "this endpoint has no server-to-client stream: use POST",
                               status: .methodNotAllowed, headers: [.allow: "POST, DELETE"])
            case .delete:
                return try await gate.endSession(headers, server: server, authenticated: authenticated)
            default:
                guard headers.declaresJSON else {
                    throw MCPError(code: MCPError.invalidRequest, message: "Content-Type must be application/json",
                                   status: .unsupportedMediaType, headers: [.accept: "application/json"])
                }
                let body = try await readBody(request)
                let message = try JSONRPCMessage(parsing: body)
                guard case .request(let id, let name, let params) = message else {
                    try await gate.acceptNotification(message, headers: headers, server: server, authenticated: authenticated)
                    return Response(status: .accepted)
                }
                requestID = id
                let prepared = try await gate.prepare(headers: headers, method: name, params: params, server: server,
                                                      trackingID: trackingID, remoteAddress: remoteAddress(context), authenticated: authenticated)
                let result: JSONValue
                if name == "initialize", case .legacy(let version) = prepared.exchange.era {
                    result = dispatcher.initializeResult(server, version: version)
                } else {
                    result = try await dispatcher.handle(method: name, params: params, exchange: prepared.exchange)
                }
                return format.response(["jsonrpc": "2.0", "id": id, "result": result], status: .ok, headers: prepared.headers)
            }
        } catch let error as MCPError {
            let answer = error.id == nil ? error.with(id: requestID) : error
            if answer.status.code >= 500 {
                context.logger.warning("MCP request failed", metadata: ["code": "\(answer.code)", "message": .string(answer.message)])
            }
            return answer.response
        } catch {
            context.logger.error("MCP request failed", metadata: ["error": "\(error)"])
            let answer = MCPError(code: MCPError.internalError, message: "internal error (request \(context.requestID))",
                                  status: .internalServerError, id: requestID)
            return answer.response
        }
    }

    /// The server the request addresses (docs/MCP.md "Addressing"); unknown → 404.
    private func resolveServer(_ request: Request, _ context: AppRequestContext) async throws -> AddressedServer {
        do {
            return try await addressing.resolve(request, context)
        } catch let error as ServerNotFound {
            throw MCPError(code: MCPError.invalidRequest, message: error.message, status: .notFound)
        }
    }

    /// Whether `path` (query aside) is one of the MCP paths, under any prefix.
    static func isMCPPath(_ path: String) -> Bool {
        (path.split(separator: "?", maxSplits: 1).first ?? "").hasSuffix("/mcp")
    }

    static func validTrackingID(_ text: String) throws -> String {
        guard (1...128).contains(text.count), text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw MCPError(code: MCPError.invalidRequest, message: "a tracking id has 1 to 128 visible ASCII characters", status: .badRequest)
        }
        return text
    }

    /// Browsers send `Origin`; one that is not this server's host, the public URL's host or a
    /// loopback page is refused (DNS-rebinding protection). Requests without `Origin` (agents,
    /// SDKs) pass.
    private func checkOrigin(_ origin: String?, addressed: AddressedServer) throws(MCPError) {
        let server = addressed.server
        guard let origin else { return }
        guard let url = URL(string: origin), let host = url.host?.lowercased() else {
            throw MCPError(code: MCPError.invalidRequest, message: "Origin '\(origin.prefix(100))' is not allowed", status: .forbidden)
        }
        // Not the request's own Host: under DNS rebinding an attacker's page is "same-origin".
        var allowed: Set<String> = [
            "localhost", "127.0.0.1", "[::1]", "::1", server.slug + "." + addressing.baseDomain.lowercased(),
            URL(string: addressing.publicURL.value)?.host?.lowercased() ?? "",
        ]
        if case .custom(let domain) = addressed.form { allowed.insert(domain) }
        guard allowed.contains(host) else {
            throw MCPError(code: MCPError.invalidRequest, message: "Origin '\(origin.prefix(100))' is not allowed", status: .forbidden)
        }
    }

    private func readBody(_ request: Request) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw MCPError(code: MCPError.invalidRequest, message: "the request body is larger than \(Self.maxBodyBytes) bytes",
                           status: .contentTooLarge)
        }
        do {
            return try JSONValue.parse(bytes: buffer.readableBytesView)
        } catch {
            throw MCPError(code: MCPError.parseError, message: "parse error: the body is not valid JSON", status: .badRequest)
        }
    }

    private func remoteAddress(_ context: AppRequestContext) -> String {
        context.clientAddress
    }
}

extension MCPError {
    /// The error as a JSON-RPC error response.
    var response: Response {
        ResponseFormat.json.response(body, status: status, headers: headers)
    }
}

/// How the client asked to be answered: JSON, or a one-event SSE stream when it accepts only SSE.
enum ResponseFormat: Sendable {
    case json, sse

    init(accept: String?) throws(MCPError) {
        guard let accept, !accept.isEmpty else {
            self = .json
            return
        }
        // Byte-wise: `String.contains` with Foundation imported bridges through NSString, and
        // the generic `firstRange(of:)` costs more than the rest of the request's checks.
        let names = { (name: StaticString) in Self.bytes(of: accept, contain: name) }
        if names("application/json") || names("*/*") || names("application/*") {
            self = .json
        } else if names("text/event-stream") {
            self = .sse
        } else {
            throw MCPError(code: MCPError.invalidRequest, message: "Accept must include application/json or text/event-stream",
                           status: .notAcceptable)
        }
    }

    /// Whether `text` contains the lower-case `name`, ASCII letters compared without case
    /// (media types are case-insensitive), without building a lower-cased copy.
    private static func bytes(of text: String, contain name: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            func lower(_ byte: UInt8) -> UInt8 { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
            for start in 0...(haystack.count - needle.count)
            where (0..<needle.count).allSatisfy({ lower(haystack[start + $0]) == needle[$0] }) {
                return true
            }
            return false
        }
    }

    func response(_ body: JSONValue, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        let data = body.jsonBytes()
        var fields = headers
        switch self {
        case .json:
            fields[.contentType] = "application/json"
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .sse:
            fields[.contentType] = "text/event-stream"
            fields[.cacheControl] = "no-cache, no-transform"
            fields[.xAccelBuffering] = "no"
            var buffer = ByteBuffer()
            buffer.writeString("event: message\ndata: ")
            buffer.writeBytes(data)
            buffer.writeString("\n\n")
            return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
        }
    }
}
