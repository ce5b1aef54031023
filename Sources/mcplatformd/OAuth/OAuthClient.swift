import Foundation

/// A client of the daemon's authorization server: registered dynamically at one hosted server
/// (RFC 7591), or described by the Client ID Metadata Document its https `client_id` names.
struct OAuthClient: Sendable, Equatable {
    /// How a client authenticates at the token endpoint.
    enum AuthMethod: String, Sendable, CaseIterable {
        case none
        case clientSecretPost = "client_secret_post"
        case clientSecretBasic = "client_secret_basic"
    }

    let id: String
    let name: String?
    let redirectURIs: [String]
    let authMethod: AuthMethod
    /// SHA-256 of the client secret the daemon issued (confidential clients only).
    let secretHash: String?
    /// Whether `id` is the URL of a Client ID Metadata Document.
    let isMetadataDocument: Bool

    /// What the consent page calls the client: its name, else the host of its id.
    var displayName: String { name ?? URL(string: id)?.host ?? id }

    /// The registered redirect URI that `uri` matches exactly, or — for loopback http URIs of
    /// native clients (RFC 8252 §7.3) — in everything but the port.
    func matchingRedirect(_ uri: String) -> String? {
        if redirectURIs.contains(uri) { return uri }
        guard let given = URLComponents(string: uri), RedirectURIRules.isLoopbackHTTP(given) else { return nil }
        for registered in redirectURIs {
            guard let candidate = URLComponents(string: registered), RedirectURIRules.isLoopbackHTTP(candidate) else { continue }
            if candidate.host == given.host, candidate.percentEncodedPath == given.percentEncodedPath,
               candidate.percentEncodedQuery == given.percentEncodedQuery {
                return uri
            }
        }
        return nil
    }
}

/// Which redirect URIs a client may register: https anywhere; http only to a loopback address
/// (native clients, RFC 8252 §7.3); a private-use scheme such as `cursor://…` (RFC 8252 §7.1);
/// never a fragment, credentials, or a scheme a browser would run (`javascript:`, `data:`).
enum RedirectURIRules {
    static let forbiddenSchemes: Set<String> = ["javascript", "data", "file", "vbscript", "about", "blob", "ftp", "ws", "wss"]
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]", "::1"]

    /// Why `uri` cannot be a redirect URI, or nil when it can.
    static func problem(with uri: String) -> String? {
        guard uri.count <= 2000, let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(), !scheme.isEmpty else {
            return "'\(uri.prefix(100))' is not an absolute URI"
        }
        if components.fragment != nil { return "'\(uri.prefix(100))' has a fragment" }
        if components.user != nil || components.password != nil { return "'\(uri.prefix(100))' carries credentials" }
        if forbiddenSchemes.contains(scheme) { return "the \(scheme): scheme cannot be a redirect URI" }
        switch scheme {
        case "https":
            guard let host = components.host, !host.isEmpty else { return "'\(uri.prefix(100))' has no host" }
        case "http":
            guard isLoopbackHTTP(components) else { return "http redirect URIs must point at a loopback address (127.0.0.1, [::1] or localhost)" }
        default:
            break
        }
        return nil
    }

    static func isLoopbackHTTP(_ components: URLComponents) -> Bool {
        components.scheme?.lowercased() == "http" && loopbackHosts.contains(components.host?.lowercased() ?? "")
    }

    /// The host the consent page names for a redirect URI (the scheme for private-use schemes).
    static func displayHost(_ uri: String) -> String {
        guard let components = URLComponents(string: uri) else { return uri }
        if let host = components.host, !host.isEmpty { return host }
        return (components.scheme ?? uri) + ":"
    }

    static func isLoopback(_ uri: String) -> Bool {
        URLComponents(string: uri).map { loopbackHosts.contains($0.host?.lowercased() ?? "") } ?? false
    }
}
