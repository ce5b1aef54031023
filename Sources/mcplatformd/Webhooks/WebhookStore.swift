import Foundation
import Shared
import SQLKit

/// Webhooks and their deliveries in the database, always within one organization. Signing
/// secrets are sealed with the key ring (`SecretBox`), never stored in the clear.
struct WebhookStore: Sendable {
    static let secretContext = "webhooks.secret"

    /// Inserts a webhook whose fields were validated.
    func insert(_ webhook: APIWebhook, serverID: String?, secret: String, organizationID: String, createdBy: String?, box: SecretBox,
                on db: any SQLDatabase) async throws {
        try await db.insert(into: "webhooks")
            .columns("id", "organization_id", "url", "events", "format", "server_id", "secret_sealed", "created_by_account_id", "created_at")
            .values(SQLBind(webhook.id), SQLBind(organizationID), SQLBind(webhook.url), SQLBind(webhook.events.joined(separator: ",")),
                    SQLBind(webhook.format), SQLBind(serverID), SQLBind(try box.seal(secret, context: Self.secretContext)), SQLBind(createdBy),
                    SQLBind(webhook.createdAt.epochMillis))
            .run()
    }

    /// The webhooks' columns, with the slug of the server a webhook is limited to.
    private func select(_ db: any SQLDatabase, organizationID: String) -> SQLSelectBuilder {
        db.select().columns(["id", "url", "events", "format", "created_at"].map { SQLColumn($0, table: "webhooks") })
            .column(SQLAlias(SQLColumn("slug", table: "mcp_servers"), as: SQLIdentifier("server_slug"))).from("webhooks")
            .join("mcp_servers", method: SQLJoinMethod.left, on: SQLColumn("id", table: "mcp_servers"), .equal, SQLColumn("server_id", table: "webhooks"))
            .where(SQLColumn("organization_id", table: "webhooks"), .equal, SQLBind(organizationID))
    }

    func list(organizationID: String, on db: any SQLDatabase) async throws -> [APIWebhook] {
        try await select(db, organizationID: organizationID)
            .orderBy(SQLColumn("created_at", table: "webhooks")).orderBy(SQLColumn("id", table: "webhooks")).all().map(Self.webhook)
    }

    func find(_ id: String, organizationID: String, on db: any SQLDatabase) async throws -> APIWebhook? {
        try await select(db, organizationID: organizationID).where(SQLColumn("id", table: "webhooks"), .equal, SQLBind(id)).first().map(Self.webhook)
    }

    func delete(_ id: String, organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "webhooks").where("organization_id", .equal, organizationID).where("id", .equal, id).run()
    }

    private static let deliveryColumns = ["id", "webhook_id", "event_id", "event_type", "state", "attempts", "last_status", "last_error",
                                          "created_at", "delivered_at"].map { SQLColumn($0) }

    /// A page of deliveries, newest first, optionally of one webhook.
    func deliveries(organizationID: String, webhookID: String?, page: Pagination, on db: any SQLDatabase) async throws -> [APIWebhookDelivery] {
        let query = db.select().columns(Self.deliveryColumns).from("webhook_deliveries").where("organization_id", .equal, organizationID)
        if let webhookID { query.where("webhook_id", .equal, webhookID) }
        return try await page.apply(to: query, table: "webhook_deliveries").all().map(Self.delivery)
    }

    /// One delivery with its attempts.
    func delivery(_ id: String, organizationID: String, on db: any SQLDatabase) async throws -> APIWebhookDelivery? {
        guard let row = try await db.select().columns(Self.deliveryColumns).from("webhook_deliveries")
            .where("organization_id", .equal, organizationID).where("id", .equal, id).first() else { return nil }
        var delivery = try Self.delivery(row)
        delivery.attemptLog = try await db.select().columns("attempt", "status", "error", "duration_ms", "created_at")
            .from("webhook_delivery_attempts").where("delivery_id", .equal, id).orderBy("attempt").all().map { row in
                APIWebhookAttempt(attempt: try row.decode(column: "attempt", as: Int.self), status: try row.decode(column: "status", as: Int?.self),
                                  error: try row.decode(column: "error", as: String?.self), durationMs: try row.decode(column: "duration_ms", as: Int?.self),
                                  createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
            }
        return delivery
    }

    private static func webhook(_ row: any SQLRow) throws -> APIWebhook {
        APIWebhook(id: try row.decode(column: "id", as: String.self), url: try row.decode(column: "url", as: String.self),
                   events: try row.decode(column: "events", as: String.self).split(separator: ",").map(String.init),
                   format: try row.decode(column: "format", as: String.self), server: try row.decode(column: "server_slug", as: String?.self),
                   createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
    }

    private static func delivery(_ row: any SQLRow) throws -> APIWebhookDelivery {
        APIWebhookDelivery(
            id: try row.decode(column: "id", as: String.self), webhookId: try row.decode(column: "webhook_id", as: String.self),
            eventId: try row.decode(column: "event_id", as: String.self), eventType: try row.decode(column: "event_type", as: String.self),
            state: try row.decode(column: "state", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
            lastStatus: try row.decode(column: "last_status", as: Int?.self), lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            deliveredAt: try row.decode(column: "delivered_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
    }
}
