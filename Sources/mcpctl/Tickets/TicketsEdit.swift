import ArgumentParser
import Foundation
import Shared

/// `mcpctl tickets comment REF`.
struct TicketsComment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "Comment on a ticket (internal), or reply to the end user with --public.",
        discussion: """
            The text comes from --body, from --body-file (- for standard input), or else from $EDITOR
            when on a terminal.

            Examples:
              mcpctl tickets comment 42 --body "Reproduced on 1.4.1"
              mcpctl tickets comment 42 --public --body-file reply.md
              git log -1 --format=%B | mcpctl tickets comment 42 --body-file -
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String
    @Option(help: "The comment text.") var body: String?
    @Option(help: "Read the comment from this file (- for standard input).") var bodyFile: String?
    @Flag(help: "A reply meant for the end user (kept apart from internal notes).") var `public` = false

    func run() async throws {
        try await global.inOrganization { client, org in
            let text = try commentText()
            let event = try await client.comment(org, ticket: ticket, APITicketComment(body: text, visibility: `public` ? ._public : ._internal))
            var fields = [("ticket", "#\(event.ticketNumber)"), ("comment", TicketText.line(event))]
            if `public` { fields.append(("email", TicketText.delivery(event.email))) }
            try global.printer.object(event, fields: fields, id: event.id)
        }
    }

    private func commentText() throws -> String {
        if body != nil && bodyFile != nil { throw CLIError.usage("give --body or --body-file, not both") }
        if let body { return body }
        if let bodyFile {
            if bodyFile == "-" { return readStandardInput() }
            guard let text = try? String(contentsOfFile: bodyFile, encoding: .utf8) else { throw CLIError.usage("cannot read \(bodyFile)") }
            return text
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.usage("no comment given", hint: "pass --body TEXT or --body-file FILE (- for standard input)")
        }
        let text = try Editor.edit(template: "\n# Write the \(`public` ? "public reply to the end user" : "internal comment") for ticket \(ticket).\n# Lines starting with # are ignored; an empty comment cancels.\n")
        guard !text.isEmpty else { throw CLIError(message: "cancelled: the comment is empty", exitCode: 1) }
        return text
    }
}

/// `mcpctl tickets assign REF EMAIL|@me|none`.
struct TicketsAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a ticket to a member (email), to yourself (@me), or to nobody (none).",
        discussion: "Examples:\n  mcpctl tickets assign 42 @me\n  mcpctl tickets assign 42 grace@acme.example\n  mcpctl tickets assign 42 none")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String
    @Argument(help: "A member's email, @me or none.") var assignee: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try await TicketChange.apply(APITicketUpdate(assignee: assignee), to: ticket, org: org, client: client, global: global)
        }
    }
}

/// `mcpctl tickets update REF`.
struct TicketsUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a ticket's priority, status, title or description.",
        discussion: """
            Examples:
              mcpctl tickets update 42 --priority urgent
              mcpctl tickets update 42 --status in_progress --title "Login fails behind a proxy"
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String
    @Option(help: "low, normal, high or urgent.") var priority: String?
    @Option(help: "open, in_progress, resolved or closed.") var status: String?
    @Option(help: "A new title.") var title: String?
    @Option(help: "A new description.") var description: String?

    func run() async throws {
        try await global.inOrganization { client, org in
            if let priority, !TicketVocabulary.priorities.contains(priority) {
                throw CLIError.usage("--priority is one of \(TicketVocabulary.priorities.joined(separator: ", "))")
            }
            if let status, !TicketVocabulary.statuses.contains(status) {
                throw CLIError.usage("--status is one of \(TicketVocabulary.statuses.joined(separator: ", "))")
            }
            guard priority != nil || status != nil || title != nil || description != nil else {
                throw CLIError.usage("nothing to change", hint: "pass --priority, --status, --title or --description")
            }
            try await TicketChange.apply(APITicketUpdate(status: status.flatMap(Components.Schemas.TicketStatus.init(rawValue:)),
                                                         priority: priority.flatMap(Components.Schemas.TicketPriority.init(rawValue:)),
                                                         title: title, description: description),
                                         to: ticket, org: org, client: client, global: global)
        }
    }
}

/// `mcpctl tickets close REF`.
struct TicketsClose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a ticket (use update --status resolved to mark it resolved instead).",
        discussion: "Example:\n  mcpctl tickets close 42")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try await TicketChange.apply(APITicketUpdate(status: .closed), to: ticket, org: org, client: client, global: global)
        }
    }
}

/// `mcpctl tickets reopen REF`.
struct TicketsReopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a resolved or closed ticket.", discussion: "Example:\n  mcpctl tickets reopen 42")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket's number (42 or #42) or id.") var ticket: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try await TicketChange.apply(APITicketUpdate(status: .open), to: ticket, org: org, client: client, global: global)
        }
    }
}

/// Sends a change and prints the ticket as it now is.
enum TicketChange {
    static func apply(_ change: APITicketUpdate, to reference: String, org: String, client: APIClient, global: GlobalOptions) async throws {
        let ticket = try await client.update(org, ticket: reference, change)
        let printer = global.printer
        try printer.object(ticket, fields: [("ticket", "#\(ticket.number)"), ("status", printer.ticketStatus(ticket.status)),
                                            ("priority", ticket.priority), ("assignee", ticket.assigneeEmail ?? "-"), ("title", ticket.title)],
                           id: "\(ticket.number)")
    }
}

/// `$EDITOR` (or `$VISUAL`, else vi) on a temporary file.
enum Editor {
    /// The text written in the editor, without `#` lines, trimmed.
    static func edit(template: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mcpctl-\(UUID().uuidString).md")
        try template.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        try Terminal.run("\(editor) \"$1\"", argument: file.path)
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Programs run in the user's terminal.
enum Terminal {
    /// Runs a shell command line with `argument` as `$1`, on this terminal; waits for it.
    static func run(_ commandLine: String, argument: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", commandLine, "sh", argument]
        process.standardInput = FileHandle.standardInput
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CLIError(message: "cannot run \(commandLine): \(error)", exitCode: 1)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError(message: "\(commandLine.split(separator: " ").first ?? "") exited with status \(process.terminationStatus)", exitCode: 1)
        }
    }
}
