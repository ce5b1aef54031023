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
    public var assigneeEmail: String?
    public var serverId: String?
    public var serverSlug: String?
    public var endUserId: String?
    public var sessionId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    /// In `tickets show`: the ticket's history, oldest first.
    public var events: [APITicketEvent]?
    /// In `tickets show`: the end user who opened it.
    public var endUser: APIEndUser?
    /// In `tickets show`: the session's most recent tool calls (oldest first), for context.
    public var recentToolCalls: [APIToolCall]?

    public init(id: String, number: Int64, title: String, description: String, context: String?, email: String?, status: String,
                priority: String, assigneeAccountId: String?, assigneeEmail: String? = nil, serverId: String?, serverSlug: String? = nil,
                endUserId: String?, sessionId: String?, createdAt: Date, updatedAt: Date, resolvedAt: Date?, events: [APITicketEvent]? = nil) {
        self.id = id
        self.number = number
        self.title = title
        self.description = description
        self.context = context
        self.email = email
        self.status = status
        self.priority = priority
        self.assigneeAccountId = assigneeAccountId
        self.assigneeEmail = assigneeEmail
        self.serverId = serverId
        self.serverSlug = serverSlug
        self.endUserId = endUserId
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.events = events
    }
}

/// One entry of a ticket's append-only history, also what `tickets watch` streams.
public struct APITicketEvent: Codable, Sendable, Equatable {
    public var id: String
    /// The event's place in its organization's sequence: the cursor of `tickets watch`.
    public var seq: Int64
    public var ticketId: String
    public var ticketNumber: Int64
    /// `created`, `comment`, `status_changed`, `priority_changed`, `assigned`, `title_changed`
    /// or `description_changed`.
    public var kind: String
    public var actorAccountId: String?
    /// The member who acted, when a person did (not for API tokens or end users).
    public var actorEmail: String?
    /// The API token that acted, when one did.
    public var actorTokenId: String?
    /// The end user who acted (`created` by get_support).
    public var actorEndUserId: String?
    /// For comments: `internal` (staff only) or `public` (a reply meant for the end user).
    public var visibility: String?
    public var oldValue: String?
    public var newValue: String?
    public var body: String?
    public var createdAt: Date

    public init(id: String, seq: Int64, ticketId: String, ticketNumber: Int64, kind: String, actorAccountId: String?, actorEmail: String?,
                actorTokenId: String?, actorEndUserId: String?, visibility: String?, oldValue: String?, newValue: String?, body: String?,
                createdAt: Date) {
        self.id = id
        self.seq = seq
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.kind = kind
        self.actorAccountId = actorAccountId
        self.actorEmail = actorEmail
        self.actorTokenId = actorTokenId
        self.actorEndUserId = actorEndUserId
        self.visibility = visibility
        self.oldValue = oldValue
        self.newValue = newValue
        self.body = body
        self.createdAt = createdAt
    }

    /// Who acted, for people: the member's email, the API token, the end user, or "system".
    public var actor: String {
        actorEmail ?? actorTokenId.map { "token \($0)" } ?? actorEndUserId.map { "end user \($0)" } ?? "system"
    }
}

/// `PATCH /v1/orgs/{org}/tickets/{ticket}`: the fields to change; absent fields stay.
public struct APITicketUpdate: Codable, Sendable, Equatable {
    /// `open`, `in_progress`, `resolved` or `closed`; `open` on a resolved or closed ticket reopens it.
    public var status: String?
    public var priority: String?
    public var title: String?
    public var description: String?
    /// A member's email, `@me` (the caller's account) or `none` to unassign.
    public var assignee: String?

    public init(status: String? = nil, priority: String? = nil, title: String? = nil, description: String? = nil, assignee: String? = nil) {
        self.status = status
        self.priority = priority
        self.title = title
        self.description = description
        self.assignee = assignee
    }
}

/// `POST /v1/orgs/{org}/tickets/{ticket}/comments`.
public struct APITicketComment: Codable, Sendable, Equatable {
    public var body: String
    /// `internal` (default) or `public`.
    public var visibility: String?

    public init(body: String, visibility: String? = nil) {
        self.body = body
        self.visibility = visibility
    }
}

/// `GET /v1/orgs/{org}/ticket-events`: events after a cursor, and the cursor to pass next.
public struct APITicketEventBatch: Codable, Sendable, Equatable {
    public var items: [APITicketEvent]
    /// The sequence number to pass as `after` next time (unchanged when nothing new came).
    public var cursor: Int64

    public init(items: [APITicketEvent], cursor: Int64) {
        self.items = items
        self.cursor = cursor
    }
}

/// The values the ticket workflow accepts, shared by mcpctl's validation and the daemon's.
public enum TicketVocabulary {
    public static let statuses = ["open", "in_progress", "resolved", "closed"]
    public static let priorities = ["low", "normal", "high", "urgent"]
    public static let visibilities = ["internal", "public"]
}
