import Foundation
import Shared
import SQLKit

/// `/v1/account…`: signup, login, logout, whoami and password change.
extension AdminAPI {
    func signup(_ input: Operations.Signup.Input) async throws -> Operations.Signup.Output {
        guard configuration.allowSignup else {
            throw APIError(status: .forbidden, code: "signup_disabled", message: "signup is turned off on this daemon (allow-signup=false)")
        }
        guard case .json(let credentials) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateEmail(credentials.email)
        try AccountRules.validate(password: credentials.password, field: "password")
        // Counted before any work: a flood of signups costs a lookup, not a hash each.
        let limits = SignupLimits(perAddressPerHour: configuration.signupsPerHourPerAddress, totalPerHour: configuration.signupsPerHour)
        for (key, limit) in [("signup:addr:\(AdminRequest.clientAddress)", limits.perAddress), ("signup:all", limits.total)] where !limit.isOff {
            let decision = try await services.rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        let taken = try await database.withConnection { db in try await accounts.find(email: credentials.email, on: db) != nil }
        guard !taken else { throw AccountRules.emailTaken }
        let passwordHash = try await accounts.hash(credentials.password)
        let result = try await database.transaction { db -> LoginResult in
            guard try await accounts.find(email: credentials.email, on: db) == nil else { throw AccountRules.emailTaken }
            let account = try await accounts.create(email: credentials.email, passwordHash: passwordHash, on: db)
            try await AuditLog.record("account.signup", target: ("account", account.id), organizationID: nil,
                                      actor: Actor(accountID: account.id, tokenID: nil), on: db)
            return try await issueLogin(for: account, on: db)
        }
        return .created(.init(body: .json(result)))
    }

    /// Every attempt counts against the limits before the password is checked, so a burst of
    /// wrong passwords costs one hash each only up to the limit; an unknown email takes as
    /// long as a wrong password.
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let credentials) = input.body else { throw APIError.badQuery("expected JSON") }
        let email = AccountStore.normalize(credentials.email)
        for (key, limit) in [("login:email:\(email)", AccountRules.failuresPerEmail),
                             ("login:addr:\(AdminRequest.clientAddress)", AccountRules.failuresPerAddress)] {
            let decision = try await services.rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        let found = try await database.withConnection { db in try await accounts.credentials(email: email, on: db) }
        guard await accounts.verify(credentials.password, against: found?.passwordHash), let found else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "wrong email or password")
        }
        let result = try await database.transaction { db in try await issueLogin(for: found.account, on: db) }
        return .ok(.init(body: .json(result)))
    }

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        let principal = try AdminRequest.requirePrincipal()
        guard principal.kind == .login, let accountID = principal.accountID else {
            throw APIError(status: .badRequest, code: "bad_request", message: "logout ends a login token; revoke API tokens with tokens revoke")
        }
        _ = try await database.withConnection { db in try await TokenStore().revokeLogin(id: principal.tokenID, accountID: accountID, on: db) }
        return .noContent(.init())
    }

    func whoami(_ input: Operations.Whoami.Input) async throws -> Operations.Whoami.Output {
        let principal = try AdminRequest.requirePrincipal()
        let answer = try await database.withConnection { db in
            let account = try await principal.accountID.asyncMap { try await accounts.find(id: $0, on: db) } ?? nil
            let organization = try await principal.organizationID.asyncMap { try await OrganizationStore().find(reference: $0, on: db) } ?? nil
            return WhoAmI(tokenKind: principal.kind.rawValue, account: account.map(APIAccount.init),
                          organization: organization?.slug, role: principal.role)
        }
        return .ok(.init(body: .json(answer)))
    }

    /// Changes the password and ends every other login of the account (the one changing it stays).
    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        let principal = try AdminRequest.requirePrincipal()
        guard let accountID = principal.accountID else { throw AuthorizationMiddleware.unauthenticated }
        guard case .json(let change) = input.body else { throw APIError.badQuery("expected JSON") }
        try AccountRules.validate(password: change.newPassword, field: "new_password")
        let decision = try await services.rateLimiter.hit("password:account:\(accountID)", AccountRules.failuresPerEmail)
        if !decision.allowed { throw APIError.rateLimited(decision) }
        let found = try await database.withConnection { db in try await accounts.credentials(id: accountID, on: db) }
        guard await accounts.verify(change.currentPassword, against: found?.passwordHash) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "the current password is wrong")
        }
        let newHash = try await accounts.hash(change.newPassword)
        try await database.transaction { db in
            try await accounts.setPassword(hash: newHash, accountID: accountID, on: db)
            let ended = try await TokenStore().revokeLogins(accountID: accountID, except: principal.tokenID, on: db)
            try await AuditLog.record("account.password", target: ("account", accountID), organizationID: nil, actor: Actor(principal),
                                      details: ["other_logins_ended": String(ended)], on: db)
        }
        return .noContent(.init())
    }

    private func issueLogin(for account: Account, on db: any SQLDatabase) async throws -> LoginResult {
        let token = try await TokenStore().issueLoginToken(accountID: account.id, lifetime: AccountRules.loginLifetime, on: db)
        return LoginResult(token: token.secret, expiresAt: Date().addingTimeInterval(TimeInterval(AccountRules.loginLifetime.components.seconds)),
                           account: APIAccount(account))
    }
}
