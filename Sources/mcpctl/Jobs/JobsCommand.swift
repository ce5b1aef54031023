import ArgumentParser
import Shared

/// `mcpctl jobs list [--state S]`.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "The organization's background jobs (webhook deliveries, document ingestion, …).",
        discussion: "Examples:\n  mcpctl jobs list\n  mcpctl jobs list --state dead -o json",
        subcommands: [JobsList.self])
}

/// `mcpctl jobs list`.
struct JobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List jobs, newest first.", discussion: "Example:\n  mcpctl jobs list --state pending")
    @OptionGroup var global: GlobalOptions
    @Option(help: "pending, running, done or dead.") var state: String?
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
            let wanted = try state.map { text in
                guard let state = Operations.ListJobs.Input.Query.StatePayload(rawValue: text) else {
                    throw CLIError.usage("--state is one of pending, running, done, dead")
                }
                return state
            }
            let jobs = try await client.all(limit: limit) { limit, cursor in
                let page = try await client.api.listJobs(path: .init(org: org), query: .init(state: wanted, limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(jobs, columns: [
                Column(header: "KIND") { $0.kind },
                Column(header: "STATE") { job in printer.status(job.state, good: job.state != "dead") },
                Column(header: "ATTEMPTS") { "\($0.attempts)/\($0.maxAttempts)" }, Column(header: "CREATED") { printer.time($0.createdAt) },
                Column(header: "LAST ERROR") { $0.lastError ?? "" }, Column(header: "ID") { $0.id },
            ], id: \.id)
        }
    }
}
