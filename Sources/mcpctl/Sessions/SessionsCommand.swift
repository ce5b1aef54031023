import ArgumentParser
import Shared

/// `mcpctl sessions`: end-user MCP sessions and the tool calls in them.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "End-user MCP sessions, with the timeline of their tool calls.",
        discussion: """
            Examples:
              mcpctl sessions list --user ada@example.com
              mcpctl sessions show ses_3k9x…
            """,
        subcommands: [SessionsList.self, SessionsShow.self])
}

/// `mcpctl sessions list`.
struct SessionsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List sessions, newest first.",
        discussion: "Examples:\n  mcpctl sessions list\n  mcpctl sessions list --server acme-docs --user customer-4711")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this end user's (id, email or tracking id).") var user: String?
    @Option(help: "Only this server's (slug or id).") var server: String?
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
let sessions = try await client.all(limit: limit) { limit, cursor in
                let page = try await client.api.listSessions(path: .init(org: org), query: .init(user: user, server: server, limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(sessions, columns: [
                Column(header: "STARTED") { printer.time($0.startedAt) }, Column(header: "LAST SEEN") { printer.time($0.lastSeenAt) },
                Column(header: "CLIENT") { "\($0.clientName ?? "?") \($0.clientVersion ?? "")" }, Column(header: "PROTOCOL") { $0.protocolVersion },
                Column(header: "CALLS") { "\($0.toolCallCount)" }, Column(header: "END USER") { $0.endUserId }, Column(header: "ID") { $0.id },
            ], id: \.id)
        }
    }
}

/// `mcpctl sessions show ID`.
struct SessionsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a session and the timeline of its tool calls with arguments and outcomes.",
        discussion: "Examples:\n  mcpctl sessions show ses_3k9x…\n  mcpctl sessions show ses_3k9x… -o json | jq '.tool_calls[].tool'")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The session's id.") var session: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.api.getSession(path: .init(org: org, session: session)).ok.body.json
            let printer = global.printer
            var fields: [(String, String)] = [
                ("id", shown.id), ("end user", shown.endUserId), ("server", shown.serverId),
                ("client", "\(shown.clientName ?? "?") \(shown.clientVersion ?? "")"), ("protocol", "\(shown.protocolVersion) (\(shown.era))"),
                ("started", printer.time(shown.startedAt)), ("last seen", printer.time(shown.lastSeenAt)),
                ("ended", shown.endedAt.map { printer.time($0) } ?? "-"),
            ]
            for call in shown.toolCalls ?? [] {
                let outcome = printer.status(call.outcome, good: call.outcome == "ok")
                fields.append((printer.time(call.createdAt), "\(call.tool) \(call.arguments.jsonText) → \(outcome): \(call.resultSummary ?? call.error ?? "")"))
            }
            try printer.object(shown, fields: fields, id: shown.id)
        }
    }
}
