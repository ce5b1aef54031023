import ArgumentParser
import Foundation
import Shared

/// `mcpctl tickets watch`: follows new tickets and ticket events as they happen.
struct TicketsWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow new tickets and ticket events as they happen.",
        discussion: """
            Long-polls the daemon and prints each event once it is committed, with its ticket as it
            is now (number, title, status, priority, server, end user's email). Every event carries
            its cursor (seq); pass the last one to --cursor to resume without missing anything.
            Reconnects by itself when the daemon is briefly unreachable. Ctrl-C stops.

            Examples:
              mcpctl tickets watch
              mcpctl tickets watch -o json | jq -c 'select(.kind == "created")'
              mcpctl tickets watch --cursor 1042 --max-events 10 -o json
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Resume after this event (its seq); default: from now on. 0 replays every event.") var cursor: Int64?
    @Option(help: "Exit after this many events.") var maxEvents: Int?

    func run() async throws {
        try await global.inOrganization { client, org in
            if let maxEvents, maxEvents < 1 { throw CLIError.usage("--max-events is at least 1") }
            var after: Int64
            if let cursor {
                guard cursor >= 0 else { throw CLIError.usage("--cursor is a number 0 or more") }
                after = cursor
            } else {
                let start = try await client.api.listTicketEvents(path: .init(org: org)).ok.body.json
                after = start.cursor
            }
            if isatty(STDERR_FILENO) == 1 {
                FileHandle.standardError.write(Data("watching tickets of \(org) after event \(after) (Ctrl-C to stop)\n".utf8))
            }
            var printed = 0
            var failures = 0
            while true {
                let batch: APITicketEventBatch
                do {
                    batch = try await client.api.listTicketEvents(path: .init(org: org), query: .init(after: after, wait: 25)).ok.body.json
                    failures = 0
                } catch {
                    guard let error = CLIError.from(error), error.exitCode == 6 else { throw error }
                    failures += 1
                    let delay = min(10, 1 << min(failures - 1, 4))
                    FileHandle.standardError.write(Data("\(error.message); reconnecting in \(delay)s from event \(after)\n".utf8))
                    try await Task.sleep(for: .seconds(delay))
                    continue
                }
                for event in batch.items {
                    try print(event, client: client, org: org)
                    printed += 1
                    if let maxEvents, printed >= maxEvents { return }
                }
                after = batch.cursor
            }
        }
    }

    private func print(_ event: APITicketEvent, client: APIClient, org: String) throws {
        switch global.format {
        case .json:
            Swift.print(String(decoding: try APICoding.makeEncoder().encode(event), as: UTF8.self))
        case .yaml:
            Swift.print("---\n" + (try Printer.yaml(event)), terminator: "")
        case .name:
            Swift.print(event.id)
        case .csv, .plain, .table:
            let time = global.format == .table ? event.createdAt.formatted(date: .omitted, time: .standard) : event.createdAt.formatted(.iso8601)
            let about = event.ticket.map { "\($0.title) (\([$0.status, $0.priority, $0.serverSlug, $0.email].compactMap { $0 }.joined(separator: ", ")))" } ?? ""
            Swift.print([time, "#\(event.ticketNumber)", about, event.kind, TicketText.line(event), "seq \(event.seq)"]
                .joined(separator: global.format == .table ? "  " : "\t"))
        }
        fflush(nil)
    }
}
