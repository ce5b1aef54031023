import Foundation

/// A support ticket, numbered `#N` per organization.
public struct APITicket: Codable, Sendable, Equatable {
    public var id: String
    public var number: Int64
    public var title: String
    public var description: String
    public var context: String?
    public var email: String?
    /// `open`, `in_progress`, `resolved` or `closed`.
    public var status: String
    /// `low`, `normal`, `high` or `urgent`.
    public var priority: String
    public var assigneeAccountId: String?
    public var serverId: String?
    public var endUserId: String?
    public var sessionId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    /// In `tickets show`: the ticket's history, oldest first.
    public var events: [APITicketEvent]?

    public init(id: String, number: Int64, title: String, description: String, context: String?, email: String?, status: String,
                priority: String, assigneeAccountId: String?, serverId: String?, endUserId: String?, sessionId: String?,
                createdAt: Date, updatedAt: Date, resolvedAt: Date?, events: [APITicketEvent]? = nil) {
        self.id = id
        self.number = number
        self.title = title
        self.description = description
        self.context = context
        self.email = email
        self.status = status
        self.priority = priority
        self.assigneeAccountId = assigneeAccountId
        self.serverId = serverId
        self.endUserId = endUserId
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.events = events
    }
}

/// One entry of a ticket's append-only history.
public struct APITicketEvent: Codable, Sendable, Equatable {
    public var id: String
    /// `created`, `comment`, `status_changed`, `assigned`, `priority_changed` or `updated`.
    public var kind: String
    public var actorAccountId: String?
    public var actorEndUserId: String?
    public var visibility: String?
    public var oldValue: String?
    public var newValue: String?
    public var body: String?
    public var createdAt: Date

    public init(id: String, kind: String, actorAccountId: String?, actorEndUserId: String?, visibility: String?, oldValue: String?,
                newValue: String?, body: String?, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.actorAccountId = actorAccountId
        self.actorEndUserId = actorEndUserId
        self.visibility = visibility
        self.oldValue = oldValue
        self.newValue = newValue
        self.body = body
        self.createdAt = createdAt
    }
}
