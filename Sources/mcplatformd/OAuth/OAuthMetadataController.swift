import Foundation
import Hummingbird

/// The discovery documents (docs/OAUTH.md "Endpoints"): RFC 9728 protected-resource metadata and
/// RFC 8414 authorization-server metadata (also served as `openid-configuration`), at the
/// well-known paths inserted before the server's path and appended to it.
struct OAuthMetadataController: Sendable {
    let service: OAuthService

    func addRoutes(to router: Router<AppRequestContext>) {
        let resourcePaths = [""] + MCPController.paths.map { "/" + $0 }
        for suffix in resourcePaths {
            add(router, ".well-known/oauth-protected-resource" + suffix, protectedResource)
            add(router, ".well-known/oauth-protected-resource/s/:slug" + suffix, protectedResource)
        }
        add(router, "s/:slug/.well-known/oauth-protected-resource", protectedResource)
        for document in ["oauth-authorization-server", "openid-configuration"] {
            add(router, ".well-known/\(document)", authorizationServer)
            add(router, ".well-known/\(document)/s/:slug", authorizationServer)
            add(router, "s/:slug/.well-known/\(document)", authorizationServer)
        }
    }

    private func add(_ router: Router<AppRequestContext>, _ path: String,
                     _ document: @escaping @Sendable (OAuthEndpoints, _ path: String) -> [String: Any]) {
        router.get(RouterPath(path)) { request, context in
            await OAuthJSON.run(service, request, context) { OAuthJSON.response(document($0, request.uri.path), cache: "public, max-age=60") }
        }
        router.on(RouterPath(path), method: .options) { _, _ in OAuthJSON.preflight() }
    }

    /// RFC 9728: the resource and the one authorization server that issues tokens for it. The
    /// resource is exactly the URL whose metadata this is: the path after the inserted
    /// well-known prefix (`/.well-known/oauth-protected-resource/s/acme/mcp` describes
    /// `<public-url>/s/acme/mcp`); the appended form (`/s/acme/.well-known/…`) describes the base.
    @Sendable func protectedResource(_ endpoints: OAuthEndpoints, path: String) -> [String: Any] {
        let prefix = OAuthEndpoints.protectedResourcePrefix
        let resource = path.hasPrefix(prefix)
            ? endpoints.resource(atPath: String(path.dropFirst(prefix.count)))
            : endpoints.resource
        return ["resource": resource, "authorization_servers": [endpoints.issuer], "scopes_supported": [OAuthEndpoints.scope],
         "bearer_methods_supported": ["header"], "resource_name": endpoints.server.settings.name]
    }

    /// RFC 8414 metadata of the server's authorization server.
    @Sendable func authorizationServer(_ endpoints: OAuthEndpoints, path: String) -> [String: Any] {
        let methods = OAuthClient.AuthMethod.allCases.map(\.rawValue)
        return [
            "issuer": endpoints.issuer, "authorization_endpoint": endpoints.authorizationEndpoint, "token_endpoint": endpoints.tokenEndpoint,
            "registration_endpoint": endpoints.registrationEndpoint, "revocation_endpoint": endpoints.revocationEndpoint,
            "response_types_supported": ["code"], "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"], "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": methods, "revocation_endpoint_auth_methods_supported": methods,
            "client_id_metadata_document_supported": true, "authorization_response_iss_parameter_supported": true,
            "scopes_supported": [OAuthEndpoints.scope],
        ]
    }
}
