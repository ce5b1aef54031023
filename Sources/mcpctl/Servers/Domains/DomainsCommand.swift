import ArgumentParser
import Shared

/// `mcpctl servers domains`: customers' own domains for a server.
struct DomainsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains", abstract: "Serve a server on your own domain (mcp.acme.com), proven by a DNS TXT record.",
        discussion: """
            A domain is claimed, then verified: create the TXT record `add` prints, point the
            domain at the server with the CNAME it prints, then run `verify`. A verified domain
            belongs to one server platform-wide; the first to verify wins.

            Examples:
              mcpctl servers domains add acme-docs mcp.acme.com
              mcpctl servers domains verify acme-docs mcp.acme.com
              mcpctl servers domains list acme-docs
              mcpctl servers domains remove acme-docs mcp.acme.com --yes
            """,
        subcommands: [DomainsAdd.self, DomainsVerify.self, DomainsList.self, DomainsRemove.self])

    static let columns: [Column<APICustomDomain>] = [
        Column(header: "DOMAIN") { $0.domain }, Column(header: "STATUS") { $0.status.rawValue },
        Column(header: "TXT RECORD") { "\($0.txtName) \"\($0.txtValue)\"" }, Column(header: "CNAME") { $0.cnameTarget },
        Column(header: "NOTE") { $0.note ?? "" },
    ]
}

extension Printer {
    /// Prints one claim, with the DNS records to create while it is pending.
    func domain(_ domain: APICustomDomain) throws {
        var fields: [(String, String)] = [("domain", domain.domain), ("status", status(domain.status.rawValue, good: domain.status == .verified))]
        if let url = domain.url { fields.append(("url", url)) }
        fields += [("TXT name", domain.txtName), ("TXT value", domain.txtValue), ("CNAME target", domain.cnameTarget)]
        if let note = domain.note { fields.append(("note", note)) }
        fields += [("created", time(domain.createdAt)), ("checked", time(domain.checkedAt)), ("verified", time(domain.verifiedAt))]
        try object(domain, fields: fields, id: domain.domain)
    }
}

/// `mcpctl servers domains add SERVER DOMAIN`.
struct DomainsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Claim a domain for a server; prints the TXT record and CNAME to create.",
        discussion: "Example:\n  mcpctl servers domains add acme-docs mcp.acme.com")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String
    @Argument(help: "The domain, e.g. mcp.acme.com.") var domain: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let claim = try await client.api.addServerDomain(path: .init(org: org, server: server), body: .json(.init(domain: domain))).created.body.json
            try global.printer.domain(claim)
            if global.format == .table {
                print("""

                    Create these records at your DNS provider, then run:
                      mcpctl servers domains verify \(server) \(claim.domain)
                      \(claim.txtName)  TXT    "\(claim.txtValue)"
                      \(claim.domain)  CNAME  \(claim.cnameTarget).
                    """)
            }
        }
    }
}

/// `mcpctl servers domains verify SERVER DOMAIN`.
struct DomainsVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the domain's TXT record now; once it matches, the domain serves the server.",
        discussion: "Example:\n  mcpctl servers domains verify acme-docs mcp.acme.com")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String
    @Argument(help: "The domain.") var domain: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let verified = try await client.api.verifyServerDomain(path: .init(org: org, server: server, domain: domain)).ok.body.json
            try global.printer.domain(verified)
        }
    }
}

/// `mcpctl servers domains list SERVER`.
struct DomainsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List a server's domains: pending, verified or dropped, with the last check's note.",
        discussion: "Examples:\n  mcpctl servers domains list acme-docs\n  mcpctl servers domains list acme-docs -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let domains = try await client.api.listServerDomains(path: .init(org: org, server: server)).ok.body.json.items
            try global.printer.list(domains, columns: DomainsCommand.columns, id: \.domain)
        }
    }
}

/// `mcpctl servers domains remove SERVER DOMAIN [--yes]`.
struct DomainsRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a domain from a server (asks on a TTY; needs --yes otherwise).",
        discussion: "Example:\n  mcpctl servers domains remove acme-docs mcp.acme.com --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The server's slug or id.") var server: String
    @Argument(help: "The domain.") var domain: String

    func run() async throws {
        try await runReporting(global) {
            try global.confirm("remove \(domain) from server \(server)")
            let client = try global.client()
            let org = try await global.organization(client: client)
            _ = try await client.api.removeServerDomain(path: .init(org: org, server: server, domain: domain)).noContent
            if global.format == .table { print("removed \(domain) from \(server)") }
        }
    }
}
