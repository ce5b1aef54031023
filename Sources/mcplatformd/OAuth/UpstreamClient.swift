import Foundation
import NIOHTTP1
import Shared

/// Tokens an upstream provider issued to the daemon.
struct UpstreamTokens: Sendable, Equatable {
    let accessToken: String
    let refreshToken: String?
    let expiresAt: EpochMillis?
    let idToken: String?
}

/// Who signed in, as the upstream provider says.
struct UpstreamIdentity: Sendable, Equatable {
    let issuer: String
    let subject: String
    let email: String?
    let emailVerified: Bool
    let name: String?
}

/// Why the upstream provider gave no tokens or identity: it refused (the grant is gone), or it
/// could not be reached (try again later; the grant may still be good).
enum UpstreamError: Error, Sendable, CustomStringConvertible {
    case rejected(String)
    case unavailable(String)

    var description: String {
        switch self {
        case .rejected(let reason): "the identity provider refused: \(reason)"
        case .unavailable(let reason): "the identity provider is unavailable: \(reason)"
        }
    }
}

/// The daemon as an OAuth client of an upstream provider: code exchange (with PKCE), refresh,
/// and the identity behind a token.
enum UpstreamClient {
    static func exchange(code: String, verifier: String, redirectURI: String, provider: UpstreamProvider) async throws(UpstreamError) -> UpstreamTokens {
        try await tokenRequest([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)],
                               provider: provider)
    }

    static func refresh(_ refreshToken: String, provider: UpstreamProvider) async throws(UpstreamError) -> UpstreamTokens {
        let tokens = try await tokenRequest([("grant_type", "refresh_token"), ("refresh_token", refreshToken)], provider: provider)
        // A provider that does not rotate keeps the old refresh token valid.
        return UpstreamTokens(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? refreshToken, expiresAt: tokens.expiresAt,
                              idToken: tokens.idToken)
    }

    /// The identity behind `tokens`: from the userinfo endpoint when there is one, else from the
    /// ID token's claims (received straight from the token endpoint over the connection the
    /// daemon opened, which OpenID Connect Core §3.1.3.7 accepts in place of its signature).
    static func identity(_ tokens: UpstreamTokens, provider: UpstreamProvider) async throws(UpstreamError) -> UpstreamIdentity {
        var claims: [String: Any] = [:]
        if let idToken = tokens.idToken, let payload = Self.jwtPayload(idToken) { claims = payload }
        if let userinfo = provider.userinfoURL {
            let response = try await send(.GET, userinfo, headers: [("Authorization", "Bearer " + tokens.accessToken), ("Accept", "application/json")],
                                          form: nil, provider: provider)
            guard response.status == 200, let info = response.jsonObject else {
                throw response.status >= 500 ? .unavailable("userinfo answered HTTP \(response.status)") : .rejected("userinfo answered HTTP \(response.status)")
            }
            if let idSubject = claims["sub"] as? String, let infoSubject = info["sub"] as? String, idSubject != infoSubject {
                throw .rejected("the userinfo subject is not the ID token's")
            }
            claims.merge(info) { $1 }
        }
        let subject = (claims["sub"] as? String) ?? (claims["sub"] as? NSNumber)?.stringValue ?? (claims["id"] as? NSNumber)?.stringValue
        guard let subject, !subject.isEmpty else { throw .rejected("no subject (sub) in the identity") }
        let email = (claims["email"] as? String).flatMap { $0.isEmpty ? nil : String($0.prefix(254)) }
        let verified = (claims["email_verified"] as? Bool) ?? ((claims["email_verified"] as? String) == "true")
        return UpstreamIdentity(issuer: provider.issuer, subject: String(subject.prefix(255)), email: email, emailVerified: email != nil && verified,
                                name: (claims["name"] as? String).map { String($0.prefix(200)) })
    }

    private static func tokenRequest(_ parameters: [(String, String)], provider: UpstreamProvider) async throws(UpstreamError) -> UpstreamTokens {
        var form = parameters
        var headers = [("Accept", "application/json")]
        switch provider.tokenAuthMethod {
        case "client_secret_basic" where provider.clientSecret != nil:
            let credentials = FormEncoding.escape(provider.clientID) + ":" + FormEncoding.escape(provider.clientSecret ?? "")
            headers.append(("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString()))
        case "client_secret_post" where provider.clientSecret != nil:
            form += [("client_id", provider.clientID), ("client_secret", provider.clientSecret ?? "")]
        default:
            form.append(("client_id", provider.clientID))
        }
        let started = nowMillis()
        let response = try await send(.POST, provider.tokenURL, headers: headers, form: form, provider: provider)
        let body = response.jsonObject
        guard response.status == 200, let body, let access = body["access_token"] as? String, !access.isEmpty else {
            let code = body?["error"] as? String ?? "HTTP \(response.status)"
            if response.status >= 500 || response.status == 429 { throw .unavailable("the token endpoint answered \(code)") }
            throw .rejected("the token endpoint answered \(code.prefix(100))")
        }
        return UpstreamTokens(accessToken: access, refreshToken: body["refresh_token"] as? String,
                              expiresAt: Self.expiry(body["expires_in"], from: started), idToken: body["id_token"] as? String)
    }

    /// When upstream tokens that live `expiresIn` seconds (a number or a numeric string, as
    /// providers send it) expire, counted from `started`. A lifetime beyond ten years, negative,
    /// fractional or not a number is read as "no expiry given": the provider is input, and its
    /// number must not reach an overflowing multiplication.
    static func expiry(_ expiresIn: Any?, from started: EpochMillis) -> EpochMillis? {
        let seconds: Int64?
        switch expiresIn {
        case let text as String: seconds = Int64(text)
        case let number as NSNumber: seconds = Int64(exactly: number.doubleValue)
        default: seconds = nil
        }
        guard let seconds, (0...TimeSpec.maxSeconds).contains(seconds) else { return nil }
        return started + seconds * 1000
    }

    private static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)], form: [(String, String)]?,
                             provider: UpstreamProvider) async throws(UpstreamError) -> OutboundResponse {
        do {
            return try await OutboundHTTP.send(method, url, headers: headers, form: form, policy: provider.policy, timeout: .seconds(10))
        } catch {
            throw .unavailable(error.description)
        }
    }

    /// The claims of a JWT, unverified.
    static func jwtPayload(_ token: String) -> [String: Any]? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var text = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
