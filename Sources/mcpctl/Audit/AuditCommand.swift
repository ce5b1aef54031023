import ArgumentParser
import Shared

/// `mcpctl audit list`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The organization's audit log.", discussion: "Example:\n  mcpctl audit list --limit 20",
        subcommands: [AuditList.self])
}

/// `mcpctl audit list`.
struct AuditList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Audit events, newest first.", discussion: "Example:\n  mcpctl audit list -o json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
            let events = try await client.all(limit: limit) { limit, cursor in
                let page = try await client.api.listAuditEvents(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(events, columns: [
                Column(header: "TIME") { printer.time($0.createdAt) }, Column(header: "ACTION") { $0.action },
                Column(header: "TARGET") { "\($0.targetType) \($0.targetId ?? "")" },
                Column(header: "ACTOR") { $0.actorAccountId ?? $0.actorTokenId ?? "operator" },
            ], id: \.id)
        }
    }
}
