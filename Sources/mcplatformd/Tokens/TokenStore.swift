import Foundation
import Shared
import SQLKit

/// Who a bearer token speaks for (docs/ARCHITECTURE.md).
struct Principal: Sendable, Equatable {
    /// A login token speaks for an account in each of its organizations; an API token for one
    /// organization with one role.
    enum Kind: String, Sendable { case login, api }

    let tokenID: String
    let kind: Kind
    let accountID: String?
    /// Set for API tokens only.
    let organizationID: String?
    /// Set for API tokens only.
    let role: Role?
}

/// A token just issued: the secret is shown once and never stored.
struct IssuedToken: Sendable {
    let id: String
    let secret: String
    let displayPrefix: String
}

/// Platform tokens (login and API tokens) stored as SHA-256 hashes.
struct TokenStore: Sendable {
    /// Visible prefixes: `mcpt_…` API tokens, `mcpl_…` login tokens.
    static let apiPrefix = "mcpt"
    static let loginPrefix = "mcpl"
    /// `last_used_at` is written at most this often per token, to keep reads read-only.
    static let lastUsedResolution: EpochMillis = 60_000

    /// Issues an API token of one organization.
    func issueAPIToken(name: String, organizationID: String, role: Role, createdBy accountID: String?,
                       expiresAt: EpochMillis? = nil, on db: any SQLDatabase) async throws -> IssuedToken {
        try await insert(kind: .api, prefix: Self.apiPrefix, name: name, accountID: accountID, organizationID: organizationID,
                         role: role, expiresAt: expiresAt, on: db)
    }

    /// Issues a login token of an account, valid for `lifetime`.
    func issueLoginToken(accountID: String, lifetime: Duration, on db: any SQLDatabase) async throws -> IssuedToken {
        try await insert(kind: .login, prefix: Self.loginPrefix, name: "login", accountID: accountID, organizationID: nil,
                         role: nil, expiresAt: nowMillis() + lifetime.milliseconds, on: db)
    }

    /// The principal of `secret`, or nil when it is unknown, revoked or expired.
    ///
    /// An API token speaks with the lower of its own role and its creator's current role in
    /// the organization, so that no privilege outlives a demotion; a token whose creator is no
    /// longer a member speaks for nobody (removal also revokes it).
    func authenticate(_ secret: String, database: Database, now: EpochMillis = nowMillis()) async throws -> Principal? {
        let hash = PlatformToken.hash(secret)
        return try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT t.id, t.kind, t.account_id, t.organization_id, t.role, t.expires_at, t.revoked_at, t.last_used_at,
                       m.role AS member_role
                FROM api_tokens t
                LEFT JOIN memberships m ON m.account_id = t.account_id AND m.organization_id = t.organization_id
                WHERE t.token_hash = \(bind: hash)
                """).first() else { return nil }
            guard try row.decode(column: "revoked_at", as: EpochMillis?.self) == nil else { return nil }
            if let expiresAt = try row.decode(column: "expires_at", as: EpochMillis?.self), expiresAt <= now { return nil }
            let id = try row.decode(column: "id", as: String.self)
            if (try row.decode(column: "last_used_at", as: EpochMillis?.self) ?? 0) < now - Self.lastUsedResolution {
                try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: id)").run()
            }
            let kind = Principal.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .api
            let accountID = try row.decode(column: "account_id", as: String?.self)
            var role = try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:))
            if kind == .api, accountID != nil {
                guard let memberRole = try row.decode(column: "member_role", as: String?.self).flatMap(Role.init(rawValue:)) else { return nil }
                role = role.map { min($0, memberRole) }
            }
            return Principal(tokenID: id, kind: kind, accountID: accountID,
                             organizationID: try row.decode(column: "organization_id", as: String?.self), role: role)
        }
    }

    /// Revokes a live API token of `organizationID`; false when there is none there.
    func revoke(id: String, organizationID: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: nowMillis())
            WHERE id = \(bind: id) AND organization_id = \(bind: organizationID) AND revoked_at IS NULL
            RETURNING id
            """).all().isEmpty
    }

    /// Revokes every live login token of `accountID` but `keep`; returns how many.
    func revokeLogins(accountID: String, except keep: String, on db: any SQLDatabase) async throws -> Int {
        try await db.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: nowMillis())
            WHERE kind = 'login' AND account_id = \(bind: accountID) AND id <> \(bind: keep) AND revoked_at IS NULL
            RETURNING id
            """).all().count
    }

    /// Revokes a live login token of `accountID` (logout); false when there is none.
    func revokeLogin(id: String, accountID: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: nowMillis())
            WHERE id = \(bind: id) AND kind = 'login' AND account_id = \(bind: accountID) AND revoked_at IS NULL
            RETURNING id
            """).all().isEmpty
    }

    static let apiColumns = ["id", "name", "prefix", "role", "created_at", "last_used_at", "expires_at", "revoked_at"]

    /// A page of the organization's API tokens (never login tokens), with their creation times.
    func list(organizationID: String, page: Pagination, on db: any SQLDatabase) async throws -> [(APIToken, EpochMillis)] {
        let rows = try await page.apply(to: db.select().columns(Self.apiColumns.map { SQLIdentifier($0) }).from("api_tokens")
            .where("organization_id", .equal, organizationID).where("kind", .equal, "api"), table: "api_tokens").all()
        return try rows.map { (try Self.apiToken($0), try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    /// One API token as the admin API shows it.
    func apiToken(id: String, on db: any SQLDatabase) async throws -> APIToken? {
        try await db.select().columns(Self.apiColumns.map { SQLIdentifier($0) }).from("api_tokens").where("id", .equal, id).first()
            .map(Self.apiToken)
    }

    /// The ids of the organization's live API tokens with this id or name, newest first.
    func liveAPITokenIDs(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> [String] {
        try await db.raw("""
            SELECT id FROM api_tokens WHERE organization_id = \(bind: organizationID) AND kind = 'api' AND revoked_at IS NULL
              AND (id = \(bind: reference) OR name = \(bind: reference))
            ORDER BY created_at DESC
            """).all().map { try $0.decode(column: "id", as: String.self) }
    }

    static func apiToken(_ row: any SQLRow) throws -> APIToken {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: EpochMillis?.self).map(Date.init(epochMillis:)) }
        return APIToken(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                        prefix: try row.decode(column: "prefix", as: String.self),
                        role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
                        createdAt: try date("created_at") ?? Date(), lastUsedAt: try date("last_used_at"),
                        expiresAt: try date("expires_at"), revokedAt: try date("revoked_at"))
    }

    private func insert(kind: Principal.Kind, prefix: String, name: String, accountID: String?, organizationID: String?,
                        role: Role?, expiresAt: EpochMillis?, on db: any SQLDatabase) async throws -> IssuedToken {
        let token = PlatformToken.generate(kind: prefix)
        let issued = IssuedToken(id: Identifier.make("tok"), secret: token.secret, displayPrefix: token.displayPrefix)
        try await db.raw("""
            INSERT INTO api_tokens (id, kind, account_id, organization_id, name, role, prefix, token_hash, created_at, expires_at)
            VALUES (\(bind: issued.id), \(bind: kind.rawValue), \(bind: accountID), \(bind: organizationID), \(bind: name),
                    \(bind: role?.rawValue), \(bind: issued.displayPrefix), \(bind: token.hash), \(bind: nowMillis()), \(bind: expiresAt))
            """).run()
        return issued
    }
}
