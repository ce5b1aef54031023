import ArgumentParser
import Shared

/// `mcpctl users`: the end users of the organization's servers, de-anonymized.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "End users of your MCP servers: who they are and what they did.",
        discussion: """
            An end user is identified by the tracking id in their install URL, the email they gave
            to get_support or the collect_email page, or their OAuth sign-in (subject and verified
            email); the rest stay anonymous.

            Examples:
              mcpctl users list --identified
              mcpctl users show ada@example.com
              mcpctl users show customer-4711 -o json
              mcpctl users revoke-access ada@example.com --yes
              mcpctl users export ada@example.com -o json > ada.json
              mcpctl users delete ada@example.com --yes
            """,
        subcommands: [UsersList.self, UsersShow.self, UsersExport.self, UsersRevokeAccess.self, UsersDelete.self])

    static let columns: [Column<APIEndUser>] = [
        Column(header: "EMAIL") { $0.email ?? "-" }, Column(header: "TRACKING IDS") { $0.trackingIds.isEmpty ? "-" : $0.trackingIds.joined(separator: ",") },
        Column(header: "SESSIONS") { "\($0.sessionCount)" }, Column(header: "TOOL CALLS") { "\($0.toolCallCount)" },
        Column(header: "TICKETS") { "\($0.ticketCount)" }, Column(header: "ID") { $0.id },
    ]
}

/// `mcpctl users list`.
struct UsersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List end users, most recently first seen first.",
        discussion: "Examples:\n  mcpctl users list\n  mcpctl users list --identified -o csv > users.csv")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only end users with an email or a tracking id.") var identified = false
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
            let users = try await client.all(limit: limit) { limit, cursor in
                let page = try await client.api.listEndUsers(path: .init(org: org), query: .init(identified: identified ? true : nil, limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(users, columns: UsersCommand.columns + [Column(header: "LAST SEEN") { printer.time($0.lastSeenAt) }], id: \.id)
        }
    }
}

/// `mcpctl users show REF`.
struct UsersShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one end user with their recent sessions, tickets and walkthrough progress.",
        discussion: "Examples:\n  mcpctl users show ada@example.com\n  mcpctl users show eu_3k9x… -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The end user's id, email or tracking id.") var user: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.api.getEndUser(path: .init(org: org, user: user)).ok.body.json
            let printer = global.printer
            var fields: [(String, String)] = [
                ("id", shown.id), ("email", shown.email.map { $0 + (shown.emailVerified ? " (verified)" : " (claimed)") } ?? "-"),
                ("tracking ids", shown.trackingIds.isEmpty ? "-" : shown.trackingIds.joined(separator: ", ")),
                ("name", shown.name ?? "-"),
                ("signed in as", shown.upstreamSubject.map { "\($0) at \(shown.upstreamIssuer ?? "?")" } ?? "-"),
                ("oauth grants", "\(shown.activeGrants)"),
                ("first seen", printer.time(shown.firstSeenAt)), ("last seen", printer.time(shown.lastSeenAt)),
                ("sessions", "\(shown.sessionCount)"), ("tool calls", "\(shown.toolCallCount)"), ("tickets", "\(shown.ticketCount)"),
            ]
            for session in shown.sessions ?? [] {
                fields.append(("session", "\(session.id)  \(session.clientName ?? "?") \(session.clientVersion ?? "")  \(session.toolCallCount) calls  "
                               + printer.time(session.startedAt)))
            }
            for ticket in shown.tickets ?? [] {
                fields.append(("ticket", "#\(ticket.number)  \(ticket.status)  \(ticket.title)"))
            }
            for progress in shown.walkthroughs ?? [] {
                let state = progress.completedAt != nil ? "completed" : "at \(progress.currentStepKey ?? "-")"
                fields.append(("walkthrough", "\(progress.walkthroughSlug)  \(progress.completedSteps)/\(progress.totalSteps) steps  \(state)"
                               + (progress.run > 1 ? "  run \(progress.run)" : "")))
            }
            try printer.object(shown, fields: fields, id: shown.id)
        }
    }
}

/// `mcpctl users revoke-access REF`.
struct UsersRevokeAccess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-access", abstract: "End an end user's OAuth grants and tokens: their clients must sign in again.",
        discussion: "Examples:\n  mcpctl users revoke-access ada@example.com --yes\n  mcpctl users revoke-access eu_3k9x… -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The end user's id, email or tracking id.") var user: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try global.confirm("revoke every OAuth grant of end user \(user)")
            let result = try await client.api.revokeEndUserAccess(path: .init(org: org, user: user)).ok.body.json
            try global.printer.object(result, fields: [("grants revoked", "\(result.grants)"), ("tokens revoked", "\(result.tokens)")], id: user)
        }
    }
}
