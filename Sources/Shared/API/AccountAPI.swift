import Foundation

/// A platform account as the API shows it.
public struct APIAccount: Codable, Sendable, Equatable {
    public var id: String
    public var email: String
    public var createdAt: Date

    public init(id: String, email: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.createdAt = createdAt
    }
}

/// `POST /v1/account/signup` and `POST /v1/account/login`.
public struct Credentials: Codable, Sendable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// The answer to signup and login: a login token (shown once) and its account.
public struct LoginResult: Codable, Sendable {
    public var token: String
    public var expiresAt: Date
    public var account: APIAccount

    public init(token: String, expiresAt: Date, account: APIAccount) {
        self.token = token
        self.expiresAt = expiresAt
        self.account = account
    }
}

/// `GET /v1/account`: who the token speaks for.
public struct WhoAmI: Codable, Sendable {
    /// `login` or `api`.
    public var tokenKind: String
    public var account: APIAccount?
    /// For API tokens: the one organization and role they carry.
    public var organization: String?
    public var role: Role?

    public init(tokenKind: String, account: APIAccount?, organization: String?, role: Role?) {
        self.tokenKind = tokenKind
        self.account = account
        self.organization = organization
        self.role = role
    }
}

/// `POST /v1/account/password`.
public struct PasswordChange: Codable, Sendable {
    public var currentPassword: String
    public var newPassword: String

    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}
