import ArgumentParser
import Shared

/// `mcpctl servers create SLUG --name N …`.
struct ServersCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a server; prints its URLs and client snippets.",
        discussion: """
            SLUG becomes the host name <slug>.<base-domain>: 3-63 characters a-z, 0-9 and hyphens.

            Examples:
              mcpctl servers create acme-docs --name "Acme Docs" --product Acme
              mcpctl servers create acme-beta --name Beta --auth collect_email --no-docs-search
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug.") var slug: String
    @OptionGroup var flags: ServerFlags

    func run() async throws {
        try await runReporting(global) {
            if let problem = Slug.problem(with: slug) { throw CLIError.usage("invalid slug '\(slug)': \(problem)") }
            guard let create = CreateServer(flags.fields(slug: slug)) else { throw CLIError.usage("--name is required") }
            let client = try global.client()
            let org = try await global.organization(client: client)
            let server = try await client.api.createServer(path: .init(org: org), body: .json(create)).created.body.json
            try global.printer.server(server)
        }
    }
}
