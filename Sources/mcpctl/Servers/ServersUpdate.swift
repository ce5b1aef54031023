import ArgumentParser
import Shared

/// `mcpctl servers update REF [flags]`.
struct ServersUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a server's name, product, auth mode, tools or instructions.",
        discussion: "Examples:\n  mcpctl servers update acme-docs --auth collect_email\n  mcpctl servers update acme-docs --no-walkthroughs")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String
    @OptionGroup var flags: ServerFlags

    func run() async throws {
        try await global.inOrganization { client, org in
            let updated = try await client.api.updateServer(path: .init(org: org, server: server), body: .json(flags.fields(slug: nil))).ok.body.json
            try global.printer.server(updated)
        }
    }
}
