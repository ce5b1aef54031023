import ArgumentParser
import Foundation
import Shared

/// `mcpctl tokens`: API tokens for CI, each bound to one organization.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke API tokens for CI.",
        discussion: """
            Examples:
              mcpctl tokens create --name github-actions --role admin --expires 90d
              mcpctl tokens list
              mcpctl tokens revoke github-actions
            """,
        subcommands: [TokensList.self, TokensCreate.self, TokensRevoke.self])

    static let columns: [Column<APIToken>] = [
        Column(header: "NAME") { $0.name }, Column(header: "PREFIX") { $0.prefix }, Column(header: "ROLE") { $0.role.rawValue },
        Column(header: "ID") { $0.id },
    ]
}

/// `mcpctl tokens list`.
struct TokensList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List API tokens (never their secrets).", discussion: "Example:\n  mcpctl tokens list -o json")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let tokens = try await client.all() { limit, cursor in
                let page = try await client.api.listTokens(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            let columns = TokensCommand.columns + [
                Column(header: "STATUS") { token in
                    token.revokedAt != nil ? printer.status("revoked", good: false)
                        : (token.expiresAt.map { $0 < Date() } ?? false) ? printer.status("expired", good: false) : printer.status("active", good: true)
                },
                Column(header: "CREATED") { printer.time($0.createdAt) }, Column(header: "LAST USED") { printer.time($0.lastUsedAt) },
                Column(header: "EXPIRES") { printer.time($0.expiresAt) },
            ]
            try printer.list(tokens, columns: columns, id: \.id)
        }
    }
}

/// `mcpctl tokens create --name N [--role R] [--expires 90d]`.
struct TokensCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API token; its secret is printed once.",
        discussion: "Examples:\n  mcpctl tokens create --name ci --role member\n  mcpctl tokens create --name deploy --expires 30d -o json | jq -r .secret")
    @OptionGroup var global: GlobalOptions
    @Option(help: "A name to tell the token apart.") var name: String
    @Option(help: "owner, admin or member (default: your own role; never above it).") var role: Role?
    @Option(help: "Lifetime such as 90d (default: no expiry).") var expires: String?

    func run() async throws {
        try await runReporting(global) {
            var days: Int?
            if let expires {
                guard expires.hasSuffix("d"), let value = Int(expires.dropLast()), value > 0 else {
                    throw CLIError.usage("--expires takes a number of days such as 90d")
                }
                days = value
            }
            let client = try global.client()
            let org = try await global.organization(client: client)
            let created = try await client.api.createToken(path: .init(org: org), body: .json(CreateToken(name: name, role: role, expiresInDays: days)))
                .created.body.json
            try global.printer.secret(created, secret: created.secret, id: created.token.id,
                                      note: "token \(created.token.name) (\(created.token.role.rawValue), \(created.token.id)): the secret above is shown only once")
        }
    }
}

extension Role: ExpressibleByArgument {}

/// `mcpctl tokens revoke ID|NAME`.
struct TokensRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API token by id or name.", discussion: "Example:\n  mcpctl tokens revoke ci")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token's id or name.") var token: String

    func run() async throws {
        try await global.inOrganization { client, org in
            _ = try await client.api.revokeToken(path: .init(org: org, token: token)).noContent
            if global.format == .table { print("revoked token \(token)") }
        }
    }
}
