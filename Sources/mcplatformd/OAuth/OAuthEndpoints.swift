import Foundation

/// The OAuth identifiers and URLs of one hosted server as a request addressed it (docs/OAUTH.md
/// "Endpoints"): the resource is the server's base URL, the issuer the same string — with a
/// trailing slash when the base is a bare origin (the host form), because clients normalise a
/// root URL that way and then compare `iss` by exact string. The issuer in the metadata, the
/// protected-resource metadata's `authorization_servers[0]` and every `iss` are this one string.
struct OAuthEndpoints: Sendable {
    let addressed: AddressedServer
    /// The base of the same server in the other URL form (a token for one form works on both).
    let otherBase: String
    /// The daemon's public URL (for the daemon-wide platform callback).
    let publicURL: String

    var server: HostedServer { addressed.server }
    var base: String { addressed.base }
    var resource: String { base }
    var issuer: String { addressed.form == .path ? base : base + "/" }

    var authorizationEndpoint: String { base + "/oauth/authorize" }
    var tokenEndpoint: String { base + "/oauth/token" }
    var registrationEndpoint: String { base + "/oauth/register" }
    var revocationEndpoint: String { base + "/oauth/revoke" }
    var resumeEndpoint: String { base + "/oauth/resume" }
    /// Where a `custom_oauth` provider sends the browser back: on the server's own origin.
    var customCallback: String { base + "/oauth/callback" }
    /// The one callback of the platform provider, for every server.
    var platformCallback: String { Self.platformCallback(publicURL: publicURL) }

    static func platformCallback(publicURL: String) -> String { publicURL + "/oauth/platform/callback" }

    /// The well-known prefix of RFC 9728 metadata.
    static let protectedResourcePrefix = "/.well-known/oauth-protected-resource"

    /// The resource identifier of the URL at `path` (the request's path as this daemon sees it,
    /// `/mcp` or `/s/acme/api/mcpserver/mcp`, query aside): the server's canonical origin for
    /// its form plus the path. Never built from the request's `Host`.
    func resource(atPath path: String) -> String {
        let path = Self.safePath(path)
        return switch addressed.form {
        case .host, .custom: base + path
        case .path: publicURL + path
        }
    }

    /// Where the RFC 9728 metadata of the URL at `path` is: the well-known prefix inserted
    /// between the origin and the path. Its `resource` is `resource(atPath: path)`.
    func protectedResourceMetadataURL(atPath path: String) -> String {
        let path = Self.safePath(path)
        return switch addressed.form {
        case .host, .custom: base + Self.protectedResourcePrefix + path
        case .path: publicURL + Self.protectedResourcePrefix + path
        }
    }

    private static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%".utf8)

    /// `path` with every byte outside RFC 3986's path characters percent-encoded, so that it can
    /// stand in a quoted `WWW-Authenticate` parameter and in JSON as the client sent it.
    static func safePath(_ path: String) -> String {
        guard !path.utf8.allSatisfy(allowed.contains) else { return path }
        var out = ""
        for byte in path.utf8 {
            if allowed.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    /// The scope a token of this server carries.
    static let scope = "mcp"

    /// Whether `resource` (RFC 8707) names this server: either form's base, with or without a
    /// trailing slash, or a URL below it (an MCP path).
    func identifies(resource: String) -> Bool {
        for candidate in [base, otherBase] {
            if resource == candidate || resource == candidate + "/" || resource.hasPrefix(candidate + "/") { return true }
        }
        return false
    }
}
