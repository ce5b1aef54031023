import Foundation

/// Client ID Metadata Documents: a `client_id` that is an https URL names a JSON document
/// describing the client (MCP 2025-11-25 authorization, "Client ID Metadata Documents").
///
/// The document is fetched with a deadline and a size cap, through the outbound policy (no
/// private addresses unless `allow-private-addresses`), validated (its `client_id` is the URL,
/// its redirect URIs are acceptable, it is a public client) and cached for a few minutes.
struct ClientMetadataDocuments: Sendable {
    let policy: OutboundPolicy
    /// Whether plain-http document URLs are accepted (`oauth-allow-insecure-http`, tests only).
    let allowInsecureHTTP: Bool
    private let cache = ExpiringCache<String, OAuthClient>(lifetime: .seconds(300), capacity: 1000)

    static let maxBytes = 16 * 1024

    init(policy: OutboundPolicy, allowInsecureHTTP: Bool) {
        self.policy = policy
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// Whether `clientID` is meant as a metadata document URL (https with a path).
    func names(_ clientID: String) -> Bool {
        guard let components = URLComponents(string: clientID), let scheme = components.scheme?.lowercased() else { return false }
        guard scheme == "https" || (scheme == "http" && allowInsecureHTTP) else { return false }
        return components.host != nil && components.path.count > 1
    }

    /// The client the document at `url` describes; a page error when it cannot be used.
    func client(_ url: String) async throws(OAuthPageError) -> OAuthClient {
        if let cached = cache.value(for: url) { return cached }
        let response: OutboundResponse
        do {
            response = try await OutboundHTTP.send(.GET, url, headers: [("Accept", "application/json")], policy: policy,
                                                   timeout: .seconds(5), maxBytes: Self.maxBytes)
        } catch {
            throw Self.unusable(url, error.description)
        }
        guard response.status == 200 else { throw Self.unusable(url, "it answered HTTP \(response.status)") }
        guard let document = response.jsonObject else { throw Self.unusable(url, "it is not a JSON object") }
        guard document["client_id"] as? String == url else {
            throw Self.unusable(url, "its client_id is not the document's URL")
        }
        guard let redirects = document["redirect_uris"] as? [String], !redirects.isEmpty, redirects.count <= 20 else {
            throw Self.unusable(url, "it lists no redirect_uris")
        }
        if let problem = redirects.lazy.compactMap(RedirectURIRules.problem(with:)).first { throw Self.unusable(url, problem) }
        let method = document["token_endpoint_auth_method"] as? String ?? "none"
        guard method == "none" else {
            throw Self.unusable(url, "token_endpoint_auth_method '\(method.prefix(40))' is not supported here; metadata-document clients are public (none)")
        }
        let name = (document["client_name"] as? String).map { String($0.prefix(200)) }
        let client = OAuthClient(id: url, name: name, redirectURIs: redirects, authMethod: .none, secretHash: nil, isMetadataDocument: true)
        cache.set(client, for: url)
        return client
    }

    private static func unusable(_ url: String, _ reason: String) -> OAuthPageError {
        OAuthPageError(status: .badRequest, title: "Unknown application",
                       message: "The client metadata document \(url.prefix(200)) cannot be used: \(reason).")
    }
}
