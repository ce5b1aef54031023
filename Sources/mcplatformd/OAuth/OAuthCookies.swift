import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Shared

/// The cookies of the browser steps (docs/OAUTH.md "Rules"): the browser binding (a random value
/// whose hash the authorization request stores, so only the browser that started a sign-in can
/// finish it) and remembered approvals (HMACs of server, client and redirect URI, so a browser
/// that approved a client once is not asked again). `HttpOnly`, `SameSite=Lax`, and on https
/// `Secure` with the `__Host-` prefix; plain names over http (development and tests only).
struct OAuthCookies: Sendable {
    /// Whether the public URL is https.
    let secure: Bool
    /// Signs remembered approvals; derived from the daemon's current key.
    let key: SymmetricKey

    static let maxApprovals = 25
    static let approvalLifetime = 180 * 86_400

    var bindingName: String { secure ? "__Host-mcp_oauth_binding" : "mcp_oauth_binding" }
    var consentName: String { secure ? "__Host-mcp_oauth_consent" : "mcp_oauth_consent" }
    /// The browser's own identity on this origin (`collect_email`): what a person holds, as
    /// opposed to an email anyone can type.
    var browserName: String { secure ? "__Host-mcp_browser" : "mcp_browser" }
    static let browserLifetime = 365 * 86_400

    /// The cookies a request carries.
    static func parse(_ request: Request) -> [String: String] {
        var cookies: [String: String] = [:]
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                cookies[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return cookies
    }

    /// The request's browser-binding value, when it carries a well-formed one.
    func binding(in request: Request) -> String? {
        guard let value = Self.parse(request)[bindingName], value.hasPrefix("mcpb_"), value.count == 48 else { return nil }
        return value
    }

    /// The request's browser identity, when it carries a well-formed one.
    func browser(in request: Request) -> String? {
        guard let value = Self.parse(request)[browserName], value.hasPrefix("mcpv_"), value.count == 48 else { return nil }
        return value
    }

    /// The identity subject of `browser` in one organization: keyed, so that the same browser
    /// is a different subject in each organization and the cookie's value is never stored.
    func browserSubject(_ browser: String, organizationID: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("browser\u{0}\(organizationID)\u{0}\(browser)".utf8), using: key)
        return "browser:" + Hex.lowercase(Data(mac))
    }

    /// Whether the request's browser is the one whose binding hash is `hash`.
    func isBound(_ request: Request, to hash: String) -> Bool {
        guard let value = binding(in: request) else { return false }
        return PlatformToken.matches(value, hash: hash)
    }

    /// A `Set-Cookie` value for this daemon's cookies.
    func setCookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The mark of one approval: server, client and redirect URI, signed.
    func approval(serverID: String, clientID: String, redirectURI: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("approve\u{0}\(serverID)\u{0}\(clientID)\u{0}\(redirectURI)".utf8), using: key)
        return Hex.lowercase(Data(mac).prefix(16))
    }

    func approvals(in request: Request) -> [String] {
        (Self.parse(request)[consentName] ?? "").split(separator: ".").map(String.init).filter { $0.count == 32 }
    }

    /// Whether the request's browser approved this client and redirect URI on this server before.
    func remembers(_ request: Request, serverID: String, clientID: String, redirectURI: String) -> Bool {
        approvals(in: request).contains(approval(serverID: serverID, clientID: clientID, redirectURI: redirectURI))
    }

    /// The consent cookie with one more approval (the oldest dropped beyond 25).
    func remembering(_ request: Request, serverID: String, clientID: String, redirectURI: String) -> String {
        let mark = approval(serverID: serverID, clientID: clientID, redirectURI: redirectURI)
        let kept = Array((approvals(in: request).filter { $0 != mark } + [mark]).suffix(Self.maxApprovals))
        return setCookie(consentName, kept.joined(separator: "."), maxAge: Self.approvalLifetime)
    }
}
