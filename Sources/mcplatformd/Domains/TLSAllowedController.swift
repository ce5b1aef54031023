import Foundation
import Hummingbird

/// Caddy's on-demand TLS `ask` endpoint, on the admin listener: `GET /tls/allowed?domain=NAME`
/// answers 200 when this platform serves NAME (the base domain, `<slug>.<base-domain>` of an
/// existing server, a verified custom domain) and 404 otherwise, so the web server in front
/// obtains certificates only for names the platform serves.
struct TLSAllowedController {
    let domains: CustomDomainDirectory
    let directory: HostedServerDirectory
    let baseDomain: String

    /// The answer's body.
    struct Answer: ResponseCodable {
        let domain: String
        let allowed: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tls/allowed") { request, _ in
            let asked = request.uri.queryParameters.get("domain") ?? ""
            let allowed = try await allows(asked)
            return try Response.json(Answer(domain: String(asked.prefix(253)), allowed: allowed), status: allowed ? .ok : .notFound)
        }
    }

    /// Whether `name` is served here.
    func allows(_ name: String) async throws -> Bool {
        var host = name.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        if host == baseDomain.lowercased() { return true }
        if let label = ServerAddressing.serverLabel(host: host, baseDomain: baseDomain), !host.contains(":") {
            return try await directory.server(slug: label) != nil
        }
        guard let domain = try? DomainName.normalize(host, baseDomain: baseDomain) else { return false }
        return try await domains.slug(forHost: domain) != nil
    }
}
