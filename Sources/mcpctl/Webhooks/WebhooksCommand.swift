import ArgumentParser
import Foundation
import Shared

/// `mcpctl webhooks`: events POSTed to your URLs, signed.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Send ticket and end-user events to your URLs (Slack, or your own tools as JSON).",
        discussion: """
            Each delivery is a POST with a JSON body, signed: X-Mcplatform-Signature is
            v1=<hex HMAC-SHA256 of "<X-Mcplatform-Timestamp>.<body>" with the webhook's secret>.
            Failed deliveries are retried with backoff; `deliveries` shows every attempt.

            Events: \(WebhookEventType.all.joined(separator: ", "))

            Examples:
              mcpctl webhooks create https://hooks.example.com/mcp --events ticket.created,ticket.commented
              mcpctl webhooks create "$SLACK_WEBHOOK_URL" --events ticket.created --format slack
              mcpctl webhooks test wh_…
              mcpctl webhooks deliveries wh_…
            """,
        subcommands: [WebhooksList.self, WebhooksCreate.self, WebhooksDelete.self, WebhooksTest.self, WebhooksDeliveries.self])
}

/// `mcpctl webhooks list`.
struct WebhooksList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List webhooks.",
                                                    discussion: "Examples:\n  mcpctl webhooks list\n  mcpctl webhooks list -o json")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let hooks = try await client.api.listWebhooks(path: .init(org: org)).ok.body.json.items
            let printer = global.printer
            try printer.list(hooks, columns: [
                Column(header: "ID") { $0.id }, Column(header: "URL") { $0.url }, Column(header: "EVENTS") { $0.events.joined(separator: ",") },
                Column(header: "FORMAT") { $0.format }, Column(header: "SERVER") { $0.server ?? "all" },
                Column(header: "CREATED") { printer.time($0.createdAt) },
            ], id: \.id)
        }
    }
}

