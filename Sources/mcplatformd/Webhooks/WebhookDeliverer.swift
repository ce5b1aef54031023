import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Shared
import SQLKit

/// The `webhook.deliver` job: POSTs one delivery's body, signed, and records the attempt.
///
/// Each run is one attempt: the attempt row is written before the request is sent, so every
/// request the receiver sees has exactly one attempt record. A non-2xx answer or a network error
/// fails the job, which the queue retries with backoff — surviving restarts, since the job and
/// the delivery live in the database. Out of attempts, the delivery is `failed`.
struct WebhookDeliverer: Sendable {
    static let kind = "webhook.deliver"
    static let maxAttempts = 10

    let database: Database
    let box: SecretBox
    let policy: OutboundPolicy
    let logger: Logger

    /// The job handler.
    var handler: JobHandler {
        { job in try await deliver(job) }
    }

    func deliver(_ job: Job) async throws {
        guard let deliveryID = (try? JSONValue.parse(Data(job.payload.utf8)))?["delivery"]?.stringValue else {
            throw WebhookDeliveryError("malformed job payload")
        }
        guard let target = try await load(deliveryID) else { return }  // its webhook was deleted
        guard target.state == "pending" else { return }
        let attempt = try await begin(deliveryID)
        let started = ContinuousClock.now
        do {
            let status = try await send(target, deliveryID: deliveryID)
            let elapsed = (ContinuousClock.now - started).milliseconds
            let delivered = (200..<300).contains(status)
            try await finish(deliveryID, attempt: attempt, status: status, error: delivered ? nil : "HTTP \(status)", durationMs: elapsed,
                             state: delivered ? "delivered" : (job.attempts >= job.maxAttempts ? "failed" : "pending"))
            guard delivered else { throw WebhookDeliveryError("the receiver answered HTTP \(status)") }
        } catch let error as WebhookDeliveryError {
            throw error
        } catch {
            let message = "\(error)"
            try await finish(deliveryID, attempt: attempt, status: nil, error: message, durationMs: (ContinuousClock.now - started).milliseconds,
                             state: job.attempts >= job.maxAttempts ? "failed" : "pending")
            throw WebhookDeliveryError(message)
        }
    }

    private struct Target {
        let url: String
        let secret: String
        let body: String
        let eventType: String
        let state: String
    }

    private func load(_ deliveryID: String) async throws -> Target? {
        let row = try await database.withConnection { db in
            try await db.select()
                .columns(SQLColumn("url", table: "webhooks"), SQLColumn("secret_sealed", table: "webhooks"), SQLColumn("body", table: "webhook_deliveries"),
                         SQLColumn("event_type", table: "webhook_deliveries"), SQLColumn("state", table: "webhook_deliveries"))
                .from("webhook_deliveries")
                .join("webhooks", on: SQLColumn("id", table: "webhooks"), .equal, SQLColumn("webhook_id", table: "webhook_deliveries"))
                .where(SQLColumn("id", table: "webhook_deliveries"), .equal, SQLBind(deliveryID)).first()
        }
        guard let row else { return nil }
        return Target(url: try row.decode(column: "url", as: String.self),
                      secret: try box.open(try row.decode(column: "secret_sealed", as: String.self), context: WebhookStore.secretContext),
                      body: try row.decode(column: "body", as: String.self), eventType: try row.decode(column: "event_type", as: String.self),
                      state: try row.decode(column: "state", as: String.self))
    }

    /// Counts the attempt and writes its record before anything is sent.
    private func begin(_ deliveryID: String) async throws -> Int64 {
        try await database.transaction { db in
            guard let row = try await db.raw("""
                UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = \(bind: deliveryID) RETURNING attempts
                """).first() else { throw WebhookDeliveryError("delivery \(deliveryID) is gone") }
            let attempt = try row.decode(column: "attempts", as: Int64.self)
            try await db.insert(into: "webhook_delivery_attempts").columns("id", "delivery_id", "attempt", "created_at")
                .values(SQLBind(Identifier.make("wha")), SQLBind(deliveryID), SQLBind(attempt), SQLBind(nowMillis())).run()
            return attempt
        }
    }

    private func finish(_ deliveryID: String, attempt: Int64, status: Int?, error: String?, durationMs: Int64, state: String) async throws {
        let now = nowMillis()
        try await database.transaction { db in
            try await db.update("webhook_delivery_attempts").set("status", to: status.map(Int64.init)).set("error", to: error)
                .set("duration_ms", to: durationMs).where("delivery_id", .equal, deliveryID).where("attempt", .equal, attempt).run()
            try await db.update("webhook_deliveries").set("state", to: state).set("last_status", to: status.map(Int64.init))
                .set("last_error", to: error).set("delivered_at", to: state == "delivered" ? now : nil)
                .where("id", .equal, deliveryID).run()
        }
    }

    /// Sends the signed POST; returns the HTTP status.
    private func send(_ target: Target, deliveryID: String) async throws -> Int {
        let url = try OutboundPolicy.validate(target.url)
        let timestamp = nowMillis() / 1000
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "mcplatform-webhooks/\(MCPlatformVersion.current)")
        request.headers.add(name: WebhookSigner.eventHeader, value: target.eventType)
        request.headers.add(name: WebhookSigner.deliveryHeader, value: deliveryID)
        request.headers.add(name: WebhookSigner.timestampHeader, value: String(timestamp))
        request.headers.add(name: WebhookSigner.signatureHeader, value: WebhookSigner.signature(secret: target.secret, timestamp: timestamp, body: target.body))
        request.body = .bytes(ByteBuffer(string: target.body))
        return try await policy.send(request, url: url, timeout: .seconds(15)) { response in
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        }
    }
}

/// Why a delivery attempt failed (recorded as the job's last error).
struct WebhookDeliveryError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
