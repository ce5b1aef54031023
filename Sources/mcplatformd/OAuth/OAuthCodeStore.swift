import SQLKit

/// An authorization code as stored (only its hash), with what it was issued for.
struct OAuthCode: Sendable, Equatable {
    let serverID: String
    let grantID: String
    let clientID: String
    let redirectURI: String
    let codeChallenge: String
    let resource: String
    let scope: String
    let familyID: String
    let expiresAt: EpochMillis
}

/// Authorization codes: single use, short-lived, stored as hashes. A code presented twice
/// revokes the tokens its first use issued (RFC 6749 §4.1.2).
struct OAuthCodeStore: Sendable {
    static let lifetime: EpochMillis = 120_000

    /// What a code is for: everything the token request must match.
    struct Issue: Sendable {
        let organizationID: String
        let serverID: String
        let grantID: String
        let clientID: String
        let redirectURI: String
        let codeChallenge: String
        let resource: String
    }

    /// A new code; returns its plaintext (the only copy).
    func create(_ issue: Issue, now: EpochMillis, on db: any SQLDatabase) async throws -> String {
        let code = PlatformToken.generate(kind: "mcpcode")
        try await db.insert(into: "oauth_codes")
            .columns("code_hash", "organization_id", "server_id", "grant_id", "client_id", "redirect_uri", "code_challenge", "resource", "scope",
                     "family_id", "created_at", "expires_at")
            .values(SQLBind(code.hash), SQLBind(issue.organizationID), SQLBind(issue.serverID), SQLBind(issue.grantID), SQLBind(issue.clientID),
                    SQLBind(issue.redirectURI), SQLBind(issue.codeChallenge), SQLBind(issue.resource), SQLBind(OAuthEndpoints.scope),
                    SQLBind(Identifier.make("fam")), SQLBind(now), SQLBind(now + Self.lifetime))
            .run()
        return code.secret
    }

    /// What happened when a code was presented.
    enum Use: Sendable, Equatable {
        case first(OAuthCode)
        /// Already used: the family its first use started.
        case replay(familyID: String)
        case unknown
    }

    /// Marks the code used, atomically: of concurrent uses exactly one is `first`.
    func use(_ code: String, now: EpochMillis, on db: any SQLDatabase) async throws -> Use {
        let hash = PlatformToken.hash(code)
        let rows = try await db.raw("""
            UPDATE oauth_codes SET used_at = \(bind: now) WHERE code_hash = \(bind: hash) AND used_at IS NULL
            RETURNING server_id, grant_id, client_id, redirect_uri, code_challenge, resource, scope, family_id, expires_at
            """).all()
        if let row = rows.first {
            return .first(OAuthCode(
                serverID: try row.decode(column: "server_id", as: String.self), grantID: try row.decode(column: "grant_id", as: String.self),
                clientID: try row.decode(column: "client_id", as: String.self), redirectURI: try row.decode(column: "redirect_uri", as: String.self),
                codeChallenge: try row.decode(column: "code_challenge", as: String.self), resource: try row.decode(column: "resource", as: String.self),
                scope: try row.decode(column: "scope", as: String.self), familyID: try row.decode(column: "family_id", as: String.self),
                expiresAt: try row.decode(column: "expires_at", as: EpochMillis.self)))
        }
        if let family = try await db.select().column("family_id").from("oauth_codes").where("code_hash", .equal, hash).first() {
            return .replay(familyID: try family.decode(column: "family_id", as: String.self))
        }
        return .unknown
    }
}
