import Foundation
import Shared

/// A tool's entry in `tools/list`.
struct ToolDefinition: Sendable {
    let name: String
    let title: String
    let description: String
    let inputSchema: JSONValue
    let annotations: ToolAnnotations
    /// The schema of the tool's `structuredContent` (an object schema).
    let outputSchema: JSONValue

    /// The entry for a client of `era`: `title` and `outputSchema` exist from 2025-06-18 on
    /// (older clients get the title in the annotations, which they know).
    func json(for era: ProtocolEra) -> JSONValue {
        var entry: JSONObject = ["name": .string(name)]
        if era.hasStructuredOutput { entry["title"] = .string(title) }
        entry["description"] = .string(description)
        entry["inputSchema"] = inputSchema
        if era.hasStructuredOutput { entry["outputSchema"] = outputSchema }
        entry["annotations"] = annotations.json(title: title)
        return .object(entry)
    }
}

/// The hints a tool gives clients about its behaviour (MCP `ToolAnnotations`), so that they
/// can tell which tools are safe to call without asking.
struct ToolAnnotations: Sendable {
    /// Changes nothing.
    var readOnly: Bool
    /// May destroy or overwrite what exists (meaningful when not read-only).
    var destructive: Bool
    /// Calling again with the same arguments has no further effect.
    var idempotent: Bool
    /// Reaches beyond this server's own data (people, other systems).
    var openWorld: Bool

    func json(title: String) -> JSONValue {
        ["title": .string(title), "readOnlyHint": .bool(readOnly), "destructiveHint": .bool(destructive),
         "idempotentHint": .bool(idempotent), "openWorldHint": .bool(openWorld)]
    }
}

/// One `tools/call` as a tool sees it.
struct ToolInvocation: Sendable {
    let server: HostedServer
    let identity: MCPIdentity
    let arguments: JSONObject
}

/// What running a tool produced: its answer, and the writes that must commit together with the
/// call's `tool_calls` row before the answer is sent.
struct ToolOutcome: Sendable {
    var isError = false
    /// A ticket to open in the same transaction.
    var ticket: TicketDraft?
    /// An email to store on the end user as claimed.
    var claimedEmail: String?
    /// The answer's text, given the ticket number the write assigned (if a ticket was opened).
    var text: @Sendable (_ ticketNumber: Int64?) -> String
    /// The answer as `structuredContent` (valid against the tool's `outputSchema`), given the
    /// ticket number; nil for error results, which carry none.
    var structured: (@Sendable (_ ticketNumber: Int64?) -> JSONObject)?
    /// A short summary for the record (`tool_calls.result_summary`).
    var summary: @Sendable (_ ticketNumber: Int64?) -> String
    /// Run once the call and these writes have committed (not when recording fails).
    var afterCommit: (@Sendable () -> Void)?

    static func error(_ message: String) -> ToolOutcome {
        ToolOutcome(isError: true, text: { _ in message }, summary: { _ in message })
    }
}

/// A tool the endpoint offers.
protocol MCPTool: Sendable {
    var name: String { get }
    /// Whether `server` offers this tool.
    func isOffered(by server: HostedServer) -> Bool
    /// What the tool is for, as the default instructions name it ("search the documentation").
    func purpose(for server: HostedServer) -> String
    /// The tool as listed for `server` (descriptions name the server's product).
    func definition(for server: HostedServer) -> ToolDefinition
    /// Runs the tool on arguments already checked against its schema.
    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome
}

/// Tool definitions as built for each server, kept while the server's settings stay the same:
/// `tools/call` checks arguments against the definition's schema on every call.
final class ToolDefinitionCache: Sendable {
    private struct Key: Hashable, Sendable {
        let tool: String
        let serverID: String
    }
    private let entries = ExpiringCache<Key, (server: HostedServer, definition: ToolDefinition)>(lifetime: .seconds(300), capacity: 4_096)

    func definition(of tool: any MCPTool, for server: HostedServer) -> ToolDefinition {
        let key = Key(tool: tool.name, serverID: server.id)
        if let cached = entries.value(for: key), cached.server == server { return cached.definition }
        let definition = tool.definition(for: server)
        entries.set((server, definition), for: key)
        return definition
    }
}
