import Crypto
import Foundation
import Logging

/// What every OAuth endpoint needs, assembled once by the public router: storage, the server
/// addressing, the settings, the key ring's box and cookie key, the rate limiter, and the
/// upstream providers.
struct OAuthService: Sendable {
    let database: Database
    let addressing: ServerAddressing
    let settings: OAuthSettings
    /// `oauth-allow-insecure-http`: OAuth over plain http (development and tests only).
    let allowInsecureHTTP: Bool
    let box: SecretBox
    let cookieKey: SymmetricKey
    let limiter: any RateLimiter
    let clientDocuments: ClientMetadataDocuments
    let providers: UpstreamProviders
    let webhooks: WebhookPublisher
    let bearer: BearerAuthenticator
    let refreshLocks = KeyedLock()
    let clients = OAuthClientStore()
    let requests = AuthorizationRequestStore()
    let grants = OAuthGrantStore()
    let codes = OAuthCodeStore()
    let tokens = OAuthTokenStore()
    let login = EndUserLogin()
    let logger = Logger(label: "mcplatformd.oauth")

    var publicURL: String { addressing.publicURL.value }
    var cookies: OAuthCookies { OAuthCookies(secure: publicURL.lowercased().hasPrefix("https://"), key: cookieKey) }

    /// Why OAuth is not served here, or nil: the authorization endpoints need https, unless the
    /// operator allowed plain http for development (`oauth-allow-insecure-http`).
    var transportProblem: String? {
        guard !publicURL.lowercased().hasPrefix("https://"), !allowInsecureHTTP else { return nil }
        return "sign-in needs an https public-url (or, for development on loopback only, oauth-allow-insecure-http=true)"
    }

    /// The identifiers and URLs of `addressed`.
    func endpoints(_ addressed: AddressedServer) -> OAuthEndpoints {
        let other: ServerURLForm = addressed.form == .host ? .path : .host
        return OAuthEndpoints(addressed: addressed, otherBase: addressing.base(of: addressed.server.slug, form: other), publicURL: publicURL)
    }

    /// The rate-limited OAuth operations.
    enum Operation: String, Sendable {
        case register, authorize, token
    }

    /// Counts one request of `operation` from `address`; returns the seconds to wait when over the limit.
    func overLimit(_ operation: Operation, address: String) async -> Int? {
        let limit: RateLimit = switch operation {
        case .register: RateLimit(limit: settings.registrationsPerHour, window: .seconds(3600))
        case .authorize: RateLimit(limit: settings.authorizationsPerMinute, window: .seconds(60))
        case .token: RateLimit(limit: settings.tokenRequestsPerMinute, window: .seconds(60))
        }
        guard !limit.isOff, let decision = try? await limiter.hit("oauth:\(operation.rawValue):\(address)", limit), !decision.allowed else { return nil }
        return decision.retryAfterSeconds
    }

    /// The key remembered approvals are signed with: derived from the daemon's secret.
    static func cookieKey(from secret: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data("mcplatform oauth cookies".utf8), outputByteCount: 32)
    }
}

extension OAuthService {
    /// Finishes a sign-in inside one transaction: finds or creates the end user (docs/OAUTH.md
    /// "Rules"), records the grant with the upstream tokens sealed, and announces an end user
    /// whose email just became known. Returns the grant.
    func completeSignIn(_ request: AuthorizationRequest, identity: UpstreamIdentity, provider: String, upstream: UpstreamTokens?,
                        now: EpochMillis) async throws -> String {
        let box = self.box
        let accessSealed = try upstream.map { try box.seal($0.accessToken, context: OAuthGrantStore.accessContext) }
        let refreshSealed = try upstream?.refreshToken.map { try box.seal($0, context: OAuthGrantStore.refreshContext) }
        return try await database.transaction { db in
            let outcome = try await login.endUser(for: identity, organizationID: request.organizationID, now: now, on: db)
            let upstreamIdentity = identity.issuer == EndUserLogin.collectEmailIssuer ? nil : identity
            let grantID = try await grants.record(.init(
                organizationID: request.organizationID, serverID: request.serverID, endUserID: outcome.endUserID, clientID: request.clientID,
                clientName: request.clientName, provider: provider, upstreamIssuer: upstreamIdentity?.issuer, upstreamSubject: upstreamIdentity?.subject,
                upstreamAccessSealed: accessSealed, upstreamRefreshSealed: refreshSealed, upstreamExpiresAt: upstream?.expiresAt), now: now, on: db)
            if let email = outcome.identifiedEmail {
                try await webhooks.publish([.endUserIdentified(outcome.endUserID, email: email, verified: outcome.emailVerified,
                                                               organizationID: request.organizationID, at: now)], on: db)
            }
            return grantID
        }
    }

    /// A new code for `request` under `grantID`, as the redirect to the client (with `state` and `iss`).
    func codeRedirect(_ request: AuthorizationRequest, grantID: String, now: EpochMillis) async throws -> String {
        let code = try await database.transaction { db in
            try await codes.create(.init(organizationID: request.organizationID, serverID: request.serverID, grantID: grantID, clientID: request.clientID,
                                         redirectURI: request.redirectURI, codeChallenge: request.codeChallenge, resource: request.resource),
                                   now: now, on: db)
        }
        return Self.clientRedirect(request.redirectURI, [("code", code)], state: request.clientState, issuer: request.issuer)
    }

    /// The client's redirect URI with response parameters, `state` and `iss` (RFC 9207) appended.
    static func clientRedirect(_ redirectURI: String, _ parameters: [(String, String)], state: String?, issuer: String) -> String {
        var pairs = parameters
        if let state { pairs.append(("state", state)) }
        pairs.append(("iss", issuer))
        return redirectURI + (redirectURI.contains("?") ? "&" : "?") + FormEncoding.encode(pairs)
    }

    /// The redirect that reports `error` to the client of `request`.
    static func errorRedirect(_ request: AuthorizationRequest, _ error: OAuthRedirectError) -> String {
        clientRedirect(request.redirectURI, [("error", error.code), ("error_description", error.description)], state: request.clientState,
                       issuer: request.issuer)
    }
}
