import SQLKit

/// An end user's consent to one client on one server, and the upstream tokens of their sign-in.
struct OAuthGrant: Sendable, Equatable {
    let id: String
    let organizationID: String
    let serverID: String
    let endUserID: String
    let clientID: String
    let provider: String
    let upstreamAccessSealed: String?
    let upstreamRefreshSealed: String?
    let upstreamExpiresAt: EpochMillis?
    let revoked: Bool
}

/// Grants in the database. Upstream tokens are sealed with the key ring (the column is the
/// authenticated context) before they reach a store method.
struct OAuthGrantStore: Sendable {
    static let accessContext = "oauth_grants.upstream_access_token"
    static let refreshContext = "oauth_grants.upstream_refresh_token"

    /// What a sign-in grants: stored as a new grant, or renewing the end user's grant to the same
    /// client on the same server (consent recorded again, revocation lifted).
    struct Signin: Sendable {
        let organizationID: String
        let serverID: String
        let endUserID: String
        let clientID: String
        let clientName: String?
        let provider: String
        let upstreamIssuer: String?
        let upstreamSubject: String?
        let upstreamAccessSealed: String?
        let upstreamRefreshSealed: String?
        let upstreamExpiresAt: EpochMillis?
    }

    func record(_ signin: Signin, now: EpochMillis, on db: any SQLDatabase) async throws -> String {
        let rows = try await db.raw("""
            INSERT INTO oauth_grants (id, organization_id, server_id, end_user_id, client_id, client_name, scope, provider, upstream_issuer,
                upstream_subject, upstream_access_token_sealed, upstream_refresh_token_sealed, upstream_expires_at, consented_at, created_at, updated_at)
            VALUES (\(bind: Identifier.make("grt")), \(bind: signin.organizationID), \(bind: signin.serverID), \(bind: signin.endUserID),
                \(bind: signin.clientID), \(bind: signin.clientName), \(bind: OAuthEndpoints.scope), \(bind: signin.provider), \(bind: signin.upstreamIssuer),
                \(bind: signin.upstreamSubject), \(bind: signin.upstreamAccessSealed), \(bind: signin.upstreamRefreshSealed),
                \(bind: signin.upstreamExpiresAt), \(bind: now), \(bind: now), \(bind: now))
            ON CONFLICT (server_id, end_user_id, client_id) DO UPDATE SET client_name = EXCLUDED.client_name, provider = EXCLUDED.provider,
                upstream_issuer = EXCLUDED.upstream_issuer, upstream_subject = EXCLUDED.upstream_subject,
                upstream_access_token_sealed = EXCLUDED.upstream_access_token_sealed,
                upstream_refresh_token_sealed = EXCLUDED.upstream_refresh_token_sealed, upstream_expires_at = EXCLUDED.upstream_expires_at,
                consented_at = EXCLUDED.consented_at, updated_at = EXCLUDED.updated_at, revoked_at = NULL
            RETURNING id
            """).all()
        guard let id = try rows.first?.decode(column: "id", as: String.self) else { throw StorageError.unavailable("grant vanished after insert") }
        return id
    }

    func find(_ id: String, on db: any SQLDatabase) async throws -> OAuthGrant? {
        guard let row = try await db.select()
            .columns("id", "organization_id", "server_id", "end_user_id", "client_id", "provider", "upstream_access_token_sealed",
                     "upstream_refresh_token_sealed", "upstream_expires_at", "revoked_at")
            .from("oauth_grants").where("id", .equal, id).first() else { return nil }
        return OAuthGrant(
            id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
            serverID: try row.decode(column: "server_id", as: String.self), endUserID: try row.decode(column: "end_user_id", as: String.self),
            clientID: try row.decode(column: "client_id", as: String.self), provider: try row.decode(column: "provider", as: String.self),
            upstreamAccessSealed: try row.decode(column: "upstream_access_token_sealed", as: String?.self),
            upstreamRefreshSealed: try row.decode(column: "upstream_refresh_token_sealed", as: String?.self),
            upstreamExpiresAt: try row.decode(column: "upstream_expires_at", as: EpochMillis?.self),
            revoked: try row.decode(column: "revoked_at", as: EpochMillis?.self) != nil)
    }

    /// Stores refreshed upstream tokens.
    func updateUpstream(_ id: String, accessSealed: String, refreshSealed: String?, expiresAt: EpochMillis?, now: EpochMillis,
                        on db: any SQLDatabase) async throws {
        try await db.update("oauth_grants").set("upstream_access_token_sealed", to: accessSealed)
            .set("upstream_refresh_token_sealed", to: refreshSealed).set("upstream_expires_at", to: expiresAt).set("updated_at", to: now)
            .where("id", .equal, id).run()
    }

    /// Revokes one grant and every token issued under it.
    func revoke(_ id: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("oauth_grants").set("revoked_at", to: now).where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
        try await db.update("oauth_tokens").set("revoked_at", to: now).where("grant_id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// Ends every grant of an end user and the tokens under them (`users revoke-access`):
    /// returns how many grants and live tokens were ended.
    func revokeAll(endUserID: String, organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws -> (grants: Int, tokens: Int) {
        let tokens = try await db.raw("""
            UPDATE oauth_tokens SET revoked_at = \(bind: now)
            WHERE revoked_at IS NULL AND expires_at > \(bind: now) AND grant_id IN (
                SELECT id FROM oauth_grants WHERE end_user_id = \(bind: endUserID) AND organization_id = \(bind: organizationID))
            RETURNING token_hash
            """).all().count
        let grants = try await db.raw("""
            UPDATE oauth_grants SET revoked_at = \(bind: now), upstream_access_token_sealed = NULL, upstream_refresh_token_sealed = NULL
            WHERE end_user_id = \(bind: endUserID) AND organization_id = \(bind: organizationID) AND revoked_at IS NULL
            RETURNING id
            """).all().count
        return (grants, tokens)
    }
}
