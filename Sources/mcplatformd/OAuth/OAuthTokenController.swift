import Foundation
import Hummingbird

/// `POST /oauth/token` (authorization code with PKCE, refresh with rotation) and
/// `POST /oauth/revoke` (RFC 7009), on each server's origin and path form.
struct OAuthTokenController: Sendable {
    let service: OAuthService

    func addRoutes(to router: Router<AppRequestContext>) {
        for prefix in ["", "s/:slug/"] {
            router.post(RouterPath(prefix + "oauth/token")) { request, context in
                await OAuthJSON.run(service, request, context) { try await token(request, context, $0) }
            }
            router.post(RouterPath(prefix + "oauth/revoke")) { request, context in
                await OAuthJSON.run(service, request, context) { try await revoke(request, context, $0) }
            }
            for path in ["oauth/token", "oauth/revoke"] {
                router.on(RouterPath(prefix + path), method: .options) { _, _ in OAuthJSON.preflight() }
            }
        }
    }

    private func token(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        let form = try await readForm(request, context)
        let client = try await authenticate(request, form, endpoints)
        let issued: IssuedTokens
        switch form.single("grant_type") {
        case "authorization_code": issued = try await exchange(form, client: client, endpoints: endpoints)
        case "refresh_token": issued = try await refresh(form, client: client, endpoints: endpoints)
        case nil: throw OAuthJSONError.invalidRequest("grant_type is required")
        default: throw OAuthJSONError(status: .badRequest, code: "unsupported_grant_type", description: "grant_type must be authorization_code or refresh_token")
        }
        let data = (try? JSONEncoder().encode(issued)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
        return OAuthJSON.response(data)
    }

    /// Where a step ended: tokens, or an error to answer after the transaction committed (so a
    /// revocation it made stays made).
    private enum Outcome: Sendable {
        case issued(IssuedTokens)
        case failed(OAuthJSONError)
        case rotatedMeanwhile
    }

    private func exchange(_ form: QueryParameters, client: OAuthClient, endpoints: OAuthEndpoints) async throws -> IssuedTokens {
        guard let code = form.single("code") else { throw OAuthJSONError.invalidRequest("code is required") }
        guard let redirectURI = form.single("redirect_uri") else { throw OAuthJSONError.invalidRequest("redirect_uri is required") }
        guard let verifier = form.single("code_verifier") else { throw OAuthJSONError.invalidRequest("code_verifier is required (PKCE)") }
        let resource = form.single("resource")
        let now = nowMillis()
        let settings = service.settings
        let outcome = try await service.database.transaction { db -> Outcome in
            switch try await service.codes.use(code, now: now, on: db) {
            case .unknown:
                return .failed(.invalidGrant("unknown authorization code"))
            case .replay(let familyID):
                try await service.tokens.revokeFamily(familyID, now: now, on: db)
                return .failed(.invalidGrant("the authorization code was already used; the tokens issued for it are revoked"))
            case .first(let stored):
                guard stored.expiresAt > now else { return .failed(.invalidGrant("the authorization code expired")) }
                guard stored.serverID == endpoints.server.id, stored.clientID == client.id else {
                    return .failed(.invalidGrant("the authorization code was issued to another client"))
                }
                guard stored.redirectURI == redirectURI else { return .failed(.invalidGrant("redirect_uri is not the one of the authorization request")) }
                if let resource, Self.trimmed(resource) != Self.trimmed(stored.resource) {
                    return .failed(OAuthJSONError(status: .badRequest, code: "invalid_target", description: "resource is not the one of the authorization request"))
                }
                guard PKCE.verify(verifier, challenge: stored.codeChallenge) else { return .failed(.invalidGrant("code_verifier does not match the code_challenge")) }
                guard let grant = try await service.grants.find(stored.grantID, on: db), !grant.revoked else {
                    return .failed(.invalidGrant("access was revoked"))
                }
                return .issued(try await service.tokens.issue(
                    .init(organizationID: grant.organizationID, serverID: grant.serverID, grantID: grant.id, familyID: stored.familyID,
                          clientID: client.id, resource: stored.resource, parentHash: nil), settings: settings, now: now, on: db))
            }
        }
        switch outcome {
        case .issued(let tokens): return tokens
        case .failed(let error):
            service.bearer.forgetAll()
            throw error
        case .rotatedMeanwhile: throw OAuthJSONError.invalidGrant("unknown authorization code")
        }
    }

    private func refresh(_ form: QueryParameters, client: OAuthClient, endpoints: OAuthEndpoints) async throws -> IssuedTokens {
        guard let presented = form.single("refresh_token") else { throw OAuthJSONError.invalidRequest("refresh_token is required") }
        if let resource = form.single("resource"), !endpoints.identifies(resource: resource) {
            throw OAuthJSONError(status: .badRequest, code: "invalid_target", description: "resource is not this server")
        }
        let now = nowMillis()
        let stored = try await valid(presented, client: client, endpoints: endpoints, now: now)
        if let rotatedAt = stored.rotatedAt { return try await replay(stored, rotatedAt: rotatedAt, now: now) }
        return try await service.refreshLocks.withLock(stored.grantID) {
            let current = try await valid(presented, client: client, endpoints: endpoints, now: now)
            if let rotatedAt = current.rotatedAt { return try await replay(current, rotatedAt: rotatedAt, now: now) }
            let upstream = try await refreshedUpstream(grantID: current.grantID, endpoints: endpoints, now: now)
            let box = service.box, settings = service.settings
            let outcome = try await service.database.transaction { db -> Outcome in
                guard try await service.tokens.claimRotation(current.hash, now: now, on: db) else { return .rotatedMeanwhile }
                if let upstream {
                    try await service.grants.updateUpstream(current.grantID, accessSealed: upstream.access, refreshSealed: upstream.refresh,
                                                            expiresAt: upstream.expiresAt, now: now, on: db)
                }
                let issued = try await service.tokens.issue(
                    .init(organizationID: endpoints.server.organizationID, serverID: current.serverID, grantID: current.grantID,
                          familyID: current.familyID, clientID: current.clientID, resource: current.resource, parentHash: current.hash),
                    settings: settings, now: now, on: db)
                let answer = String(decoding: try JSONEncoder().encode(issued), as: UTF8.self)
                try await service.tokens.keepSuccessor(current.hash, sealed: try box.seal(answer, context: OAuthTokenStore.successorContext), on: db)
                return .issued(issued)
            }
            switch outcome {
            case .issued(let tokens): return tokens
            case .failed(let error): throw error
            case .rotatedMeanwhile: return try await replay(current, rotatedAt: now, now: now)
            }
        }
    }

    /// The refresh token `presented`, when it is a live refresh token of this client and server.
    private func valid(_ presented: String, client: OAuthClient, endpoints: OAuthEndpoints, now: EpochMillis) async throws -> StoredToken {
        guard let stored = try await service.database.withConnection({ try await service.tokens.find(token: presented, on: $0) }),
              stored.kind == "refresh", stored.serverID == endpoints.server.id, stored.clientID == client.id else {
            throw OAuthJSONError.invalidGrant("unknown refresh token")
        }
        guard stored.isLive(at: now) else { throw OAuthJSONError.invalidGrant("the refresh token expired or access was revoked") }
        return stored
    }

    /// A rotated refresh token presented again: within the grace window, once, the same answer
    /// as its rotation (a lost response, or a concurrent refresh); otherwise a sign of theft:
    /// every token of its family is revoked.
    private func replay(_ stored: StoredToken, rotatedAt: EpochMillis, now: EpochMillis) async throws -> IssuedTokens {
        let grace = service.settings.refreshGrace.milliseconds
        let box = service.box
        let outcome = try await service.database.transaction { db -> Outcome in
            if now - rotatedAt <= grace, !stored.graceUsed, let sealed = try await service.tokens.claimGrace(stored.hash, on: db),
               let answer = JSONText.decode(IssuedTokens.self, try box.open(sealed, context: OAuthTokenStore.successorContext)) {
                return .issued(answer)
            }
            try await service.tokens.revokeFamily(stored.familyID, now: now, on: db)
            return .failed(.invalidGrant("the refresh token was already used; its tokens are revoked, sign in again"))
        }
        switch outcome {
        case .issued(let tokens): return tokens
        case .failed(let error):
            service.bearer.forgetAll()
            throw error
        case .rotatedMeanwhile: throw OAuthJSONError.invalidGrant("the refresh token was already used")
        }
    }

    /// Refreshed upstream tokens (sealed) when the grant's upstream access token has expired and
    /// the provider gave a refresh token. A provider that refuses ends the grant (`invalid_grant`);
    /// one that cannot be reached is a temporary failure, never `invalid_grant`.
    private func refreshedUpstream(grantID: String, endpoints: OAuthEndpoints,
                                   now: EpochMillis) async throws -> (access: String, refresh: String?, expiresAt: EpochMillis?)? {
        guard let grant = try await service.database.withConnection({ try await service.grants.find(grantID, on: $0) }) else {
            throw OAuthJSONError.invalidGrant("access was revoked")
        }
        let mode = endpoints.server.settings.authMode
        let expected = mode == .platformOAuth ? "platform" : mode == .customOAuth ? "custom" : "collect_email"
        guard grant.provider == expected else { throw OAuthJSONError.invalidGrant("the server's sign-in changed; sign in again") }
        guard let expiresAt = grant.upstreamExpiresAt, expiresAt <= now + 30_000, let sealed = grant.upstreamRefreshSealed else { return nil }
        let box = service.box
        do {
            let provider = try await service.providers.provider(for: endpoints.server)
            let refreshed = try await UpstreamClient.refresh(try box.open(sealed, context: OAuthGrantStore.refreshContext), provider: provider)
            return (try box.seal(refreshed.accessToken, context: OAuthGrantStore.accessContext),
                    try refreshed.refreshToken.map { try box.seal($0, context: OAuthGrantStore.refreshContext) }, refreshed.expiresAt)
        } catch let error as UpstreamError {
            service.logger.warning("upstream refresh failed", metadata: ["grant": .string(grantID), "reason": .string(error.description)])
            guard case .rejected = error else { throw OAuthJSONError.temporarilyUnavailable("the identity provider is unavailable; retry later") }
            try await service.database.transaction { try await service.grants.revoke(grantID, now: now, on: $0) }
            service.bearer.forgetAll()
            throw OAuthJSONError.invalidGrant("the identity provider ended this sign-in; sign in again")
        }
    }

    /// RFC 7009: revokes a token of the calling client (a refresh token with its whole family);
    /// unknown tokens and other clients' tokens are answered 200 all the same.
    private func revoke(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        let form = try await readForm(request, context)
        let client = try await authenticate(request, form, endpoints)
        guard let token = form.single("token") else { throw OAuthJSONError.invalidRequest("token is required") }
        let now = nowMillis()
        try await service.database.transaction { db in
            guard let stored = try await service.tokens.find(token: token, on: db), stored.clientID == client.id,
                  stored.serverID == endpoints.server.id else { return }
            if stored.kind == "refresh" {
                try await service.tokens.revokeFamily(stored.familyID, now: now, on: db)
            } else {
                try await service.tokens.revoke(stored.hash, now: now, on: db)
            }
        }
        service.bearer.forgetAll()
        return OAuthJSON.response([:])
    }

    private func readForm(_ request: Request, _ context: AppRequestContext) async throws -> QueryParameters {
        if let seconds = await service.overLimit(.token, address: context.clientAddress) { throw OAuthJSONError.rateLimited(seconds) }
        guard let body = await FormBody.text(request) else {
            throw OAuthJSONError.invalidRequest("the body must be application/x-www-form-urlencoded, at most \(FormBody.maxBytes) bytes")
        }
        return QueryParameters(body)
    }

    /// The calling client (RFC 6749 §2.3): `client_secret_basic`, `client_secret_post`, or a
    /// public client naming itself; a metadata-document client is always public.
    private func authenticate(_ request: Request, _ form: QueryParameters, _ endpoints: OAuthEndpoints) async throws -> OAuthClient {
        var clientID = form.single("client_id")
        var secret = form.single("client_secret")
        var basic = false
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic ") {
            basic = true
            guard let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                  let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
                throw OAuthJSONError.invalidClient("malformed Basic credentials", basic: true)
            }
            let id = String(text[..<colon]).removingPercentEncoding ?? ""
            guard clientID == nil || clientID == id, secret == nil else { throw OAuthJSONError.invalidClient("two client authentications", basic: true) }
            clientID = id
            secret = String(text[text.index(after: colon)...]).removingPercentEncoding
        }
        guard let clientID, !clientID.isEmpty else { throw OAuthJSONError.invalidClient("client authentication is required (client_id)", basic: basic) }
        if service.clientDocuments.names(clientID) {
            guard secret == nil else { throw OAuthJSONError.invalidClient("metadata-document clients have no secret", basic: basic) }
            return OAuthClient(id: clientID, name: nil, redirectURIs: [], authMethod: .none, secretHash: nil, isMetadataDocument: true)
        }
        let serverID = endpoints.server.id
        guard let client = try await service.database.withConnection({ try await service.clients.find(clientID, serverID: serverID, on: $0) }) else {
            throw OAuthJSONError.invalidClient("unknown client", basic: basic)
        }
        if client.authMethod != .none {
            guard let secret, let expected = client.secretHash,
                  PlatformToken.matches(secret, hash: expected) else {
                throw OAuthJSONError.invalidClient("wrong or missing client secret", basic: basic)
            }
        }
        let now = nowMillis()
        try? await service.database.withConnection { try await service.clients.touch(client.id, now: now, on: $0) }
        return client
    }

    private static func trimmed(_ resource: String) -> String {
        resource.hasSuffix("/") ? String(resource.dropLast()) : resource
    }
}
