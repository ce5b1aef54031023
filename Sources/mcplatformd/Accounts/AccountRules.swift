import Foundation
import Shared

/// What the account operations enforce: lifetimes, attempt limits, and what a valid email and
/// password are.
enum AccountRules {
    /// Login tokens live this long.
    static let loginLifetime: Duration = .seconds(30 * 24 * 3600)
    /// Failed logins allowed per email and per address in a window.
    static let failuresPerEmail = RateLimit(limit: 10, window: .seconds(900))
    static let failuresPerAddress = RateLimit(limit: 50, window: .seconds(900))

    static let emailTaken = APIError(status: .conflict, code: "conflict", message: "an account with this email exists (log in instead)")

    static func validate(password: String, field: String) throws {
        guard password.count >= 8, password.count <= 512 else {
            throw APIError.invalid("a password has 8 to 512 characters", field: field)
        }
    }
}

/// 422 unless `email` looks like an email address.
func validateEmail(_ email: String, field: String = "email") throws {
    let trimmed = email.trimmingCharacters(in: .whitespaces)
    let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
    guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(" ") else {
        throw APIError.invalid("\(field) is not an email address", field: field)
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
