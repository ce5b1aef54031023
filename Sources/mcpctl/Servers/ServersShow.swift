import ArgumentParser
import Shared

/// `mcpctl servers show REF`.
struct ServersShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a server with its end-user URLs and client configuration.",
        discussion: "Examples:\n  mcpctl servers show acme-docs\n  mcpctl servers show acme-docs -o json | jq -r .connect.url")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.api.getServer(path: .init(org: org, server: server)).ok.body.json
            try global.printer.server(shown)
        }
    }
}
