import Foundation

/// A background job of an organization (e.g. a webhook delivery), as `mcpctl jobs list` shows it.
public struct APIJob: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    /// `pending`, `running`, `done` or `dead`.
    public var state: String
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(id: String, kind: String, state: String, attempts: Int, maxAttempts: Int, runAt: Date, lastError: String?,
                createdAt: Date, finishedAt: Date?) {
        self.id = id
        self.kind = kind
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
