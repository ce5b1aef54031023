import ArgumentParser
import Shared

/// `mcpctl tickets`: support tickets opened by end users through get_support.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Support tickets from your end users' agents.",
        discussion: """
            Examples:
              mcpctl tickets list --status open
              mcpctl tickets show 42
              mcpctl tickets list -o json | jq '.[] | {number, email, title}'
            """,
        subcommands: [TicketsList.self, TicketsShow.self])
}

/// `mcpctl tickets list`.
struct TicketsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List tickets, newest first.", discussion: "Examples:\n  mcpctl tickets list\n  mcpctl tickets list --status open -o json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "open, in_progress, resolved or closed.") var status: String?
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
            if let status, !["open", "in_progress", "resolved", "closed"].contains(status) {
                throw CLIError.usage("--status is one of open, in_progress, resolved, closed")
            }
            let tickets: [APITicket] = try await client.all("/v1/orgs/\(org.pathEscaped)/tickets\(status.map { "?status=\($0)" } ?? "")", limit: limit)
            let printer = global.printer
            try printer.list(tickets, columns: [
                Column(header: "#") { "#\($0.number)" }, Column(header: "STATUS") { printer.status($0.status, good: $0.status != "open") },
                Column(header: "PRIORITY") { $0.priority }, Column(header: "EMAIL") { $0.email ?? "-" },
                Column(header: "CREATED") { printer.time($0.createdAt) }, Column(header: "TITLE") { $0.title },
            ], id: { "\($0.number)" })
        }
    }
}

/// `mcpctl tickets show REF`.
struct TicketsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a ticket with its description, context and history.",
        discussion: "Examples:\n  mcpctl tickets show 42\n  mcpctl tickets show '#42' -o yaml")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown: APITicket = try await client.get("/v1/orgs/\(org.pathEscaped)/tickets/\(ticket.pathEscaped)")
            let printer = global.printer
            var fields: [(String, String)] = [
                ("ticket", "#\(shown.number)"), ("title", shown.title), ("status", shown.status), ("priority", shown.priority),
                ("email", shown.email ?? "-"), ("end user", shown.endUserId ?? "-"), ("session", shown.sessionId ?? "-"),
                ("created", printer.time(shown.createdAt)), ("description", shown.description),
            ]
            if let context = shown.context { fields.append(("context", context)) }
            for event in shown.events ?? [] {
                fields.append((printer.time(event.createdAt), [event.kind, event.newValue, event.body].compactMap { $0 }.joined(separator: " ")))
            }
            try printer.object(shown, fields: fields, id: "\(shown.number)")
        }
    }
}
