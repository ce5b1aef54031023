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
            let client = global.client()
            let org = try await global.organization(client: client)
            try await client.delete("/v1/orgs/\(org.pathEscaped)/servers/\(server.pathEscaped)")
            if global.format == .table { print("deleted server \(server)") }
        }
    }
}
