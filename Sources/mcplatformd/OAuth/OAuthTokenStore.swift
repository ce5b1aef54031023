import Foundation
import SQLKit

/// A token response (RFC 6749 §5.1).
struct IssuedTokens: Codable, Sendable, Equatable {
    let accessToken: String
    var tokenType = "Bearer"
    let expiresIn: Int64
    let refreshToken: String
    let scope: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", refreshToken = "refresh_token", scope
    }
}

/// A token row as the token endpoint and the MCP endpoint need it.
struct StoredToken: Sendable, Equatable {
    let hash: String
    let kind: String
    let serverID: String
    let grantID: String
    let familyID: String
    let clientID: String
    let resource: String
    let expiresAt: EpochMillis
    let revoked: Bool
    let rotatedAt: EpochMillis?
    let graceUsed: Bool
    /// From the grant: whose token it is, and whether the grant was revoked.
    let endUserID: String
    let grantRevoked: Bool

    func isLive(at now: EpochMillis) -> Bool { !revoked && !grantRevoked && expiresAt > now }
}

/// Access and refresh tokens: opaque, stored only as SHA-256 hashes, bound to one server (their
/// audience) and to the grant they were issued under. Refresh tokens rotate: each use issues a
/// new pair, and the answer is kept sealed for the grace window so a retry gets it once more.
struct OAuthTokenStore: Sendable {
    static let successorContext = "oauth_tokens.successor"

    /// What a new pair is for.
    struct Issue: Sendable {
        let organizationID: String
        let serverID: String
        let grantID: String
        let familyID: String
        let clientID: String
        let resource: String
        let parentHash: String?
    }

    func issue(_ issue: Issue, settings: OAuthSettings, now: EpochMillis, on db: any SQLDatabase) async throws -> IssuedTokens {
        let access = PlatformToken.generate(kind: "mcpat")
        let refresh = PlatformToken.generate(kind: "mcprt")
        let insert = db.insert(into: "oauth_tokens").columns(
            "token_hash", "kind", "organization_id", "server_id", "grant_id", "family_id", "client_id", "resource", "scope", "parent_hash",
            "created_at", "expires_at")
        for (token, kind, lifetime) in [(access, "access", settings.accessTokenTTL), (refresh, "refresh", settings.refreshTokenTTL)] {
            insert.values(SQLBind(token.hash), SQLBind(kind), SQLBind(issue.organizationID), SQLBind(issue.serverID), SQLBind(issue.grantID),
                          SQLBind(issue.familyID), SQLBind(issue.clientID), SQLBind(issue.resource), SQLBind(OAuthEndpoints.scope),
                          SQLBind(kind == "refresh" ? issue.parentHash : nil), SQLBind(now), SQLBind(now + lifetime.milliseconds))
        }
        try await insert.run()
        return IssuedTokens(accessToken: access.secret, expiresIn: settings.accessTokenTTL.milliseconds / 1000, refreshToken: refresh.secret,
                            scope: OAuthEndpoints.scope)
    }

    /// The token whose plaintext is `token`, with its grant's owner and state.
    func find(token: String, on db: any SQLDatabase) async throws -> StoredToken? {
        let rows = try await db.raw("""
            SELECT t.token_hash, t.kind, t.server_id, t.grant_id, t.family_id, t.client_id, t.resource, t.expires_at, t.revoked_at, t.rotated_at,
                   t.grace_used, g.end_user_id, g.revoked_at AS grant_revoked_at
            FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
            WHERE t.token_hash = \(bind: PlatformToken.hash(token))
            """).all()
        guard let row = rows.first else { return nil }
        return StoredToken(
            hash: try row.decode(column: "token_hash", as: String.self), kind: try row.decode(column: "kind", as: String.self),
            serverID: try row.decode(column: "server_id", as: String.self), grantID: try row.decode(column: "grant_id", as: String.self),
            familyID: try row.decode(column: "family_id", as: String.self), clientID: try row.decode(column: "client_id", as: String.self),
            resource: try row.decode(column: "resource", as: String.self), expiresAt: try row.decode(column: "expires_at", as: EpochMillis.self),
            revoked: try row.decode(column: "revoked_at", as: EpochMillis?.self) != nil,
            rotatedAt: try row.decode(column: "rotated_at", as: EpochMillis?.self), graceUsed: try row.decode(column: "grace_used", as: Bool.self),
            endUserID: try row.decode(column: "end_user_id", as: String.self),
            grantRevoked: try row.decode(column: "grant_revoked_at", as: EpochMillis?.self) != nil)
    }

    /// Marks a refresh token rotated; false when another request rotated (or revoked) it first.
    func claimRotation(_ hash: String, now: EpochMillis, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("""
            UPDATE oauth_tokens SET rotated_at = \(bind: now)
            WHERE token_hash = \(bind: hash) AND rotated_at IS NULL AND revoked_at IS NULL RETURNING token_hash
            """).all().isEmpty
    }

    /// Keeps the answer of a rotation (sealed) for the grace window.
    func keepSuccessor(_ hash: String, sealed: String, on db: any SQLDatabase) async throws {
        try await db.update("oauth_tokens").set("successor_sealed", to: sealed).where("token_hash", .equal, hash).run()
    }

    /// The kept answer of a rotated token, handed out at most once more.
    func claimGrace(_ hash: String, on db: any SQLDatabase) async throws -> String? {
        let rows = try await db.raw("""
            UPDATE oauth_tokens SET grace_used = \(bind: true)
            WHERE token_hash = \(bind: hash) AND grace_used = \(bind: false) AND successor_sealed IS NOT NULL AND revoked_at IS NULL
            RETURNING successor_sealed
            """).all()
        return try rows.first?.decode(column: "successor_sealed", as: String?.self)
    }

    /// Revokes every token descended from one authorization code.
    func revokeFamily(_ familyID: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("oauth_tokens").set("revoked_at", to: now).set(SQLIdentifier("successor_sealed"), to: SQLLiteral.null)
            .where("family_id", .equal, familyID).where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// Revokes one token.
    func revoke(_ hash: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("oauth_tokens").set("revoked_at", to: now).where("token_hash", .equal, hash).where("revoked_at", .is, SQLLiteral.null).run()
    }
}
