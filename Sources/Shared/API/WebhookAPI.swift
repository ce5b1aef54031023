import Foundation

/// A webhook: the organization's events POSTed to a URL, signed with HMAC-SHA256.
public struct APIWebhook: Codable, Sendable, Equatable {
    public var id: String
    public var url: String
    public var events: [String]
    /// `json` (the event envelope) or `slack` (a Slack incoming-webhook message).
    public var format: String
    public var createdAt: Date
    /// Only in the answer to `create`: the signing secret, shown once.
    public var secret: String?

    public init(id: String, url: String, events: [String], format: String, createdAt: Date, secret: String? = nil) {
        self.id = id
        self.url = url
        self.events = events
        self.format = format
        self.createdAt = createdAt
        self.secret = secret
    }
}

/// `POST /v1/orgs/{org}/webhooks`.
public struct APIWebhookCreate: Codable, Sendable, Equatable {
    public var url: String
    public var events: [String]
    public var format: String?
    /// The signing secret; the daemon makes one when absent.
    public var secret: String?

    public init(url: String, events: [String], format: String? = nil, secret: String? = nil) {
        self.url = url
        self.events = events
        self.format = format
        self.secret = secret
    }
}

/// One event sent (or being sent) to one webhook, with its attempts.
public struct APIWebhookDelivery: Codable, Sendable, Equatable {
    public var id: String
    public var webhookId: String
    public var eventId: String
    public var eventType: String
    /// `pending`, `delivered` or `failed` (out of attempts).
    public var state: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
    /// In `deliveries ID`: every attempt, oldest first.
    public var attemptLog: [APIWebhookAttempt]?

    public init(id: String, webhookId: String, eventId: String, eventType: String, state: String, attempts: Int, lastStatus: Int?,
                lastError: String?, createdAt: Date, deliveredAt: Date?, attemptLog: [APIWebhookAttempt]? = nil) {
        self.id = id
        self.webhookId = webhookId
        self.eventId = eventId
        self.eventType = eventType
        self.state = state
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.attemptLog = attemptLog
    }
}

/// One HTTP attempt of a delivery.
public struct APIWebhookAttempt: Codable, Sendable, Equatable {
    public var attempt: Int
    /// The receiver's HTTP status, when it answered.
    public var status: Int?
    public var error: String?
    public var durationMs: Int?
    public var createdAt: Date

    public init(attempt: Int, status: Int?, error: String?, durationMs: Int?, createdAt: Date) {
        self.attempt = attempt
        self.status = status
        self.error = error
        self.durationMs = durationMs
        self.createdAt = createdAt
    }
}

/// The event types a webhook can subscribe to.
public enum WebhookEventType {
    public static let all = ["ticket.created", "ticket.updated", "ticket.commented", "end_user.identified", "walkthrough.completed"]
}
