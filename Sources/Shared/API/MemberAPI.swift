import Foundation

/// A member of an organization.
public struct APIMember: Codable, Sendable, Equatable {
    public var accountId: String
    public var email: String
    public var role: Role
    public var joinedAt: Date

    public init(accountId: String, email: String, role: Role, joinedAt: Date) {
        self.accountId = accountId
        self.email = email
        self.role = role
        self.joinedAt = joinedAt
    }
}

/// `PATCH /v1/orgs/{org}/members/{member}`.
public struct UpdateMember: Codable, Sendable {
    public var role: Role

    public init(role: Role) {
        self.role = role
    }
}

/// An invitation to join an organization.
public struct APIInvitation: Codable, Sendable, Equatable {
    public var id: String
    public var email: String
    public var role: Role
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var revokedAt: Date?

    public init(id: String, email: String, role: Role, createdAt: Date, expiresAt: Date, acceptedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.email = email
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.revokedAt = revokedAt
    }
}

/// `POST /v1/orgs/{org}/invitations`.
public struct CreateInvitation: Codable, Sendable {
    public var email: String
    public var role: Role

    public init(email: String, role: Role) {
        self.email = email
        self.role = role
    }
}

/// The answer to an invitation: the single-use token to pass to the invitee, shown once.
public struct CreatedInvitation: Codable, Sendable {
    public var invitation: APIInvitation
    public var token: String

    public init(invitation: APIInvitation, token: String) {
        self.invitation = invitation
        self.token = token
    }
}

/// `POST /v1/invitations/accept`.
public struct AcceptInvitation: Codable, Sendable {
    public var token: String

    public init(token: String) {
        self.token = token
    }
}
