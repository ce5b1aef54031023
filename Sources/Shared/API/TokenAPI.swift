import Foundation

/// An API token as lists show it: never the secret.
public struct APIToken: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var prefix: String
    public var role: Role
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, prefix: String, role: Role, createdAt: Date, lastUsedAt: Date?, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.role = role
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// `POST /v1/orgs/{org}/tokens`.
public struct CreateToken: Codable, Sendable {
    public var name: String
    /// At most the creator's role; defaults to it.
    public var role: Role?
    /// Lifetime in days; no expiry when absent.
    public var expiresInDays: Int?

    public init(name: String, role: Role? = nil, expiresInDays: Int? = nil) {
        self.name = name
        self.role = role
        self.expiresInDays = expiresInDays
    }
}

/// The answer to token creation: the token and its secret, shown this once.
public struct CreatedToken: Codable, Sendable {
    public var token: APIToken
    public var secret: String

    public init(token: APIToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// One audit event.
public struct APIAuditEvent: Codable, Sendable, Equatable {
    public var id: String
    public var action: String
    public var targetType: String
    public var targetId: String?
    public var actorAccountId: String?
    public var actorTokenId: String?
    public var details: [String: String]
    public var createdAt: Date

    public init(id: String, action: String, targetType: String, targetId: String?, actorAccountId: String?, actorTokenId: String?,
                details: [String: String], createdAt: Date) {
        self.id = id
        self.action = action
        self.targetType = targetType
        self.targetId = targetId
        self.actorAccountId = actorAccountId
        self.actorTokenId = actorTokenId
        self.details = details
        self.createdAt = createdAt
    }
}
