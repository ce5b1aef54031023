import ArgumentParser
import Foundation
import Shared

/// `mcpctl tickets`: support tickets opened by end users through get_support.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Support tickets from your end users' agents: read, answer, assign, close.",
        discussion: """
            A ticket is named by its number (42 or #42) or its id.

            Examples:
              mcpctl tickets list --status open --assignee none
              mcpctl tickets show 42
              mcpctl tickets comment 42 --body "Fixed in 1.4.2" --public
              mcpctl tickets assign 42 @me && mcpctl tickets close 42
              mcpctl tickets triage
              mcpctl tickets watch -o json | jq -c 'select(.kind == "created")'
            """,
        subcommands: [TicketsList.self, TicketsShow.self, TicketsComment.self, TicketsAssign.self, TicketsUpdate.self, TicketsClose.self,
                      TicketsReopen.self, TicketsTriage.self, TicketsWatch.self])
}

/// `mcpctl tickets list`.
struct TicketsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List tickets, newest first.",
        discussion: """
            Examples:
              mcpctl tickets list
              mcpctl tickets list --status open,in_progress --priority urgent
              mcpctl tickets list --assignee @me --since 7d --sort updated
              mcpctl tickets list --server acme-docs --email ada@example.com -o json
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "open, in_progress, resolved or closed; several comma-separated.") var status: String?
    @Option(help: "A member's email, @me or none.") var assignee: String?
    @Option(help: "low, normal, high or urgent.") var priority: String?
    @Option(help: "Only tickets of this server (slug).") var server: String?
    @Option(help: "Only tickets from this end-user email.") var email: String?
    @Option(help: "Only tickets created since: a duration (24h, 7d) or an RFC 3339 time.") var since: String?
    @Option(help: "newest (default), oldest or updated (recently changed first).") var sort: String?
    @Option(help: "At most this many (default 50).") var limit = 50

    func checkOptions() throws {
        for value in status?.split(separator: ",") ?? [] where !TicketVocabulary.statuses.contains(String(value)) {
            throw CLIError.usage("--status takes \(TicketVocabulary.statuses.joined(separator: ", ")), comma-separated")
        }
        if let priority, !TicketVocabulary.priorities.contains(priority) {
            throw CLIError.usage("--priority is one of \(TicketVocabulary.priorities.joined(separator: ", "))")
        }
        if let sort, !["newest", "oldest", "updated"].contains(sort) { throw CLIError.usage("--sort is newest, oldest or updated") }
        if let since, TimeSpec.moment(since) == nil { throw CLIError.usage("--since is a duration like 7d or an RFC 3339 time") }
    }

    func run() async throws {
        try await global.inOrganization { client, org in
            try checkOptions()
            let tickets = try await client.all(limit: limit) { limit, cursor in
                let query = Operations.ListTickets.Input.Query(status: status, priority: priority.flatMap { .init(rawValue: $0) }, server: server,
                                                              assignee: assignee, email: email, since: since, sort: sort.flatMap { .init(rawValue: $0) },
                                                              limit: limit, cursor: cursor)
                let page = try await client.api.listTickets(path: .init(org: org), query: query).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(tickets, columns: [
                Column(header: "#") { "#\($0.number)" }, Column(header: "STATUS") { printer.ticketStatus($0.status) },
                Column(header: "PRIORITY") { $0.priority }, Column(header: "ASSIGNEE") { $0.assigneeEmail ?? "-" },
                Column(header: "EMAIL") { $0.email ?? "-" }, Column(header: "CREATED") { printer.time($0.createdAt) },
                Column(header: "TITLE") { $0.title },
            ], id: { "\($0.number)" })
        }
    }
}

/// `mcpctl tickets show REF`.
struct TicketsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a ticket: description, end user, the session's recent tool calls and the timeline.",
        discussion: "Examples:\n  mcpctl tickets show 42\n  mcpctl tickets show '#42' -o yaml")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.ticket(org, ticket)
            let printer = global.printer
            try printer.object(shown, fields: TicketText.fields(shown, printer: printer), id: "\(shown.number)")
        }
    }
}

extension APIClient {
    /// One ticket with its timeline, by number (42, #42) or id.
    func ticket(_ org: String, _ reference: String) async throws -> APITicket {
        try await api.getTicket(path: .init(org: org, ticket: reference)).ok.body.json
    }

    /// Changes a ticket; answers it as it now is.
    func update(_ org: String, ticket reference: String, _ change: APITicketUpdate) async throws -> APITicket {
        try await api.updateTicket(path: .init(org: org, ticket: reference), body: .json(change)).ok.body.json
    }

    /// Adds a comment (an internal note, or a public reply to the end user).
    func comment(_ org: String, ticket reference: String, _ comment: APITicketComment) async throws -> APITicketEvent {
        try await api.commentTicket(path: .init(org: org, ticket: reference), body: .json(comment)).created.body.json
    }
}
