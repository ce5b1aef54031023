import ArgumentParser
import Shared

/// `mcpctl oauth-configs`: the organization's own identity providers (`custom_oauth`).
struct OAuthConfigsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oauth-configs", abstract: "Your own identity provider for servers in custom_oauth mode.",
        discussion: """
            End users of a custom_oauth server sign in with your provider; the daemon is an OAuth
            client of it. Register the redirect URIs that `mcpctl servers show SLUG` prints
            ("oauth redirect URI") with the provider. The client secret is stored encrypted and
            never shown again.

            Examples:
              mcpctl oauth-configs create okta --discovery-url https://acme.okta.com --client-id 0oa1… --client-secret-stdin < secret.txt
              mcpctl oauth-configs create gitlab --authorize-url https://gitlab.example.com/oauth/authorize \\
                  --token-url https://gitlab.example.com/oauth/token --userinfo-url https://gitlab.example.com/oauth/userinfo \\
                  --client-id abc --client-secret-stdin --scopes "openid email profile"
              mcpctl servers update acme-docs --auth custom_oauth --oauth-config okta
              mcpctl oauth-configs test okta
            """,
        subcommands: [OAuthConfigsList.self, OAuthConfigsCreate.self, OAuthConfigsShow.self, OAuthConfigsUpdate.self, OAuthConfigsDelete.self,
                      OAuthConfigsTest.self])

    static let columns: [Column<APIOAuthConfig>] = [
        Column(header: "NAME") { $0.name }, Column(header: "ISSUER") { $0.issuer ?? "-" }, Column(header: "CLIENT ID") { $0.clientId },
        Column(header: "SERVERS") { $0.servers.isEmpty ? "-" : $0.servers.joined(separator: ",") }, Column(header: "ID") { $0.id },
    ]
}

/// The provider flags shared by `create` and `update`.
struct OAuthConfigFlags: ParsableArguments {
    @Option(help: "OpenID Connect discovery URL (or the issuer; /.well-known/openid-configuration is added).") var discoveryUrl: String?
    @Option(help: "Authorization endpoint, when the provider has no discovery document.") var authorizeUrl: String?
    @Option(help: "Token endpoint, with --authorize-url.") var tokenUrl: String?
    @Option(help: "Userinfo endpoint (optional; without it the identity comes from the ID token).") var userinfoUrl: String?
    @Option(help: "The OAuth client id the provider gave you.") var clientId: String?
    @Option(help: "The client secret (visible in your shell history; prefer --client-secret-stdin).") var clientSecret: String?
    @Flag(help: "Read the client secret from standard input.") var clientSecretStdin = false
    @Option(help: "Scopes to ask for, space-separated (default \"openid email profile\").") var scopes: String?

    func fields(name: String?) throws -> APIOAuthConfigFields {
        if clientSecret != nil && clientSecretStdin { throw CLIError.usage("give --client-secret or --client-secret-stdin, not both") }
        if discoveryUrl != nil && (authorizeUrl != nil || tokenUrl != nil) {
            throw CLIError.usage("give --discovery-url, or --authorize-url and --token-url, not both")
        }
        var secret = clientSecret
        if clientSecretStdin {
            secret = readStandardInput()
            guard secret?.isEmpty == false else { throw CLIError.usage("no client secret on standard input") }
        }
        return APIOAuthConfigFields(name: name, discoveryUrl: discoveryUrl, authorizeUrl: authorizeUrl, tokenUrl: tokenUrl, userinfoUrl: userinfoUrl,
                                    clientId: clientId, clientSecret: secret, scopes: scopes)
    }
}

extension Printer {
    /// Prints one OAuth config (never its secret).
    func oauthConfig(_ config: APIOAuthConfig) throws {
        try object(config, fields: [
            ("id", config.id), ("name", config.name), ("discovery url", config.discoveryUrl ?? "-"), ("issuer", config.issuer ?? "-"),
            ("authorize url", config.authorizeUrl), ("token url", config.tokenUrl), ("userinfo url", config.userinfoUrl ?? "-"),
            ("client id", config.clientId), ("client secret", config.hasClientSecret ? "(stored, encrypted)" : "(none: public client)"),
            ("scopes", config.scopes), ("token auth", config.tokenAuthMethod), ("servers", config.servers.isEmpty ? "-" : config.servers.joined(separator: ", ")),
            ("checked", config.checkedAt.map(time) ?? "never"), ("created", time(config.createdAt)),
        ], id: config.id)
    }
}

