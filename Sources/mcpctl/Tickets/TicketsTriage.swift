import ArgumentParser
import CEditLine
import Foundation
import Shared

/// `mcpctl tickets triage`: walks the open tickets, oldest first, one action at a time.
struct TicketsTriage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage", abstract: "Walk the open tickets oldest first: comment, assign, prioritize, close, or skip.",
        discussion: """
            Interactive (needs a terminal). For each ticket, one key and Enter:
              c  comment (internal)       r  reply to the end user (public comment)
              a  assign (email, @me, none) p  priority (low, normal, high, urgent)
              s  status (open, in_progress, resolved, closed)
              x  close and go on          n  skip to the next ticket
              v  view in $PAGER           q  quit
            Answers are edited with line editing; history is kept in ~/.config/mcpctl/triage_history.

            Examples:
              mcpctl tickets triage
              mcpctl tickets triage --server acme-docs
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only tickets of this server (slug).") var server: String?

    func run() async throws {
        try await global.inOrganization { client, org in
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError.usage("tickets triage is interactive and needs a terminal",
                                     hint: "use mcpctl tickets list / show / comment / assign / update / close in scripts")
            }
            let colour = !global.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            var session = TriageSession(client: client, org: org, server: server, printer: Printer(format: .table, colour: colour))
            try await session.run()
        }
    }
}

/// One triage run: the queue of open tickets and the skipped ones.
struct TriageSession {
    let client: APIClient
    let org: String
    let server: String?
    let printer: Printer
    private var skipped: Set<String> = []
    private var handled = 0

    init(client: APIClient, org: String, server: String?, printer: Printer) {
        self.client = client
        self.org = org
        self.server = server
        self.printer = printer
    }

    mutating func run() async throws {
        LineEditor.loadHistory()
        defer { LineEditor.saveHistory() }
        print(Self.help)
        while let next = try await nextTicket() {
            var ticket = try await client.ticket(org, next.id)
            show(ticket)
            ticketLoop: while true {
                guard let key = LineEditor.line("#\(ticket.number) [c r a p s x n v q ?] > ") else { return finish() }
                do {
                    switch key.trimmingCharacters(in: .whitespaces).lowercased() {
                    case "c", "r":
                        guard let text = try commentText(public: key.lowercased() == "r", number: ticket.number) else { continue }
                        let event = try await client.comment(org, ticket: ticket.id,
                                                             APITicketComment(body: text, visibility: key.lowercased() == "r" ? ._public : ._internal))
                        print(key.lowercased() == "r" ? "replied on #\(ticket.number); \(TicketText.delivery(event.email))" : "commented on #\(ticket.number)")
                    case "a":
                        guard let who = LineEditor.line("assign to (email, @me, none) > "), !who.isEmpty else { continue }
                        ticket = try await change(ticket, APITicketUpdate(assignee: who))
                        print("#\(ticket.number) assigned to \(ticket.assigneeEmail ?? "nobody")")
                    case "p":
                        guard let text = LineEditor.line("priority (\(TicketVocabulary.priorities.joined(separator: ", "))) > "), !text.isEmpty else { continue }
                        guard let priority = Components.Schemas.TicketPriority(rawValue: text) else {
                            FileHandle.standardError.write(Data("error: the priority is one of \(TicketVocabulary.priorities.joined(separator: ", "))\n".utf8))
                            continue
                        }
                        ticket = try await change(ticket, APITicketUpdate(priority: priority))
                        print("#\(ticket.number) priority \(ticket.priority)")
                    case "s":
                        guard let text = LineEditor.line("status (\(TicketVocabulary.statuses.joined(separator: ", "))) > "), !text.isEmpty else { continue }
                        guard let status = Components.Schemas.TicketStatus(rawValue: text) else {
                            FileHandle.standardError.write(Data("error: the status is one of \(TicketVocabulary.statuses.joined(separator: ", "))\n".utf8))
                            continue
                        }
                        ticket = try await change(ticket, APITicketUpdate(status: status))
                        print("#\(ticket.number) is \(ticket.status)")
                        if ticket.status != "open" { handled += 1; break ticketLoop }
                    case "x":
                        ticket = try await change(ticket, APITicketUpdate(status: .closed))
                        print("#\(ticket.number) closed")
                        handled += 1
                        break ticketLoop
                    case "n", "":
                        skipped.insert(ticket.id)
                        break ticketLoop
                    case "v":
                        try page(ticket)
                    case "q":
                        return finish()
                    case "?", "h", "help":
                        print(Self.help)
                    default:
                        print("unknown action '\(key)'; ? for help")
                    }
                } catch {
                    guard let error = CLIError.from(error) else { throw error }
                    print("error: \(error.message)")
                }
            }
        }
        print("no more open tickets")
        finish()
    }

    static let help = "c comment · r reply to the end user · a assign · p priority · s status · x close · n next · v view in $PAGER · q quit"

    private func finish() {
        print("triaged \(handled) ticket\(handled == 1 ? "" : "s"), skipped \(skipped.count)")
    }

    /// The oldest open ticket not skipped in this run.
    private func nextTicket() async throws -> APITicket? {
        let query = Operations.ListTickets.Input.Query(status: "open", server: server, sort: .oldest, limit: min(200, skipped.count + 1))
        let page = try await client.api.listTickets(path: .init(org: org), query: query).ok.body.json
        return page.items.first { !skipped.contains($0.id) }
    }

    private func change(_ ticket: APITicket, _ update: APITicketUpdate) async throws -> APITicket {
        try await client.update(org, ticket: ticket.id, update)
    }

    private func commentText(public: Bool, number: Int64) throws -> String? {
        let label = `public` ? "reply to the end user" : "comment"
        guard let line = LineEditor.line("\(label) (empty: open $EDITOR) > ") else { return nil }
        if !line.isEmpty { return line }
        let text = try Editor.edit(template: "\n# Write the \(label) for ticket #\(number). Lines starting with # are ignored.\n")
        return text.isEmpty ? nil : text
    }

    private func show(_ ticket: APITicket) {
        print("")
        let fields = TicketText.fields(ticket, printer: printer)
        let width = fields.map(\.0.count).max() ?? 0
        for (key, value) in fields { print("\(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)") }
    }

    /// The ticket in `$PAGER` (default `less -R`).
    private func page(_ ticket: APITicket) throws {
        let fields = TicketText.fields(ticket, printer: Printer(format: .plain))
        let text = fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mcpctl-ticket-\(ticket.number).txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        try Terminal.run("\(pager) \"$1\"", argument: file.path)
    }
}

/// libedit line input with a history file.
enum LineEditor {
    static var historyFile: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/mcpctl/triage_history"
    }

    static func loadHistory() {
        using_history()
        _ = read_history(historyFile)
    }

    static func saveHistory() {
        try? FileManager.default.createDirectory(atPath: (historyFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = write_history(historyFile)
    }

    /// A line typed at `prompt` (added to the history when not empty), or nil at end of input.
    static func line(_ prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let text = String(cString: raw)
        if !text.trimmingCharacters(in: .whitespaces).isEmpty { add_history(raw) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
