import ArgumentParser
import Shared

/// `mcpctl servers list`.
struct ServersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the organization's servers.",
        discussion: "Examples:\n  mcpctl servers list\n  mcpctl servers list --org acme -o json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "At most this many (default: all).") var limit: Int?

    func run() async throws {
        try await global.inOrganization { client, org in
            let servers = try await client.all(limit: limit) { limit, cursor in
                let page = try await client.api.listServers(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            try global.printer.list(servers, columns: ServersCommand.columns, id: \.slug)
        }
    }
}
