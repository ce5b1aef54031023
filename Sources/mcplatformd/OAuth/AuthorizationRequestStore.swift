import SQLKit

/// An authorization request in flight: what the client asked for, bound to the browser that
/// asked (a cookie whose hash is stored) and to its consent form (a CSRF token, hashed too).
/// Each step moves it one stage on, once: consent → upstream → callback (→ resume) → done.
struct AuthorizationRequest: Sendable, Equatable {
    let id: String
    let organizationID: String
    let serverID: String
    let clientID: String
    let clientName: String?
    let redirectURI: String
    let clientState: String?
    let codeChallenge: String
    let resource: String
    let issuer: String
    /// The server's base URL in the form the flow started on (where it resumes).
    let baseURL: String
    var browserHash: String
    var csrfHash: String
    let stage: String
    let upstreamVerifierSealed: String?
    let grantID: String?
    let expiresAt: EpochMillis
}

/// Authorization requests in the database: every stage change is a conditional update, so a
/// step replayed (a second callback, a resubmitted form) finds nothing to move.
struct AuthorizationRequestStore: Sendable {
    static let lifetime: EpochMillis = 10 * 60 * 1000
    static let verifierContext = "oauth_authorization_requests.upstream_verifier"
    private static let columns = ["id", "organization_id", "server_id", "client_id", "client_name", "redirect_uri", "client_state",
                                  "code_challenge", "resource", "issuer", "base_url", "browser_hash", "csrf_hash", "stage",
                                  "upstream_verifier_sealed", "grant_id", "expires_at"]

    func insert(_ request: AuthorizationRequest, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.insert(into: "oauth_authorization_requests")
            .columns(Self.columns + ["scope", "created_at"])
            .values(SQLBind(request.id), SQLBind(request.organizationID), SQLBind(request.serverID), SQLBind(request.clientID),
                    SQLBind(request.clientName), SQLBind(request.redirectURI), SQLBind(request.clientState), SQLBind(request.codeChallenge),
                    SQLBind(request.resource), SQLBind(request.issuer), SQLBind(request.baseURL), SQLBind(request.browserHash),
                    SQLBind(request.csrfHash), SQLBind(request.stage), SQLBind(request.upstreamVerifierSealed), SQLBind(request.grantID),
                    SQLBind(request.expiresAt), SQLBind(OAuthEndpoints.scope), SQLBind(now))
            .run()
    }

    /// The live request `id` at `stage`.
    func find(_ id: String, stage: String, now: EpochMillis, on db: any SQLDatabase) async throws -> AuthorizationRequest? {
        guard id.count <= 64 else { return nil }
        return try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("oauth_authorization_requests")
            .where("id", .equal, id).where("stage", .equal, stage).where("expires_at", .greaterThan, now)
            .first().map(Self.request)
    }

    /// Moves request `id` from `stage` on (setting the given columns); false when it was not there.
    func advance(_ id: String, from stage: String, to next: String, set values: [(String, (any Encodable & Sendable)?)] = [],
                 now: EpochMillis, on db: any SQLDatabase) async throws -> Bool {
        let update = db.update("oauth_authorization_requests").set("stage", to: next)
        for (column, value) in values {
            if let value { update.set(column, to: value) } else { update.set(SQLIdentifier(column), to: SQLLiteral.null) }
        }
        return try await !update.where("id", .equal, id).where("stage", .equal, stage).where("expires_at", .greaterThan, now)
            .returning("id").all().isEmpty
    }

    /// Takes the live request named by a single-use secret (`column` holds its hash) out of
    /// `stage` into `next`, atomically; nil when there is none (unknown, used or expired).
    func take(by column: String, secret: String, stage: String, next: String, now: EpochMillis, on db: any SQLDatabase) async throws -> AuthorizationRequest? {
        let rows = try await db.update("oauth_authorization_requests").set("stage", to: next)
            .set(SQLIdentifier(column), to: SQLLiteral.null)
            .where(SQLIdentifier(column), .equal, PlatformToken.hash(secret)).where("stage", .equal, stage).where("expires_at", .greaterThan, now)
            .returning(Self.columns.map { SQLIdentifier($0) }).all()
        return try rows.first.map(Self.request)
    }

    private static func request(_ row: any SQLRow) throws -> AuthorizationRequest {
        AuthorizationRequest(
            id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
            serverID: try row.decode(column: "server_id", as: String.self), clientID: try row.decode(column: "client_id", as: String.self),
            clientName: try row.decode(column: "client_name", as: String?.self), redirectURI: try row.decode(column: "redirect_uri", as: String.self),
            clientState: try row.decode(column: "client_state", as: String?.self),
            codeChallenge: try row.decode(column: "code_challenge", as: String.self), resource: try row.decode(column: "resource", as: String.self),
            issuer: try row.decode(column: "issuer", as: String.self), baseURL: try row.decode(column: "base_url", as: String.self),
            browserHash: try row.decode(column: "browser_hash", as: String.self), csrfHash: try row.decode(column: "csrf_hash", as: String.self),
            stage: try row.decode(column: "stage", as: String.self),
            upstreamVerifierSealed: try row.decode(column: "upstream_verifier_sealed", as: String?.self),
            grantID: try row.decode(column: "grant_id", as: String?.self), expiresAt: try row.decode(column: "expires_at", as: EpochMillis.self))
    }
}
