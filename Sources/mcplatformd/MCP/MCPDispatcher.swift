import Foundation
import Shared

/// The protocol era of one request, with the revision it speaks.
enum ProtocolEra: Sendable, Equatable {
    case legacy(String)
    case modern(String)

    var version: String {
        switch self {
        case .legacy(let version), .modern(let version): version
        }
    }

    var isModern: Bool {
        if case .modern = self { return true }
        return false
    }

    /// Whether tool `title`, `outputSchema` and `structuredContent` exist in this revision
    /// (2025-06-18 and later; revisions are dates, so they compare as text).
    var hasStructuredOutput: Bool { version >= "2025-06-18" }
}

/// One request as the dispatcher serves it: which server, who, in which era.
struct MCPExchange: Sendable {
    let server: HostedServer
    let era: ProtocolEra
    let identity: MCPIdentity
    let remoteAddress: String
}

/// Serves MCP methods once the transport has read the request and resolved who sends it:
/// `server/discover`, `tools/list`, `tools/call`, `ping`. Every `tools/call` is recorded.
struct MCPDispatcher: Sendable {
    let tools: [any MCPTool]
    let recorder: ToolCallRecorder
    let limits: AbuseLimits
    let definitions = ToolDefinitionCache()

    /// How long clients may cache `tools/list` and `server/discover` answers.
    static let listTTLMillis: Int64 = 60_000

    func handle(method: String, params: JSONObject, exchange: MCPExchange) async throws(MCPError) -> JSONValue {
        switch (method, exchange.era.isModern) {
        case ("server/discover", true):
            return complete(discover(exchange.server), exchange, cacheable: true)
        case ("ping", false):
            return [:]
        case ("tools/list", _):
            let list = tools.filter { $0.isOffered(by: exchange.server) }.map { definitions.definition(of: $0, for: exchange.server).json(for: exchange.era) }
            return complete(["tools": .array(list)], exchange, cacheable: true)
        case ("tools/call", _):
            return complete(try await callTool(params, exchange), exchange, cacheable: false)
        case ("subscriptions/listen", true):
            throw MCPError(code: MCPError.methodNotFound, message: "subscriptions/listen is not supported: this server sends no notifications",
                           status: .notFound)
        default:
            throw MCPError(code: MCPError.methodNotFound, message: "method not found: \(method.prefix(100))",
                           status: exchange.era.isModern ? .notFound : .ok)
        }
    }

    /// The `initialize` result of the legacy era.
    func initializeResult(_ server: HostedServer, version: String) -> JSONValue {
        ["protocolVersion": .string(version), "capabilities": Self.capabilities, "serverInfo": Self.serverInfo(server),
         "instructions": .string(instructions(for: server))]
    }

    /// The `server/discover` result (2026-07-28): server info travels in `_meta`, which
    /// `complete` adds with `resultType` and the cache fields.
    private func discover(_ server: HostedServer) -> JSONValue {
        ["supportedVersions": .array(ProtocolVersions.all.map { .string($0) }), "capabilities": Self.capabilities,
         "instructions": .string(instructions(for: server))]
    }

    /// The server's own instructions, or a short default naming the product and the tools on
    /// offer.
    func instructions(for server: HostedServer) -> String {
        if !server.settings.instructions.allSatisfy(\.isWhitespace) { return server.settings.instructions }
        let offered = tools.filter { $0.isOffered(by: server) }
        let product = server.settings.productName
        guard !offered.isEmpty else { return "The \(product) MCP server. It offers no tools at the moment." }
        let uses = offered.map { "`\($0.name)` to \($0.purpose(for: server))" }
        return "Help the user with \(product). Use " + Self.list(uses) + "."
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    static let capabilities: JSONValue = ["tools": ["listChanged": false]]

    static func serverInfo(_ server: HostedServer) -> JSONValue {
        ["name": .string(server.slug), "title": .string(server.settings.name), "version": .string(MCPlatformVersion.current)]
    }

    /// Adds what every stateless-era result carries: `resultType`, server info in `_meta`, and
    /// cache hints on lists (the same for every end user of a server, so `public`).
    private func complete(_ result: JSONValue, _ exchange: MCPExchange, cacheable: Bool) -> JSONValue {
        guard exchange.era.isModern, case .object(var members) = result else { return result }
        members["resultType"] = "complete"
        members["_meta"] = [ProtocolVersions.serverInfoMeta: Self.serverInfo(exchange.server)]
        if cacheable {
            members["ttlMs"] = .int(Self.listTTLMillis)
            members["cacheScope"] = "public"
        }
        return .object(members)
    }

    private func callTool(_ params: JSONObject, _ exchange: MCPExchange) async throws(MCPError) -> JSONValue {
        guard case .string(let name)? = params["name"] else {
            throw MCPError(code: MCPError.invalidParams, message: "tools/call needs params.name, the tool's name", status: .badRequest)
        }
        let arguments: JSONObject
        switch params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let object)?: arguments = object
        default: throw MCPError(code: MCPError.invalidParams, message: "params.arguments must be an object", status: .badRequest)
        }
        let started = ContinuousClock.now
        try await limits.admitToolCall(serverID: exchange.server.id, address: exchange.remoteAddress)
        let argumentsText = StoredArguments.text(arguments)
        guard let tool = tools.first(where: { $0.name == name && $0.isOffered(by: exchange.server) }) else {
            let message = "unknown tool '\(name.prefix(100))'; tools/list names the tools of this server"
            _ = try await record(String(name.prefix(100)), argumentsText, .error(message), exchange, started: started)
            throw MCPError(code: MCPError.invalidParams, message: message, status: exchange.era.isModern ? .badRequest : .ok)
        }
        let invocation = ToolInvocation(server: exchange.server, identity: exchange.identity, arguments: arguments)
        let problems = JSONSchemaValidator.problems(.object(arguments), against: definitions.definition(of: tool, for: exchange.server).inputSchema)
        var outcome: ToolOutcome
        if !problems.isEmpty {
            outcome = .error("Invalid arguments for \(name): " + problems.joined(separator: "; ") + ".")
        } else {
            do {
                outcome = try await tool.run(invocation)
            } catch {
                outcome = .error("\(name) failed on the server; try again later")
            }
        }
        if outcome.ticket != nil {
            try await limits.admitTicket(serverID: exchange.server.id, address: exchange.remoteAddress)
        }
        let number = try await record(name, argumentsText, outcome, exchange, started: started)
        outcome.afterCommit?()
        var result: JSONObject = ["content": [["type": "text", "text": .string(outcome.text(number))]]]
        if exchange.era.hasStructuredOutput, !outcome.isError, let structured = outcome.structured {
            result["structuredContent"] = .object(structured(number))
        }
        result["isError"] = .bool(outcome.isError)
        return .object(result)
    }

    private func record(_ tool: String, _ arguments: String, _ outcome: ToolOutcome, _ exchange: MCPExchange,
                        started: ContinuousClock.Instant) async throws(MCPError) -> Int64? {
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        let record = ToolCallRecord(
            organizationID: exchange.server.organizationID, serverID: exchange.server.id, sessionID: exchange.identity.sessionID,
            endUserID: exchange.identity.endUserID, tool: tool, arguments: arguments, isError: outcome.isError,
            error: outcome.isError ? outcome.text(nil) : nil, durationMicros: micros, ticket: outcome.ticket,
            claimedEmail: outcome.claimedEmail, summary: outcome.summary)
        do {
            return try await recorder.record(record)
        } catch {
            throw MCPError(code: MCPError.internalError, message: "the call could not be recorded; nothing was saved, try again",
                           status: .serviceUnavailable)
        }
    }
}
