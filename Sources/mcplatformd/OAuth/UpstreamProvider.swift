import Foundation
import NIOHTTP1

/// The identity provider one sign-in goes to: the daemon's platform provider, or the
/// organization's own (`oauth_configs`), with every endpoint resolved.
struct UpstreamProvider: Sendable {
    /// Which kind of provider, as grants record it.
    enum Kind: String, Sendable {
        case platform, custom
    }

    let kind: Kind
    /// What the consent page calls it.
    let name: String
    /// The namespace of its subjects (its OpenID issuer, else the origin of its authorize URL).
    let issuer: String
    let authorizeURL: String
    let tokenURL: String
    let userinfoURL: String?
    let clientID: String
    let clientSecret: String?
    let scopes: String
    /// `client_secret_basic`, `client_secret_post` or `none`.
    let tokenAuthMethod: String
    /// Requests to a customer's provider go through the outbound policy; the operator's do not.
    let policy: OutboundPolicy?
}

/// What an OpenID Connect discovery document says about a provider.
struct DiscoveredProvider: Sendable, Equatable {
    let issuer: String
    let authorizeURL: String
    let tokenURL: String
    let userinfoURL: String?
    let tokenAuthMethods: [String]

    /// The client authentication to use at its token endpoint (basic unless only post is offered).
    func tokenAuthMethod(hasSecret: Bool) -> String {
        guard hasSecret else { return "none" }
        if tokenAuthMethods.isEmpty || tokenAuthMethods.contains("client_secret_basic") { return "client_secret_basic" }
        return tokenAuthMethods.contains("client_secret_post") ? "client_secret_post" : "client_secret_basic"
    }
}

/// Fetches OpenID Connect discovery documents.
enum ProviderDiscovery {
    /// The document at `url`, or at `url/.well-known/openid-configuration` when `url` is an
    /// issuer; it must name an issuer, an authorization and a token endpoint.
    static func fetch(_ url: String, policy: OutboundPolicy?) async throws(OutboundFailure) -> DiscoveredProvider {
        var target = url
        if !target.contains("/.well-known/") {
            target = target.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/.well-known/openid-configuration"
        }
        let response = try await OutboundHTTP.send(.GET, target, headers: [("Accept", "application/json")], policy: policy, timeout: .seconds(10))
        guard response.status == 200 else { throw OutboundFailure(description: "the discovery document \(target) answered HTTP \(response.status)") }
        guard let document = response.jsonObject else { throw OutboundFailure(description: "the discovery document \(target) is not JSON") }
        guard let issuer = document["issuer"] as? String, let authorize = document["authorization_endpoint"] as? String,
              let token = document["token_endpoint"] as? String else {
            throw OutboundFailure(description: "the discovery document \(target) lacks issuer, authorization_endpoint or token_endpoint")
        }
        for endpoint in [authorize, token] where URL(string: endpoint)?.host == nil {
            throw OutboundFailure(description: "the discovery document \(target) names an endpoint that is not a URL: \(endpoint.prefix(100))")
        }
        return DiscoveredProvider(issuer: issuer, authorizeURL: authorize, tokenURL: token, userinfoURL: document["userinfo_endpoint"] as? String,
                                  tokenAuthMethods: document["token_endpoint_auth_methods_supported"] as? [String] ?? [])
    }

    /// The origin of `url` (`https://idp.example.com`), the issuer of providers without discovery.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return url }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
