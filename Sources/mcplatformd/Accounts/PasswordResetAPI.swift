import Foundation
import Shared

/// `/v1/account/password-reset`: a forgotten password is reset with a single-use code sent to
/// the account's email. The request answers the same whether or not the account exists, and
/// both steps are rate limited per email and per address.
extension AdminAPI {
    static let resetRequestsPerEmail = RateLimit(limit: 3, window: .seconds(3600))
    static let resetRequestsPerAddress = RateLimit(limit: 20, window: .seconds(3600))

    func requestPasswordReset(_ input: Operations.RequestPasswordReset.Input) async throws -> Operations.RequestPasswordReset.Output {
        guard case .json(let request) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateEmail(request.email)
        guard configuration.mail.isEnabled else {
            throw APIError(status: .forbidden, code: "mail_unavailable",
                           message: "this daemon sends no mail (it has no smtp-url), so a password cannot be reset by email; ask its operator")
        }
        let email = AccountStore.normalize(request.email)
        for (key, limit) in [("reset:email:\(email)", Self.resetRequestsPerEmail), ("reset:addr:\(AdminRequest.clientAddress)", Self.resetRequestsPerAddress)] {
            let decision = try await services.rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        try await database.transaction { db in
            guard let account = try await accounts.find(email: email, on: db) else { return }
            let code = try await PasswordResetStore().issue(accountID: account.id, on: db)
            let minutes = PasswordResetStore.lifetimeSeconds / 60
            _ = try await services.staffMailer.enqueue(.init(to: account.email, subject: "Your mcplatform password reset code", text: """
                Someone asked to reset the password of the mcplatform account \(account.email).

                Your code: \(code)

                Enter it where mcpctl asks for it (mcpctl passwd --reset --email \(account.email)). It works once, for \(minutes) minutes.
                If you did not ask, ignore this email: your password stays as it is.
                """), organizationID: nil, on: db)
            try await AuditLog.record("account.password_reset_requested", target: ("account", account.id), organizationID: nil,
                                      actor: Actor(accountID: account.id, tokenID: nil), on: db)
        }
        return .accepted(.init(body: .json(PasswordResetRequested(
            message: "if an account has this email, a code was sent to it", expiresInSeconds: PasswordResetStore.lifetimeSeconds))))
    }

    func confirmPasswordReset(_ input: Operations.ConfirmPasswordReset.Input) async throws -> Operations.ConfirmPasswordReset.Output {
        guard case .json(let confirm) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateEmail(confirm.email)
        try AccountRules.validate(password: confirm.newPassword, field: "new_password")
        let email = AccountStore.normalize(confirm.email)
        for (key, limit) in [("reset-confirm:email:\(email)", AccountRules.failuresPerEmail),
                             ("reset-confirm:addr:\(AdminRequest.clientAddress)", AccountRules.failuresPerAddress)] {
            let decision = try await services.rateLimiter.hit(key, limit)
            if !decision.allowed { throw APIError.rateLimited(decision) }
        }
        let wrong = APIError(status: .unauthorized, code: "unauthenticated", message: "the code is wrong, used or expired; ask for a new one")
        let newHash = try await accounts.hash(confirm.newPassword)
        // Not thrown inside the transaction: a wrong code's attempt must be counted (committed).
        let reset = try await database.transaction { db -> Bool in
            guard let account = try await accounts.find(email: email, on: db),
                  try await PasswordResetStore().redeem(confirm.code.trimmingCharacters(in: .whitespaces), accountID: account.id, on: db) else {
                return false
            }
            try await accounts.setPassword(hash: newHash, accountID: account.id, on: db)
            let ended = try await TokenStore().revokeLogins(accountID: account.id, except: "", on: db)
            try await AuditLog.record("account.password_reset", target: ("account", account.id), organizationID: nil,
                                      actor: Actor(accountID: account.id, tokenID: nil), details: ["logins_ended": String(ended)], on: db)
            return true
        }
        guard reset else { throw wrong }
        return .noContent(.init())
    }
}
