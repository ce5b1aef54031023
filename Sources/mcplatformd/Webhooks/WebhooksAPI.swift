import Foundation
import Shared

/// `/v1/orgs/{org}/webhooks` and `/v1/orgs/{org}/webhook-deliveries`: the organization's
/// webhooks (admins change them, members read them) and what was sent to them.
extension AdminAPI {
    static let maxWebhooksPerOrganization = 20

    func listWebhooks(_ input: Operations.ListWebhooks.Input) async throws -> Operations.ListWebhooks.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let webhooks = try await database.withConnection { try await WebhookStore().list(organizationID: organization.id, on: $0) }
        return .ok(.init(body: .json(.init(items: webhooks, nextCursor: nil))))
    }

    func getWebhook(_ input: Operations.GetWebhook.Input) async throws -> Operations.GetWebhook.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        return .ok(.init(body: .json(try await findWebhook(input.path.webhook, in: organization))))
    }

    func createWebhook(_ input: Operations.CreateWebhook.Input) async throws -> Operations.CreateWebhook.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        let url: URL
        do {
            url = try OutboundPolicy.validate(fields.url)
            try services.outbound.checkLiteral(url)
        } catch {
            throw APIError.invalid("\(fields.url): \(error)", field: "url")
        }
        let events = Array(Set(fields.events.map(\.rawValue))).sorted()
        guard !events.isEmpty else { throw APIError.invalid("name at least one event: \(WebhookEventType.all.joined(separator: ", "))", field: "events") }
        let format = (fields.format ?? .json).rawValue
        if let secret = fields.secret, !(16...256).contains(secret.count) {
            throw APIError.invalid("a secret has 16 to 256 characters", field: "secret")
        }
        var server: APIServer?
        if let reference = fields.server {
            guard let found = try await database.withConnection({ try await ServerStore().find(reference, organizationID: organization.id, on: $0) }) else {
                throw APIError.invalid("no server '\(reference.prefix(100))' in \(organization.slug)", field: "server")
            }
            guard events.allSatisfy({ $0.hasPrefix("ticket.") }) else {
                throw APIError.invalid("a webhook limited to a server receives ticket events only (end users and walkthrough runs belong to the organization)",
                                       field: "events")
            }
            server = found
        }
        let secret = fields.secret ?? WebhookSigner.makeSecret()
        var webhook = APIWebhook(id: Identifier.make("wh"), url: url.absoluteString, events: events, format: format, server: server?.slug,
                                 createdAt: Date(epochMillis: nowMillis()))
        let created = webhook
        let box = services.secretBox
        try await database.transaction { db in
            let store = WebhookStore()
            guard try await store.list(organizationID: organization.id, on: db).count < Self.maxWebhooksPerOrganization else {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has \(Self.maxWebhooksPerOrganization) webhooks")
            }
            try await store.insert(created, serverID: server?.id, secret: secret, organizationID: organization.id, createdBy: principal.accountID, box: box, on: db)
            try await AuditLog.record("webhook.create", target: ("webhook", created.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["url": created.url, "events": events.joined(separator: ",")], on: db)
        }
        services.webhooks.invalidate(organizationID: organization.id)
        webhook.secret = secret
        return .created(.init(body: .json(webhook)))
    }

    func deleteWebhook(_ input: Operations.DeleteWebhook.Input) async throws -> Operations.DeleteWebhook.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let webhook = try await findWebhook(input.path.webhook, in: organization)
        try await database.transaction { db in
            try await WebhookStore().delete(webhook.id, organizationID: organization.id, on: db)
            try await AuditLog.record("webhook.delete", target: ("webhook", webhook.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["url": webhook.url], on: db)
        }
        services.webhooks.invalidate(organizationID: organization.id)
        return .noContent(.init())
    }

    /// Sends a `webhook.test` event to one webhook, whatever it subscribes to.
    func testWebhook(_ input: Operations.TestWebhook.Input) async throws -> Operations.TestWebhook.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let webhook = try await findWebhook(input.path.webhook, in: organization)
        let event = WebhookEvent(id: Identifier.make("evt"), type: "webhook.test", organizationID: organization.id, occurredAt: nowMillis(),
                                 data: { ["webhook_id": .string(webhook.id), "message": "a test event from mcpctl webhooks test"] },
                                 summary: { "mcplatform: a test message for this webhook (\(organization.slug))" })
        let publisher = services.webhooks
        let delivery = try await database.transaction { db in
            let id = try await publisher.publish(event, to: webhook.id, format: WebhookFormat(rawValue: webhook.format) ?? .json, on: db)
            return try await WebhookStore().delivery(id, organizationID: organization.id, on: db)
        }
        guard let delivery else { throw APIError.notFound("the test delivery vanished") }
        return .accepted(.init(body: .json(delivery)))
    }

    func listWebhookDeliveries(_ input: Operations.ListWebhookDeliveries.Input) async throws -> Operations.ListWebhookDeliveries.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let webhookID = try await findWebhook(input.path.webhook, in: organization).id
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let (items, next) = try await deliveries(organization: organization, webhookID: webhookID, page: page)
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func listAllWebhookDeliveries(_ input: Operations.ListAllWebhookDeliveries.Input) async throws -> Operations.ListAllWebhookDeliveries.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let (items, next) = try await deliveries(organization: organization, webhookID: nil, page: page)
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getWebhookDelivery(_ input: Operations.GetWebhookDelivery.Input) async throws -> Operations.GetWebhookDelivery.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let id = input.path.delivery
        guard let delivery = try await database.withConnection({ try await WebhookStore().delivery(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no webhook delivery '\(id)' in \(organization.slug)")
        }
        return .ok(.init(body: .json(delivery)))
    }

    private func deliveries(organization: Organization, webhookID: String?, page: Pagination) async throws -> ([APIWebhookDelivery], String?) {
        let rows = try await database.withConnection {
            try await WebhookStore().deliveries(organizationID: organization.id, webhookID: webhookID, page: page, on: $0)
        }
        return page.page(rows) { ($0.createdAt.epochMillis, $0.id) }
    }

    private func findWebhook(_ id: String, in organization: Organization) async throws -> APIWebhook {
        guard let webhook = try await database.withConnection({ try await WebhookStore().find(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no webhook '\(id)' in \(organization.slug)")
        }
        return webhook
    }
}