/// `mcpctl oauth-configs list`.
struct OAuthConfigsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the organization's OAuth configs.",
                                                    discussion: "Examples:\n  mcpctl oauth-configs list\n  mcpctl oauth-configs list -o json")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let configs = try await client.api.listOAuthConfigs(path: .init(org: org)).ok.body.json.items
            try global.printer.list(configs, columns: OAuthConfigsCommand.columns, id: \.name)
        }
    }
}

/// `mcpctl oauth-configs create NAME …`.
struct OAuthConfigsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Add an identity provider; the daemon fetches its discovery document (or checks its endpoints) first.",
        discussion: """
            Examples:
              mcpctl oauth-configs create okta --discovery-url https://acme.okta.com --client-id 0oa1… --client-secret-stdin < secret.txt
              mcpctl oauth-configs create legacy-sso --authorize-url https://sso.example.com/authorize --token-url https://sso.example.com/token \\
                  --userinfo-url https://sso.example.com/userinfo --client-id mcp --client-secret-stdin
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name for the config (used with --oauth-config).") var name: String
    @OptionGroup var flags: OAuthConfigFlags

    func run() async throws {
        try await global.inOrganization { client, org in
            guard let create = CreateOAuthConfig(try flags.fields(name: name)) else { throw CLIError.usage("--client-id is required") }
            guard flags.discoveryUrl != nil || (flags.authorizeUrl != nil && flags.tokenUrl != nil) else {
                throw CLIError.usage("give --discovery-url, or --authorize-url and --token-url")
            }
            let created = try await client.api.createOAuthConfig(path: .init(org: org), body: .json(create)).created.body.json
            try global.printer.oauthConfig(created)
        }
    }
}

/// `mcpctl oauth-configs show REF`.
struct OAuthConfigsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an OAuth config (never its secret).",
                                                    discussion: "Examples:\n  mcpctl oauth-configs show okta\n  mcpctl oauth-configs show oac_… -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The config's name or id.") var config: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.api.getOAuthConfig(path: .init(org: org, config: config)).ok.body.json
            try global.printer.oauthConfig(shown)
        }
    }
}

/// `mcpctl oauth-configs update REF …`.
struct OAuthConfigsUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change an OAuth config; changed endpoints or secrets are checked against the provider.",
        discussion: """
            Examples:
              mcpctl oauth-configs update okta --client-secret-stdin < new-secret.txt
              mcpctl oauth-configs update okta --scopes "openid email"
              mcpctl oauth-configs update okta --name okta-prod
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The config's name or id.") var config: String
    @Option(help: "A new name.") var name: String?
    @OptionGroup var flags: OAuthConfigFlags

    func run() async throws {
        try await global.inOrganization { client, org in
            let updated = try await client.api.updateOAuthConfig(path: .init(org: org, config: config), body: .json(try flags.fields(name: name)))
                .ok.body.json
            try global.printer.oauthConfig(updated)
        }
    }
}

/// `mcpctl oauth-configs delete REF`.
struct OAuthConfigsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an OAuth config (refused while a server uses it).",
        discussion: "Example:\n  mcpctl oauth-configs delete okta --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The config's name or id.") var config: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try global.confirm("delete OAuth config \(config)")
            _ = try await client.api.deleteOAuthConfig(path: .init(org: org, config: config)).noContent
            if global.format == .table { print("deleted OAuth config \(config)") }
        }
    }
}

/// `mcpctl oauth-configs test REF`.
struct OAuthConfigsTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Check the provider again: its discovery document, or that its endpoints answer; exits 1 when a check fails.",
        discussion: "Examples:\n  mcpctl oauth-configs test okta\n  mcpctl oauth-configs test okta -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The config's name or id.") var config: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let result = try await client.api.testOAuthConfig(path: .init(org: org, config: config)).ok.body.json
            let printer = global.printer
            try printer.object(result, fields: result.checks.map { ($0.name, ($0.ok ? "ok  " : "FAIL  ") + $0.detail) }, id: result.config.id)
            if !result.ok {
                throw CLIError(message: "OAuth config \(result.config.name): a check failed", exitCode: 1,
                               hint: "fix the provider or the config (mcpctl oauth-configs update), then test again")
            }
        }
    }
}
