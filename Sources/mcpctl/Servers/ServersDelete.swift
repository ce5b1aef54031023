import ArgumentParser

/// `mcpctl servers delete REF [--yes]`.
struct ServersDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a server (asks on a TTY; needs --yes otherwise).",
        discussion: "Example:\n  mcpctl servers delete acme-beta --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String

    func run() async throws {
        try await runReporting(global) {
            try global.confirm("delete server \(server)")
            let client = try global.client()
            let org = try await global.organization(client: client)
            _ = try await client.api.deleteServer(path: .init(org: org, server: server)).noContent
            if global.format == .table { print("deleted server \(server)") }
        }
    }
}
