import ArgumentParser
import Shared

/// `mcpctl orgs`.
struct OrgsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs", abstract: "List, create and choose organizations.",
        discussion: "Examples:\n  mcpctl orgs create acme --name \"Acme Inc\"\n  mcpctl orgs use acme\n  mcpctl orgs list",
        subcommands: [OrgsList.self, OrgsCreate.self, OrgsShow.self, OrgsUpdate.self, OrgsUse.self, OrgsDelete.self])
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
            try global.printer.object(org, fields: org.fields, id: org.slug)
        }
    }
}

/// `mcpctl orgs update [SLUG] --name N --mail-sender-name N --mail-reply-to A --ticket-confirmations on|off
/// --tool-call-retention-days DAYS|default --session-retention-days DAYS|default`.
struct OrgsUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Rename an organization or change its settings (admins).",
        discussion: """
            Settings of the mail sent to end users (when the daemon has an smtp-url):
              --mail-sender-name   the sender's name (default: the server's product name; "" resets)
              --mail-reply-to      a Reply-To address that reaches your team ("" for none: the footer
                                   then says replies go through the editor or the ticket page)
              --ticket-confirmations on|off   whether opening a ticket with an email sends a confirmation

            Retention (the daemon's tool-call-retention-days and session-retention-days decide
            unless the organization overrides them; 0 keeps rows, "default" follows the daemon):
              --tool-call-retention-days   days raw tool calls are kept; older ones are folded into
                                           the analytics roll-ups and deleted
              --session-retention-days     days ended MCP sessions are kept

            Examples:
              mcpctl orgs update --name "Acme Inc"
              mcpctl orgs update acme --mail-sender-name "Acme Support" --mail-reply-to help@acme.com
              mcpctl orgs update --ticket-confirmations off
              mcpctl orgs update --tool-call-retention-days 90 --session-retention-days 90
              mcpctl orgs update --tool-call-retention-days default
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The organization's slug (default: the current one).") var slug: String?
    @Option(help: "New display name.") var name: String?
    @Option(help: "Sender name of mail to end users (\"\" resets to the product name).") var mailSenderName: String?
    @Option(help: "Reply-To address of mail to end users (\"\" for none).") var mailReplyTo: String?
    @Option(help: "Send a confirmation when a ticket is opened with an email: on or off.") var ticketConfirmations: Switch?
    @Option(help: "Days raw tool calls are kept (0 keeps them, \"default\" follows the daemon).") var toolCallRetentionDays: RetentionDays?
    @Option(help: "Days ended MCP sessions are kept (0 keeps them, \"default\" follows the daemon).") var sessionRetentionDays: RetentionDays?

    func run() async throws {
        try await runReporting(global) {
            let changesSettings = mailSenderName != nil || mailReplyTo != nil || ticketConfirmations != nil
                || toolCallRetentionDays != nil || sessionRetentionDays != nil
            guard name != nil || changesSettings else {
                throw CLIError.usage("nothing to change: give --name, --mail-sender-name, --mail-reply-to, --ticket-confirmations, "
                                     + "--tool-call-retention-days or --session-retention-days")
            }
            let client = try global.client()
            let reference = try await slug.asyncOr { try await global.organization(client: client) }
            let settings = changesSettings
                ? APIUpdateOrganizationSettings(mailSenderName: mailSenderName, mailReplyTo: mailReplyTo, ticketConfirmations: ticketConfirmations?.isOn,
                                                toolCallRetentionDays: toolCallRetentionDays?.days, sessionRetentionDays: sessionRetentionDays?.days)
                : nil
            let org = try await client.api.updateOrganization(path: .init(org: reference), body: .json(UpdateOrganization(name: name, settings: settings)))
                .ok.body.json
            try global.printer.object(org, fields: org.fields, id: org.slug)
        }
    }
}

/// `on` or `off` on the command line.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}

/// A number of days, or `default` (the daemon's setting), on the command line.
struct RetentionDays: ExpressibleByArgument {
    /// What the API takes: -1 for the daemon's setting.
    let days: Int

    init?(argument: String) {
        if argument == "default" {
            days = -1
        } else if let days = Int(argument), (0...36_500).contains(days) {
            self.days = days
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["default", "0", "30", "90", "365"]) }
}

extension APIRetentionPeriod {
    /// "90 days (the daemon's setting)", "kept (this organization's setting)".
    var text: String {
        "\(days == 0 ? "kept" : days == 1 ? "1 day" : "\(days) days") (\(source == .platform ? "the daemon's setting" : "this organization's setting"))"
    }
}

extension APIOrganization {
    /// The rows `orgs show` and `orgs update` print.
    var fields: [(String, String)] {
        var rows = [("slug", slug), ("name", name), ("role", role?.rawValue ?? "-"), ("id", id)]
        if let settings {
            rows.append(("mail sender name", settings.mailSenderName ?? "(the server's product name)"))
            rows.append(("mail reply-to", settings.mailReplyTo ?? "(none)"))
            rows.append(("ticket confirmations", settings.ticketConfirmations ? "on" : "off"))
            rows.append(("tool call retention", settings.toolCallRetention.text))
            rows.append(("session retention", settings.sessionRetention.text))
        }
        return rows
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
