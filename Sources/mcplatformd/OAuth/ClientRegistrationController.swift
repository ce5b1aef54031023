import Foundation
import Hummingbird

/// `POST /oauth/register`: dynamic client registration (RFC 7591) at one server. Public clients
/// (`none`) and confidential ones (`client_secret_post`, `client_secret_basic`, with a secret the
/// daemon makes, shown once and stored as a hash). Rate-limited per remote address.
struct ClientRegistrationController: Sendable {
    let service: OAuthService

    func addRoutes(to router: Router<AppRequestContext>) {
        for prefix in ["", "s/:slug/"] {
            router.post(RouterPath(prefix + "oauth/register")) { request, context in
                await OAuthJSON.run(service, request, context) { try await register(request, context, $0) }
            }
            router.on(RouterPath(prefix + "oauth/register"), method: .options) { _, _ in OAuthJSON.preflight() }
        }
    }

    private static func invalid(_ description: String, code: String = "invalid_client_metadata") -> OAuthJSONError {
        OAuthJSONError(status: .badRequest, code: code, description: description)
    }

    private func register(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        if let seconds = await service.overLimit(.register, address: context.clientAddress) { throw OAuthJSONError.rateLimited(seconds) }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: 64 * 1024) } catch {
            throw Self.invalid("the registration request is larger than 64 KiB", code: "invalid_request")
        }
        guard let metadata = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] else {
            throw Self.invalid("the body must be a JSON object (RFC 7591)")
        }
        guard let redirects = metadata["redirect_uris"] as? [String], !redirects.isEmpty else {
            throw Self.invalid("redirect_uris must be a non-empty array of URIs", code: "invalid_redirect_uri")
        }
        guard redirects.count <= 10 else { throw Self.invalid("at most 10 redirect_uris", code: "invalid_redirect_uri") }
        if let problem = redirects.lazy.compactMap(RedirectURIRules.problem(with:)).first { throw Self.invalid(problem, code: "invalid_redirect_uri") }
        let methodName = metadata["token_endpoint_auth_method"] as? String ?? OAuthClient.AuthMethod.clientSecretBasic.rawValue
        guard let method = OAuthClient.AuthMethod(rawValue: methodName) else {
            throw Self.invalid("token_endpoint_auth_method must be none, client_secret_post or client_secret_basic")
        }
        let grantTypes = metadata["grant_types"] as? [String] ?? ["authorization_code"]
        guard !grantTypes.isEmpty, grantTypes.allSatisfy(["authorization_code", "refresh_token"].contains) else {
            throw Self.invalid("grant_types may be authorization_code and refresh_token")
        }
        let responseTypes = metadata["response_types"] as? [String] ?? ["code"]
        guard responseTypes == ["code"] else { throw Self.invalid("response_types must be [\"code\"]") }
        let name = metadata["client_name"] as? String
        guard (name?.count ?? 0) <= 200 else { throw Self.invalid("client_name has at most 200 characters") }
        let clientURI = metadata["client_uri"] as? String
        if let clientURI, clientURI.count > 2000 || URL(string: clientURI)?.host == nil { throw Self.invalid("client_uri must be a URL") }
        let scope = (metadata["scope"] as? String).map { String($0.prefix(500)) }

        let secret = method == .none ? nil : PlatformToken.generate(kind: "mcpcs")
        let client = OAuthClient(id: Identifier.make("mcpc"), name: name.flatMap { $0.isEmpty ? nil : $0 }, redirectURIs: redirects,
                                 authMethod: method, secretHash: secret?.hash, isMetadataDocument: false)
        let now = nowMillis()
        try await service.database.withConnection { db in
            try await service.clients.insert(client, grantTypes: grantTypes, clientURI: clientURI, scope: scope, serverID: endpoints.server.id,
                                             organizationID: endpoints.server.organizationID, now: now, on: db)
        }
        var answer: [String: Any] = [
            "client_id": client.id, "client_id_issued_at": now / 1000, "redirect_uris": redirects, "token_endpoint_auth_method": method.rawValue,
            "grant_types": grantTypes, "response_types": responseTypes,
        ]
        if let name = client.name { answer["client_name"] = name }
        if let clientURI { answer["client_uri"] = clientURI }
        if let scope { answer["scope"] = scope }
        if let secret {
            answer["client_secret"] = secret.secret
            answer["client_secret_expires_at"] = 0
        }
        return OAuthJSON.response(answer, status: .created)
    }
}
