import Foundation

/// An end user of the organization's servers, de-anonymized as far as the platform knows:
/// email (claimed or verified), the customer's tracking ids, activity counts.
public struct APIEndUser: Codable, Sendable, Equatable {
    public var id: String
    public var email: String?
    public var emailVerified: Bool
    public var trackingIds: [String]
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    public var sessionCount: Int
    public var ticketCount: Int
    public var toolCallCount: Int
    /// The name the identity provider gave, if any.
    public var name: String?
    /// The subject of the end user's OAuth sign-in, and its provider's issuer.
    public var upstreamSubject: String?
    public var upstreamIssuer: String?
    /// OAuth grants (signed-in clients) not revoked.
    public var activeGrants: Int
    /// In `users show`: the most recent sessions and tickets.
    public var sessions: [APISession]?
    public var tickets: [APITicket]?
    /// In `users show`: progress in each walkthrough started.
    public var walkthroughs: [APIWalkthroughProgress]?

    public init(id: String, email: String?, emailVerified: Bool, trackingIds: [String], firstSeenAt: Date, lastSeenAt: Date,
                sessionCount: Int, ticketCount: Int, toolCallCount: Int, name: String? = nil, upstreamSubject: String? = nil,
                upstreamIssuer: String? = nil, activeGrants: Int = 0, sessions: [APISession]? = nil, tickets: [APITicket]? = nil) {
        self.id = id
        self.email = email
        self.emailVerified = emailVerified
        self.trackingIds = trackingIds
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.sessionCount = sessionCount
        self.ticketCount = ticketCount
        self.toolCallCount = toolCallCount
        self.name = name
        self.upstreamSubject = upstreamSubject
        self.upstreamIssuer = upstreamIssuer
        self.activeGrants = activeGrants
        self.sessions = sessions
        self.tickets = tickets
    }
}

/// An MCP session of an end user: a legacy `Mcp-Session-Id`, or a stateless-era session
/// derived from the end user and client with a 30-minute idle timeout.
public struct APISession: Codable, Sendable, Equatable {
    public var id: String
    public var serverId: String
    public var endUserId: String
    /// `legacy` or `modern`.
    public var era: String
    public var protocolVersion: String
    public var clientName: String?
    public var clientVersion: String?
    public var startedAt: Date
    public var lastSeenAt: Date
    public var endedAt: Date?
    public var toolCallCount: Int
    /// In `sessions show`: the session's tool calls, oldest first.
    public var toolCalls: [APIToolCall]?

    public init(id: String, serverId: String, endUserId: String, era: String, protocolVersion: String, clientName: String?,
                clientVersion: String?, startedAt: Date, lastSeenAt: Date, endedAt: Date?, toolCallCount: Int, toolCalls: [APIToolCall]? = nil) {
        self.id = id
        self.serverId = serverId
        self.endUserId = endUserId
        self.era = era
        self.protocolVersion = protocolVersion
        self.clientName = clientName
        self.clientVersion = clientVersion
        self.startedAt = startedAt
        self.lastSeenAt = lastSeenAt
        self.endedAt = endedAt
        self.toolCallCount = toolCallCount
        self.toolCalls = toolCalls
    }
}

/// One recorded `tools/call`.
public struct APIToolCall: Codable, Sendable, Equatable {
    public var id: String
    public var tool: String
    public var arguments: JSONValue
    /// `ok` or `error`.
    public var outcome: String
    public var resultSummary: String?
    public var error: String?
    public var durationMs: Double
    public var createdAt: Date

    public init(id: String, tool: String, arguments: JSONValue, outcome: String, resultSummary: String?, error: String?,
                durationMs: Double, createdAt: Date) {
        self.id = id
        self.tool = tool
        self.arguments = arguments
        self.outcome = outcome
        self.resultSummary = resultSummary
        self.error = error
        self.durationMs = durationMs
        self.createdAt = createdAt
    }
}
