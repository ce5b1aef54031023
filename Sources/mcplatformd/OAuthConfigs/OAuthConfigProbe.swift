import Foundation
import NIOHTTP1
import Shared

/// Checks an OAuth config against its provider: fetches the discovery document (and takes the
/// endpoints from it), or checks that explicit endpoints answer HTTP at all. Used when a config
/// is created or changed (a failed check refuses the change) and by `oauth-configs test`.
struct OAuthConfigProbe: Sendable {
    let policy: OutboundPolicy
    /// Whether plain-http provider URLs are accepted (`oauth-allow-insecure-http`, tests only).
    let allowInsecureHTTP: Bool

    /// Why `url` cannot be a provider URL, or nil.
    func problem(with url: String) -> String? {
        let parsed: URL
        do {
            parsed = try OutboundPolicy.validate(url)
            try policy.checkLiteral(parsed)
        } catch {
            return "\(url.prefix(200)): \(error.description)"
        }
        if parsed.scheme?.lowercased() != "https" && !allowInsecureHTTP {
            return "\(url.prefix(200)): identity provider URLs must be https"
        }
        return nil
    }

    /// Runs the checks, updating `config` with what discovery found; returns each check.
    func probe(_ config: inout APIOAuthConfig) async -> [APIOAuthConfigCheck] {
        if let discovery = config.discoveryUrl {
            do {
                let found = try await ProviderDiscovery.fetch(discovery, policy: policy)
                for endpoint in [found.authorizeURL, found.tokenURL] + (found.userinfoURL.map { [$0] } ?? []) {
                    if let problem = problem(with: endpoint) { return [.init(name: "discovery", ok: false, detail: problem)] }
                }
                config.issuer = found.issuer
                config.authorizeUrl = found.authorizeURL
                config.tokenUrl = found.tokenURL
                config.userinfoUrl = found.userinfoURL
                config.tokenAuthMethod = found.tokenAuthMethod(hasSecret: config.hasClientSecret)
                config.checkedAt = Date()
                let endpoints = found.userinfoURL == nil ? "authorization and token endpoints (no userinfo: identities come from ID tokens)"
                    : "authorization, token and userinfo endpoints"
                return [.init(name: "discovery", ok: true, detail: "issuer \(found.issuer); \(endpoints)")]
            } catch {
                return [.init(name: "discovery", ok: false, detail: error.description)]
            }
        }
        config.issuer = ProviderDiscovery.origin(of: config.authorizeUrl)
        config.tokenAuthMethod = config.hasClientSecret ? "client_secret_basic" : "none"
        var checks = [await reach("authorize_url", .GET, config.authorizeUrl), await reach("token_url", .POST, config.tokenUrl)]
        if let userinfo = config.userinfoUrl { checks.append(await reach("userinfo_url", .GET, userinfo)) }
        if checks.allSatisfy(\.ok) { config.checkedAt = Date() }
        return checks
    }

    /// Whether the endpoint answers HTTP below 500 (an empty token request gets a 400: reachable).
    private func reach(_ name: String, _ method: HTTPMethod, _ url: String) async -> APIOAuthConfigCheck {
        do {
            let response = try await OutboundHTTP.send(method, url, form: method == .POST ? [] : nil, policy: policy, timeout: .seconds(10),
                                                       maxBytes: 64 * 1024)
            guard response.status < 500 else { return .init(name: name, ok: false, detail: "\(url) answered HTTP \(response.status)") }
            return .init(name: name, ok: true, detail: "\(url) answered HTTP \(response.status)")
        } catch {
            return .init(name: name, ok: false, detail: error.description)
        }
    }
}
