import Foundation
import Shared
import SQLKit

/// Turns events into deliveries: for each webhook of the event's organization subscribed to its
/// type, a `webhook_deliveries` row and a `webhook.deliver` job, written in the caller's
/// transaction — a delivery exists exactly when the change that caused it committed.
///
/// Subscriptions are cached per organization for two seconds (this replica forgets them at once
/// when they change here), so publishing on the MCP hot path costs a dictionary lookup when the
/// organization has no webhooks.
final class WebhookPublisher: Sendable {
    struct Subscription: Sendable {
        let webhookID: String
        let events: Set<String>
        let format: WebhookFormat
        /// The one server whose events it receives; nil: the whole organization's.
        let serverID: String?

        func wants(_ event: WebhookEvent) -> Bool {
            events.contains(event.type) && (serverID == nil || serverID == event.serverID)
        }
    }

    let queue: JobQueue
    private let subscriptions = ExpiringCache<String, [Subscription]>(lifetime: .seconds(2))

    init(queue: JobQueue) {
        self.queue = queue
    }

    /// Forgets the cached subscriptions of an organization (after a webhook changed).
    func invalidate(organizationID: String) {
        subscriptions.remove(organizationID)
    }

    /// Whether the organization has any webhook (through the cache, else on a reader).
    func hasWebhooks(organizationID: String, database: Database) async throws -> Bool {
        if let cached = subscriptions.value(for: organizationID) { return !cached.isEmpty }
        return try await !database.withConnection { try await self.subscribers(of: organizationID, on: $0) }.isEmpty
    }

    /// Creates the deliveries of `events` on `db` (inside the caller's transaction).
    func publish(_ events: [WebhookEvent], on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        var deliveries: [(id: String, webhookID: String, event: WebhookEvent, body: String)] = []
        for event in events {
            for subscription in try await subscribers(of: event.organizationID, on: db) where subscription.wants(event) {
                deliveries.append((Identifier.make("whd"), subscription.webhookID, event, try event.body(format: subscription.format)))
            }
        }
        try await insert(deliveries, on: db)
    }

    /// Creates one delivery of `event` to one webhook, whatever it subscribes to (`webhooks test`).
    func publish(_ event: WebhookEvent, to webhookID: String, format: WebhookFormat, on db: any SQLDatabase) async throws -> String {
        let id = Identifier.make("whd")
        try await insert([(id, webhookID, event, try event.body(format: format))], on: db)
        return id
    }

    private func insert(_ deliveries: [(id: String, webhookID: String, event: WebhookEvent, body: String)], on db: any SQLDatabase) async throws {
        guard !deliveries.isEmpty else { return }
        let now = nowMillis()
        let insert = db.insert(into: "webhook_deliveries").columns(
            "id", "organization_id", "webhook_id", "event_id", "event_type", "body", "state", "attempts", "created_at")
        for delivery in deliveries {
            insert.values(SQLBind(delivery.id), SQLBind(delivery.event.organizationID), SQLBind(delivery.webhookID), SQLBind(delivery.event.id),
                          SQLBind(delivery.event.type), SQLBind(delivery.body), SQLBind("pending"), SQLBind(0), SQLBind(now))
        }
        try await insert.run()
        for delivery in deliveries {
            try await queue.enqueue(kind: WebhookDeliverer.kind, payload: JSONValue.object(["delivery": .string(delivery.id)]).jsonText,
                                    organizationID: delivery.event.organizationID, maxAttempts: WebhookDeliverer.maxAttempts,
                                    dedupeKey: "webhook:\(delivery.id)", on: db)
        }
    }

    private func subscribers(of organizationID: String, on db: any SQLDatabase) async throws -> [Subscription] {
        if let cached = subscriptions.value(for: organizationID) { return cached }
        let rows = try await db.select().columns("id", "events", "format", "server_id").from("webhooks")
            .where("organization_id", .equal, organizationID).all()
        let loaded = try rows.map { row in
            Subscription(webhookID: try row.decode(column: "id", as: String.self),
                         events: Set(try row.decode(column: "events", as: String.self).split(separator: ",").map(String.init)),
                         format: WebhookFormat(rawValue: try row.decode(column: "format", as: String.self)) ?? .json,
                         serverID: try row.decode(column: "server_id", as: String?.self))
        }
        subscriptions.set(loaded, for: organizationID)
        return loaded
    }
}
