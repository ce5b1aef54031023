import ArgumentParser
import Shared

/// `mcpctl servers`: hosted MCP servers.
struct ServersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers", abstract: "Create and manage hosted MCP servers.",
        discussion: """
            Examples:
              mcpctl servers create acme-docs --name "Acme Docs" --product Acme
              mcpctl servers list -o json
              mcpctl servers show acme-docs
              mcpctl servers domains add acme-docs mcp.acme.com
            """,
        subcommands: [ServersList.self, ServersCreate.self, ServersShow.self, ServersUpdate.self, ServersDelete.self, DomainsCommand.self])

    static let columns: [Column<APIServer>] = [
        Column(header: "SLUG") { $0.slug }, Column(header: "NAME") { $0.name }, Column(header: "PRODUCT") { $0.productName },
        Column(header: "AUTH") { $0.authMode.rawValue },
        Column(header: "TOOLS") { [$0.supportEnabled ? "support" : nil, $0.walkthroughsEnabled ? "walkthroughs" : nil,
                                   $0.docsSearchEnabled ? "docs" : nil].compactMap { $0 }.joined(separator: ",") },
        Column(header: "ID") { $0.id },
    ]
}

/// The server fields as flags, shared by `create` and `update`.
struct ServerFlags: ParsableArguments {
    @Option(help: "Display name.") var name: String?
    @Option(help: "Product name used in tool descriptions (default: the name).") var product: String?
    @Option(help: "End-user authentication: none, collect_email, platform_oauth or custom_oauth.") var auth: AuthMode?
    @Option(name: .customLong("oauth-config"), help: "The OAuth config (name or id) custom_oauth signs in with; 'none' detaches it.")
    var oauthConfig: String?
    @Option(help: "Instructions the server gives to agents.") var instructions: String?
    @Flag(inversion: .prefixedNo, help: "The get_support tool.") var support: Bool?
    @Flag(inversion: .prefixedNo, help: "The walkthrough tools.") var walkthroughs: Bool?
    @Flag(name: .customLong("docs-search"), inversion: .prefixedNo, help: "The search_docs tool.") var docsSearch: Bool?

    func fields(slug: String?) -> ServerFields {
        ServerFields(slug: slug, name: name, productName: product, authMode: auth, oauthConfigId: oauthConfig, supportEnabled: support,
                     walkthroughsEnabled: walkthroughs, docsSearchEnabled: docsSearch, instructions: instructions)
    }
}

extension AuthMode: ExpressibleByArgument {}

extension Printer {
    /// Prints one server with its URLs and ready-to-paste client configuration.
    func server(_ server: APIServer) throws {
        var fields: [(String, String)] = [
            ("id", server.id), ("slug", server.slug), ("name", server.name), ("product", server.productName),
            ("auth", server.authMode.rawValue + (server.oauthConfigId.map { " (\($0))" } ?? "")), ("support", String(server.supportEnabled)),
            ("walkthroughs", String(server.walkthroughsEnabled)), ("docs search", String(server.docsSearchEnabled)),
            ("instructions", server.instructions), ("created", time(server.createdAt)),
        ]
        if let connect = server.connect {
            // The customer's own domains first: those are the URLs to hand out.
            for url in connect.customUrls ?? [] { fields.append(("custom url", url)) }
            fields += [("url", connect.url), ("path url", connect.pathUrl), ("tracking url", connect.trackingUrlTemplate),
                       ("claude", connect.claudeCommand), ("vscode mcp.json", connect.vscodeMcpJson), ("cursor", connect.cursorDeeplink),
                       ("claude (tracking)", connect.trackingClaudeCommand), ("vscode (tracking)", connect.trackingVscodeMcpJson),
                       ("cursor (tracking)", connect.trackingCursorDeeplink)]
            if server.authMode == .customOAuth, let callback = connect.oauthCallbackUrl, let pathCallback = connect.oauthCallbackPathUrl {
                fields += [("oauth redirect URI", callback), ("oauth redirect URI (path form)", pathCallback)]
            }
        }
        try object(server, fields: fields, id: server.id)
    }
}
