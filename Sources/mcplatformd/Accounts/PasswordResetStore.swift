import Foundation
import SQLKit

/// Password-reset codes: 8 random digits, stored only as a SHA-256 hash, valid for
/// `lifetime`, single use, and dead after `maxAttempts` wrong guesses. A new code replaces the
/// account's earlier unused ones.
struct PasswordResetStore: Sendable {
    static let lifetimeSeconds = 900
    static let lifetime: Duration = .seconds(lifetimeSeconds)
    static let maxAttempts = 5

    /// A fresh code for `accountID` (returned once, to be emailed).
    func issue(accountID: String, on db: any SQLDatabase) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = String(format: "%08d", Int.random(in: 0..<100_000_000, using: &generator))
        let now = nowMillis()
        try await db.delete(from: "password_resets").where("account_id", .equal, accountID).where("used_at", .is, SQLLiteral.null).run()
        try await db.insert(into: "password_resets").columns("id", "account_id", "code_hash", "attempts", "created_at", "expires_at")
            .values(SQLBind(Identifier.make("pwr")), SQLBind(accountID), SQLBind(PlatformToken.hash(code)), SQLBind(0), SQLBind(now),
                    SQLBind(now + Self.lifetime.milliseconds))
            .run()
        return code
    }

    /// Uses `code` for `accountID` when it is the account's live code (compared in constant
    /// time); a wrong code counts an attempt. True when the code was right and is now used.
    func redeem(_ code: String, accountID: String, on db: any SQLDatabase) async throws -> Bool {
        let now = nowMillis()
        guard let row = try await db.select().columns("id", "code_hash", "attempts").from("password_resets")
            .where("account_id", .equal, accountID).where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now)
            .orderBy("created_at", .descending).limit(1).first() else { return false }
        let id = try row.decode(column: "id", as: String.self)
        guard try row.decode(column: "attempts", as: Int.self) < Self.maxAttempts else { return false }
        guard PlatformToken.matches(code, hash: try row.decode(column: "code_hash", as: String.self)) else {
            try await db.update("password_resets").set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1")).where("id", .equal, id).run()
            return false
        }
        try await db.update("password_resets").set("used_at", to: now).where("id", .equal, id).run()
        return true
    }
}
