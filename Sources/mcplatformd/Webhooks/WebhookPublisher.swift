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

    static let deliveries = TableLayout("webhook_deliveries", ["id", "organization_id", "webhook_id", "event_id", "event_type", "body", "state",
                                                               "attempts", "created_at"])

    /// The subscriptions of each of `organizationIDs` (through the cache, else on a reader), for
    /// a writer that creates deliveries with its other rows.
    func subscriptions(of organizationIDs: Set<String>, database: Database) async throws -> [String: [Subscription]] {
        var found: [String: [Subscription]] = [:]
        for organizationID in organizationIDs {
            if let cached = subscriptions.value(for: organizationID) {
                found[organizationID] = cached
            } else {
                found[organizationID] = try await database.withConnection { try await self.subscribers(of: organizationID, on: $0) }
            }
        }
        return found
    }

    /// Creates the deliveries of `events` on `db` (inside the caller's transaction).
    func publish(_ events: [WebhookEvent], on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        var subscriptions: [String: [Subscription]] = [:]
        for organizationID in Set(events.map(\.organizationID)) { subscriptions[organizationID] = try await subscribers(of: organizationID, on: db) }
        try await insert(deliveryRows(events, subscriptions, now: nowMillis()), on: db)
    }

    /// Creates one delivery of `event` to one webhook, whatever it subscribes to (`webhooks test`).
    func publish(_ event: WebhookEvent, to webhookID: String, format: WebhookFormat, on db: any SQLDatabase) async throws -> String {
        let rows = try deliveryRows([event], [event.organizationID: [Subscription(webhookID: webhookID, events: [event.type], format: format, serverID: nil)]],
                                    now: nowMillis())
        try await insert(rows, on: db)
        guard case .text(let id) = rows.deliveries.rows.first?.first else { throw StorageError.unavailable("no delivery was built") }
        return id
    }

    /// The rows that deliver `events` to the webhooks among `subscriptions` that want them: a
    /// `webhook_deliveries` row and a `webhook.deliver` job each. Bodies are built only here, so
    /// an event no webhook wants costs nothing.
    func deliveryRows(_ events: [WebhookEvent], _ subscriptions: [String: [Subscription]], now: EpochMillis) throws -> (deliveries: TableRows, jobs: TableRows) {
        var deliveries: [[ColumnValue]] = [], jobs: [[ColumnValue]] = []
        for event in events {
            for subscription in subscriptions[event.organizationID] ?? [] where subscription.wants(event) {
                let id = Identifier.make("whd")
                deliveries.append([.text(id), .text(event.organizationID), .text(subscription.webhookID), .text(event.id), .text(event.type),
                                   .text(try event.body(format: subscription.format)), .text("pending"), .integer(0), .integer(now)])
                jobs.append(queue.row(kind: WebhookDeliverer.kind, payload: JSONValue.object(["delivery": .string(id)]).jsonText,
                                      organizationID: event.organizationID, maxAttempts: WebhookDeliverer.maxAttempts,
                                      dedupeKey: "webhook:\(id)", now: now))
            }
        }
        return (TableRows(Self.deliveries, deliveries), TableRows(JobQueue.layout, jobs))
    }

    private func insert(_ rows: (deliveries: TableRows, jobs: TableRows), on db: any SQLDatabase) async throws {
        guard !rows.deliveries.rows.isEmpty else { return }
        try await db.insertRows(rows.deliveries)
        try await db.insertRows(rows.jobs)
        queue.wakeup.signal()
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
