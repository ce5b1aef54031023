import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/account…`: signup, login, logout, whoami and password change.
struct AccountController: Sendable {
    let database: Database
    let accounts: AccountStore
    let rateLimiter: any RateLimiter
    let allowSignup: Bool
    /// Signups per hour per address and in all.
    var signupLimits = SignupLimits()
    var tokens = TokenStore()

    /// Login tokens live this long.
    static let loginLifetime: Duration = .seconds(30 * 24 * 3600)
    /// Failed logins allowed per email and per address in a window.
    static let failuresPerEmail = RateLimit(limit: 10, window: .seconds(900))
    static let failuresPerAddress = RateLimit(limit: 50, window: .seconds(900))

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("signup", use: signup)
        group.post("login", use: login)
        group.post("logout", use: logout)
        group.get("", use: whoami)
        group.post("password", use: changePassword)
    }

    @Sendable func signup(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard allowSignup else {
            throw APIError(status: .forbidden, code: "signup_disabled", message: "signup is turned off on this daemon (allow-signup=false)")
        }
        let credentials = try await request.decode(as: Credentials.self, context: context)
        try Self.validate(email: credentials.email)
        try Self.validate(password: credentials.password, field: "password")
        // Counted before any work: a flood of signups costs a lookup, not a hash each.
        for (key, limit) in [("signup:addr:\(context.clientAddress)", signupLimits.perAddress), ("signup:all", signupLimits.total)] where !limit.isOff {
            let decision = try await rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        let taken = try await database.withConnection { db in try await accounts.find(email: credentials.email, on: db) != nil }
        guard !taken else { throw Self.emailTaken }
        let passwordHash = try await accounts.hash(credentials.password)
        let result = try await database.transaction { db -> LoginResult in
            guard try await accounts.find(email: credentials.email, on: db) == nil else { throw Self.emailTaken }
            let account = try await accounts.create(email: credentials.email, passwordHash: passwordHash, on: db)
            try await AuditLog.record("account.signup", target: ("account", account.id), organizationID: nil,
                                      actor: Actor(accountID: account.id, tokenID: nil), on: db)
            return try await issueLogin(for: account, on: db)
        }
        return try Response.json(result, status: .created)
    }

    static let emailTaken = APIError(status: .conflict, code: "conflict", message: "an account with this email exists (log in instead)")

    /// Every attempt counts against the limits before the password is checked, so a burst of
    /// wrong passwords costs one hash each only up to the limit; an unknown email takes as
    /// long as a wrong password.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> LoginResult {
        let credentials = try await request.decode(as: Credentials.self, context: context)
        let email = AccountStore.normalize(credentials.email)
        for (key, limit) in [("login:email:\(email)", Self.failuresPerEmail), ("login:addr:\(context.clientAddress)", Self.failuresPerAddress)] {
            let decision = try await rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        let found = try await database.withConnection { db in try await accounts.credentials(email: email, on: db) }
        guard await accounts.verify(credentials.password, against: found?.passwordHash), let found else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "wrong email or password")
        }
        return try await database.transaction { db in try await issueLogin(for: found.account, on: db) }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        guard principal.kind == .login, let accountID = principal.accountID else {
            throw APIError(status: .badRequest, code: "bad_request", message: "logout ends a login token; revoke API tokens with tokens revoke")
        }
        _ = try await database.withConnection { db in try await tokens.revokeLogin(id: principal.tokenID, accountID: accountID, on: db) }
        return .noContent
    }

    @Sendable func whoami(_ request: Request, context: AppRequestContext) async throws -> WhoAmI {
        let principal = try context.requirePrincipal()
        return try await database.withConnection { db in
            let account = try await principal.accountID.asyncMap { try await accounts.find(id: $0, on: db) } ?? nil
            let organization = try await principal.organizationID.asyncMap { try await OrganizationStore().find(reference: $0, on: db) } ?? nil
            return WhoAmI(tokenKind: principal.kind.rawValue, account: account.map(APIAccount.init),
                          organization: organization?.slug, role: principal.role)
        }
    }

    /// Changes the password and ends every other login of the account (the one changing it stays).
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        guard principal.kind == .login, let accountID = principal.accountID else {
            throw APIError(status: .forbidden, code: "forbidden", message: "changing a password needs a login token")
        }
        let change = try await request.decode(as: PasswordChange.self, context: context)
        try Self.validate(password: change.newPassword, field: "new_password")
        let decision = try await rateLimiter.hit("password:account:\(accountID)", Self.failuresPerEmail)
        if !decision.allowed { throw APIError.rateLimited(decision) }
        let found = try await database.withConnection { db in try await accounts.credentials(id: accountID, on: db) }
        guard await accounts.verify(change.currentPassword, against: found?.passwordHash) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "the current password is wrong")
        }
        let newHash = try await accounts.hash(change.newPassword)
        try await database.transaction { db in
            try await accounts.setPassword(hash: newHash, accountID: accountID, on: db)
            let ended = try await tokens.revokeLogins(accountID: accountID, except: principal.tokenID, on: db)
            try await AuditLog.record("account.password", target: ("account", accountID), organizationID: nil, actor: Actor(principal),
                                      details: ["other_logins_ended": String(ended)], on: db)
        }
        return .noContent
    }

    private func issueLogin(for account: Account, on db: any SQLDatabase) async throws -> LoginResult {
        let token = try await tokens.issueLoginToken(accountID: account.id, lifetime: Self.loginLifetime, on: db)
        return LoginResult(token: token.secret, expiresAt: Date().addingTimeInterval(TimeInterval(Self.loginLifetime.components.seconds)),
                           account: APIAccount(account))
    }

    static func validate(email: String) throws {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(" ") else {
            throw APIError(status: .unprocessableContent, code: "invalid", message: "email is not an email address", details: ["field": "email"])
        }
    }

    static func validate(password: String, field: String) throws {
        guard password.count >= 8, password.count <= 512 else {
            throw APIError(status: .unprocessableContent, code: "invalid", message: "a password has 8 to 512 characters", details: ["field": field])
        }
    }
}

/// How many accounts may be created per hour (`signups-per-hour*`).
struct SignupLimits: Sendable {
    var perAddress = RateLimit.off
    var total = RateLimit.off

    init(perAddressPerHour: Int = 0, totalPerHour: Int = 0) {
        perAddress = RateLimit(limit: perAddressPerHour, window: .seconds(3600))
        total = RateLimit(limit: totalPerHour, window: .seconds(3600))
    }
}

extension APIAccount {
    init(_ account: Account) {
        self.init(id: account.id, email: account.email, createdAt: Date(epochMillis: account.createdAt))
    }
}

extension APIError {
    /// 429 with `Retry-After` for a refused rate-limit decision.
    static func rateLimited(_ decision: RateLimitDecision) -> APIError {
        let seconds = decision.retryAfterSeconds
        return APIError(status: .tooManyRequests, code: "rate_limited", message: "too many attempts; retry in \(seconds) s",
                        headers: [.retryAfter: String(seconds)])
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
