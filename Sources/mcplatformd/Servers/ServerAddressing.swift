import Foundation
import HTTPTypes
import Hummingbird
import Shared

/// How a request named its hosted server: by host (`<slug>.<base-domain>`), by the path form
/// `/s/<slug>/…`, or by one of its verified custom domains (`mcp.acme.com`). The MCP endpoint and
/// the OAuth endpoints resolve servers the same way.
enum ServerURLForm: Sendable, Equatable {
    case host, path
    case custom(String)
}

/// A hosted server as one request addressed it, with the URL every endpoint of that server
/// starts with in that form: its origin (`https://acme.example.com`), or `<public-url>/s/acme`.
struct AddressedServer: Sendable {
    let server: HostedServer
    let form: ServerURLForm
    /// The addressing the request was resolved by, for `base`.
    let addressing: ServerAddressing

    /// The prefix of every URL of this server in this form, without a trailing slash. Built
    /// when asked for (OAuth's endpoints do), not on every MCP request.
    var base: String { addressing.base(of: server.slug, form: form) }
}

/// A request that names no hosted server, or one that does not exist.
struct ServerNotFound: Error, Sendable {
    let message: String
}

/// Resolves the hosted server a request is for (docs/MCP.md "Addressing") and builds its URLs.
struct ServerAddressing: Sendable {
    let directory: HostedServerDirectory
    let baseDomain: String
    let trustedProxies: [AddressRange]
    let publicURL: SharedValue<String>
    /// Verified custom domains; nil where custom domains are not served (some tests).
    var domains: CustomDomainDirectory?

    /// The server named by `/s/<slug>/…`, else by the host `<slug>.<base-domain>`, else by a
    /// verified custom domain (the forwarded host when the peer is a trusted proxy).
    func resolve(_ request: Request, _ context: AppRequestContext) async throws -> AddressedServer {
        if let fromPath = context.parameters.get("slug") {
            let server = try await find(fromPath)
            return AddressedServer(server: server, form: .path, addressing: self)
        }
        var host = request.head.authority ?? ""
        if AddressRange.any(trustedProxies, contains: context.remoteAddress),
           let forwarded = request.headers[.xForwardedHost]?.split(separator: ",").first {
            host = forwarded.trimmingCharacters(in: .whitespaces)
        }
        if let label = Self.serverLabel(host: host, baseDomain: baseDomain) {
            let server = try await find(label)
            return AddressedServer(server: server, form: .host, addressing: self)
        }
        if let domains, let name = Self.customDomain(host: host, baseDomain: baseDomain), let slug = try await domains.slug(forHost: name) {
            let server = try await find(slug)
            return AddressedServer(server: server, form: .custom(name), addressing: self)
        }
        throw ServerNotFound(message: "no MCP server here: use <slug>.\(baseDomain) or the path form /s/<slug>/mcp")
    }

    /// `host` (port and case ignored) when it could be a custom domain: a valid host name outside
    /// the base domain. Anything else never reaches the database.
    static func customDomain(host: String, baseDomain: String) -> String? {
        var name = host
        if name.hasPrefix("[") { return nil }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        return try? DomainName.normalize(name, baseDomain: baseDomain)
    }

    /// The server with `slug`, wherever it is addressed from.
    func find(_ slug: String) async throws -> HostedServer {
        guard let server = try await directory.server(slug: slug) else {
            throw ServerNotFound(message: "no MCP server '\(slug.prefix(63))'")
        }
        return server
    }

    /// The URL prefix of server `slug` in `form`: the scheme and port come from the public URL.
    func base(of slug: String, form: ServerURLForm) -> String {
        let publicURL = self.publicURL.value
        switch form {
        case .path:
            return publicURL + "/s/" + slug
        case .host:
            return Self.origin(of: slug, baseDomain: baseDomain, publicURL: publicURL)
        case .custom(let domain):
            return Self.origin(ofDomain: domain, publicURL: publicURL)
        }
    }

    /// `<scheme>://<domain>[:port]` for a custom domain, scheme and port from the public URL.
    static func origin(ofDomain domain: String, publicURL: String) -> String {
        let components = URLComponents(string: publicURL)
        let scheme = components?.scheme ?? "http"
        let port = components?.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(domain)\(port)"
    }

    /// `<scheme>://<slug>.<base-domain>[:port]`, scheme and port from the public URL.
    static func origin(of slug: String, baseDomain: String, publicURL: String) -> String {
        origin(ofDomain: "\(slug).\(baseDomain)", publicURL: publicURL)
    }

    /// The single label above `baseDomain` in `host` (port and case ignored), if any.
    static func serverLabel(host: String, baseDomain: String) -> String? {
        var name = host.lowercased()
        if name.hasPrefix("[") { return nil }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if name.hasSuffix(".") { name.removeLast() }
        let suffix = "." + baseDomain.lowercased()
        guard name.hasSuffix(suffix) else { return nil }
        let label = name.dropLast(suffix.count)
        return label.isEmpty || label.contains(".") ? nil : String(label)
    }
}