/// `mcpctl webhooks create URL`.
struct WebhooksCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a webhook; prints its signing secret once.",
        discussion: """
            Examples:
              mcpctl webhooks create https://hooks.example.com/mcp --events ticket.created,ticket.updated
              SECRET=$(mcpctl webhooks create https://ci.example.com/hook --events ticket.created -o name)
              mcpctl webhooks create "$SLACK_WEBHOOK_URL" --events ticket.created --format slack
              mcpctl webhooks create https://hooks.example.com/api-team --events ticket.created --server acme-api
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to POST events (http or https; the daemon's own address is --url).") var target: String
    @Option(help: "Only this server's ticket events (its slug); default: the whole organization's.") var server: String?
    @Option(help: "Comma-separated: \(WebhookEventType.all.joined(separator: ", ")).") var events: String
    @Option(help: "The signing secret (16 to 256 characters); default: a new random one.") var secret: String?
    @Option(help: "json (the event envelope) or slack (a Slack message).") var format = "json"

    func run() async throws {
        try await global.inOrganization { client, org in
            let list = events.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let unknown = list.first(where: { !WebhookEventType.all.contains($0) }) {
                throw CLIError.usage("unknown event '\(unknown)'", hint: "events are \(WebhookEventType.all.joined(separator: ", "))")
            }
            guard !list.isEmpty else { throw CLIError.usage("--events names at least one event") }
            guard let format = Components.Schemas.WebhookFormat(rawValue: format) else { throw CLIError.usage("--format is json or slack") }
            let fields = APIWebhookCreate(url: target, events: list.compactMap(Components.Schemas.WebhookEventType.init(rawValue:)), format: format, secret: secret, server: server)
            let created = try await client.api.createWebhook(path: .init(org: org), body: .json(fields)).created.body.json
            try global.printer.secret(created, secret: created.secret ?? "", id: created.id,
                                      note: "webhook \(created.id) created; the line above is its signing secret, shown only now")
        }
    }
}

/// `mcpctl webhooks delete ID`.
struct WebhooksDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a webhook and its delivery history.",
                                                    discussion: "Example:\n  mcpctl webhooks delete wh_… --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The webhook's id.") var id: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try global.confirm("delete webhook \(id)")
            _ = try await client.api.deleteWebhook(path: .init(org: org, webhook: id)).noContent
            if global.format == .table { print("deleted webhook \(id)") }
        }
    }
}

/// `mcpctl webhooks test ID`.
struct WebhooksTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a webhook.test event and wait (up to 20 s) for the first attempt's outcome.",
        discussion: "Example:\n  mcpctl webhooks test wh_…")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The webhook's id.") var id: String

    func run() async throws {
        try await global.inOrganization { client, org in
            var delivery = try await client.api.testWebhook(path: .init(org: org, webhook: id)).accepted.body.json
            let deadline = Date().addingTimeInterval(20)
            // Until the first attempt has an outcome (its record exists before the request is sent).
            while delivery.state == "pending" && (delivery.attempts == 0 || (delivery.lastStatus == nil && delivery.lastError == nil)) && Date() < deadline {
                try await Task.sleep(for: .milliseconds(250))
                delivery = try await client.api.getWebhookDelivery(path: .init(org: org, delivery: delivery.id)).ok.body.json
            }
            try WebhookText.print(delivery, printer: global.printer)
            if delivery.state != "delivered" {
                let reason = delivery.attempts == 0 ? "not attempted yet (is the daemon's job worker running?)" : (delivery.lastError ?? "failed")
                throw CLIError(message: "test delivery \(delivery.id): \(reason)", exitCode: 1,
                               hint: "the queue retries it; follow it with mcpctl webhooks deliveries \(delivery.id)")
            }
        }
    }
}

/// `mcpctl webhooks deliveries [ID]`.
struct WebhooksDeliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List deliveries (all, or one webhook's), or show one delivery (whd_…) with its attempts.",
        discussion: "Examples:\n  mcpctl webhooks deliveries\n  mcpctl webhooks deliveries wh_…\n  mcpctl webhooks deliveries whd_… -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A webhook id (its deliveries) or a delivery id (that delivery).") var id: String?
    @Option(help: "At most this many (default 50).") var limit = 50

    func run() async throws {
        try await global.inOrganization { client, org in
            if let id, id.hasPrefix("whd_") {
                let delivery = try await client.api.getWebhookDelivery(path: .init(org: org, delivery: id)).ok.body.json
                return try WebhookText.print(delivery, printer: global.printer)
            }
            let deliveries = try await client.all(limit: limit) { limit, cursor in
                let page = if let id {
                    try await client.api.listWebhookDeliveries(path: .init(org: org, webhook: id), query: .init(limit: limit, cursor: cursor)).ok.body.json
                } else {
                    try await client.api.listAllWebhookDeliveries(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                }
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(deliveries, columns: [
                Column(header: "ID") { $0.id }, Column(header: "EVENT") { $0.eventType },
                Column(header: "STATE") { printer.status($0.state, good: $0.state == "delivered") },
                Column(header: "ATTEMPTS") { "\($0.attempts)" }, Column(header: "LAST") { WebhookText.outcome($0) },
                Column(header: "CREATED") { printer.time($0.createdAt) }, Column(header: "WEBHOOK") { $0.webhookId },
            ], id: \.id)
        }
    }
}

/// An empty JSON object body.
struct EmptyBody: Codable {}

/// How deliveries read in a terminal.
enum WebhookText {
    static func outcome(_ delivery: APIWebhookDelivery) -> String {
        if let status = delivery.lastStatus { return "HTTP \(status)" }
        return delivery.lastError ?? "-"
    }

    static func print(_ delivery: APIWebhookDelivery, printer: Printer) throws {
        var fields: [(String, String)] = [
            ("delivery", delivery.id), ("webhook", delivery.webhookId), ("event", "\(delivery.eventType) (\(delivery.eventId))"),
            ("state", printer.status(delivery.state, good: delivery.state == "delivered")), ("attempts", "\(delivery.attempts)"),
            ("created", printer.time(delivery.createdAt)),
        ]
        if let delivered = delivery.deliveredAt { fields.append(("delivered", printer.time(delivered))) }
        for attempt in delivery.attemptLog ?? [] {
            let result = attempt.status.map { "HTTP \($0)" } ?? attempt.error ?? "no answer yet"
            fields.append(("attempt \(attempt.attempt)", "\(printer.time(attempt.createdAt))  \(result)\(attempt.durationMs.map { " in \($0) ms" } ?? "")"))
        }
        try printer.object(delivery, fields: fields, id: delivery.id)
    }
}
