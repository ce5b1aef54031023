import Foundation
import Hummingbird
import Shared

/// `/v1/orgs/{org}/webhooks` and `/v1/orgs/{org}/webhook-deliveries`: the organization's
/// webhooks (admins change them, members read them) and what was sent to them.
struct WebhookController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let box: SecretBox
    let policy: OutboundPolicy
    let publisher: WebhookPublisher
    let store = WebhookStore()
    static let maxPerOrganization = 20

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/webhooks", use: list)
        group.post(":org/webhooks", use: create)
        group.get(":org/webhooks/:webhook", use: show)
        group.delete(":org/webhooks/:webhook", use: delete)
        group.post(":org/webhooks/:webhook/test", use: test)
        group.get(":org/webhooks/:webhook/deliveries", use: deliveries)
        group.get(":org/webhook-deliveries", use: deliveries)
        group.get(":org/webhook-deliveries/:delivery", use: delivery)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIWebhook> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return Page(items: try await database.withConnection { try await store.list(organizationID: organization.id, on: $0) }, nextCursor: nil)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIWebhook {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return try await find(try context.parameters.require("webhook"), organization: organization)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIWebhookCreate.self, context: context)
        let url: URL
        do {
            url = try OutboundPolicy.validate(input.url)
            try policy.checkLiteral(url)
        } catch {
            throw APIError.invalid("\(input.url): \(error)", field: "url")
        }
        let events = Array(Set(input.events.map(\.rawValue))).sorted()
        guard !events.isEmpty else { throw APIError.invalid("name at least one event: \(WebhookEventType.all.joined(separator: ", "))", field: "events") }
        let format = (input.format ?? .json).rawValue
        if let secret = input.secret, !(16...256).contains(secret.count) {
            throw APIError.invalid("a secret has 16 to 256 characters", field: "secret")
        }
        let secret = input.secret ?? WebhookSigner.makeSecret()
        var webhook = APIWebhook(id: Identifier.make("wh"), url: url.absoluteString, events: events, format: format, createdAt: Date(epochMillis: nowMillis()))
        let created = webhook
        try await database.transaction { db in
            guard try await store.list(organizationID: organization.id, on: db).count < Self.maxPerOrganization else {
                throw APIError(status: .conflict, code: "conflict", message: "\(organization.slug) already has \(Self.maxPerOrganization) webhooks")
            }
            try await store.insert(created, secret: secret, organizationID: organization.id, createdBy: principal.accountID, box: box, on: db)
            try await AuditLog.record("webhook.create", target: ("webhook", created.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["url": created.url, "events": events.joined(separator: ",")], on: db)
        }
        publisher.invalidate(organizationID: organization.id)
        webhook.secret = secret
        return try .createdContainingSecret(webhook)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let webhook = try await find(try context.parameters.require("webhook"), organization: organization)
        try await database.transaction { db in
            try await store.delete(webhook.id, organizationID: organization.id, on: db)
            try await AuditLog.record("webhook.delete", target: ("webhook", webhook.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["url": webhook.url], on: db)
        }
        publisher.invalidate(organizationID: organization.id)
        return .noContent
    }

    /// Sends a `webhook.test` event to one webhook, whatever it subscribes to.
    @Sendable func test(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let webhook = try await find(try context.parameters.require("webhook"), organization: organization)
        let now = nowMillis()
        let event = WebhookEvent(id: Identifier.make("evt"), type: "webhook.test", organizationID: organization.id, occurredAt: now,
                                 data: { ["webhook_id": .string(webhook.id), "message": "a test event from mcpctl webhooks test"] },
                                 summary: { "mcplatform: a test message for this webhook (\(organization.slug))" })
        let delivery = try await database.transaction { db in
            let id = try await publisher.publish(event, to: webhook.id, format: WebhookFormat(rawValue: webhook.format) ?? .json, on: db)
            return try await store.delivery(id, organizationID: organization.id, on: db)
        }
        guard let delivery else { throw APIError.notFound("the test delivery vanished") }
        return try Response.json(delivery, status: .accepted)
    }

    @Sendable func deliveries(_ request: Request, context: AppRequestContext) async throws -> Page<APIWebhookDelivery> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        var webhookID: String?
        if let reference = context.parameters.get("webhook") {
            webhookID = try await find(reference, organization: organization).id
        }
        let page = try Pagination(request)
        let rows = try await database.withConnection { try await store.deliveries(organizationID: organization.id, webhookID: webhookID, page: page, on: $0) }
        let (items, next) = page.page(rows) { ($0.createdAt.epochMillis, $0.id) }
        return Page(items: items, nextCursor: next)
    }

    @Sendable func delivery(_ request: Request, context: AppRequestContext) async throws -> APIWebhookDelivery {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let id = try context.parameters.require("delivery")
        guard let delivery = try await database.withConnection({ try await store.delivery(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no webhook delivery '\(id)' in \(organization.slug)")
        }
        return delivery
    }

    private func find(_ id: String, organization: Organization) async throws -> APIWebhook {
        guard let webhook = try await database.withConnection({ try await store.find(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no webhook '\(id)' in \(organization.slug)")
        }
        return webhook
    }
}
