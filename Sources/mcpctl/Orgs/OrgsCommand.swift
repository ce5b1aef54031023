import ArgumentParser
import Shared

/// `mcpctl orgs`.
struct OrgsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs", abstract: "List, create and choose organizations.",
        discussion: "Examples:\n  mcpctl orgs create acme --name \"Acme Inc\"\n  mcpctl orgs use acme\n  mcpctl orgs list",
        subcommands: [OrgsList.self, OrgsCreate.self, OrgsShow.self, OrgsUse.self, OrgsDelete.self])
}

/// `mcpctl orgs list`.
struct OrgsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Organizations you can use.", discussion: "Example:\n  mcpctl orgs list")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await runReporting(global) {
            let client = try global.client()
            let orgs = try await client.all { limit, cursor in
                let page = try await client.api.listOrganizations(query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            try global.printer.list(orgs, columns: [
                Column(header: "SLUG") { $0.slug }, Column(header: "NAME") { $0.name }, Column(header: "ROLE") { $0.role?.rawValue ?? "-" },
                Column(header: "ID") { $0.id },
            ], id: \.slug)
        }
    }
}

/// `mcpctl orgs create SLUG --name N`.
struct OrgsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an organization (you become its owner).",
        discussion: "Example:\n  mcpctl orgs create acme --name \"Acme Inc\"")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The organization's slug.") var slug: String
    @Option(help: "Display name.") var name: String

    func run() async throws {
        try await runReporting(global) {
            if let problem = Slug.problem(with: slug) { throw CLIError.usage("invalid slug '\(slug)': \(problem)") }
            let org = try await global.client().api.createOrganization(body: .json(CreateOrganization(slug: slug, name: name))).created.body.json
            try global.printer.object(org, fields: [("slug", org.slug), ("name", org.name), ("id", org.id)], id: org.slug)
        }
    }
}

/// `mcpctl orgs use SLUG`.
struct OrgsUse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Make an organization the current context's default.", discussion: "Example:\n  mcpctl orgs use acme")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The organization's slug.") var slug: String

    func run() async throws {
        try await runReporting(global) {
            let org = try await global.client().api.getOrganization(path: .init(org: slug)).ok.body.json
            let store = ContextStore()
            let name = global.context ?? store.currentName ?? "default"
            var context = store.context(named: name) ?? StoredContext(url: global.baseURL, token: global.bearer, org: nil)
            context.org = org.slug
            try store.save(context, as: name)
            print("now using organization \(org.slug)")
        }
    }
}

/// `mcpctl orgs show [SLUG]`.
struct OrgsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an organization and your role in it.", discussion: "Example:\n  mcpctl orgs show acme")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The organization's slug (default: the current one).") var slug: String?

    func run() async throws {
        try await runReporting(global) {
            let client = try global.client()
            let reference = try await slug.asyncOr { try await global.organization(client: client) }
            let org = try await client.api.getOrganization(path: .init(org: reference)).ok.body.json
            try global.printer.object(org, fields: [("slug", org.slug), ("name", org.name), ("role", org.role?.rawValue ?? "-"),
                                                                    ("id", org.id)], id: org.slug)
        }
    }
}

/// `mcpctl orgs delete SLUG`.
struct OrgsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an organization and everything in it (owners; asks first).",
        discussion: "Example:\n  mcpctl orgs delete acme-old --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The organization's slug.") var slug: String

    func run() async throws {
        try await runReporting(global) {
            try global.confirm("delete organization \(slug) and everything in it")
            _ = try await global.client().api.deleteOrganization(path: .init(org: slug)).noContent
            if global.format == .table { print("deleted organization \(slug)") }
        }
    }
}

extension Optional where Wrapped == String {
    /// The value, or the result of `fallback`.
    func asyncOr(_ fallback: () async throws -> String) async rethrows -> String {
        if let self { return self }
        return try await fallback()
    }
}
