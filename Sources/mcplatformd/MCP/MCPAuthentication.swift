import Hummingbird

/// The one authentication seam of the MCP endpoint (docs/OAUTH.md): checked on every HTTP request,
/// whatever the method; a session id is never an authentication. Servers in `none` mode are
/// anonymous; any other mode needs a bearer token the daemon issued for this server, and a
/// server whose sign-in cannot work here answers 503 — it is never served anonymously.
struct MCPAuthentication: Sendable {
    let oauth: OAuthService

    /// The authenticated end user, or nil for an anonymous server; a 401 (with the
    /// `WWW-Authenticate` challenge pointing at the protected-resource metadata) or 503 otherwise.
    func check(_ request: Request, _ addressed: AddressedServer) async throws(MCPError) -> AuthenticatedEndUser? {
        let server = addressed.server
        guard server.settings.authMode != .none else { return nil }
        if let problem = oauth.transportProblem ?? oauth.providers.unavailability(of: server) {
            throw MCPError(code: MCPError.serverError, message: "this server requires sign-in, which cannot work here: \(problem)",
                           status: .serviceUnavailable)
        }
        let endpoints = oauth.endpoints(addressed)
        // The metadata of exactly the URL requested (RFC 9728 §3.3: its `resource` must be it).
        let metadataURL = endpoints.protectedResourceMetadataURL(atPath: request.uri.path)
        let result: Result<AuthenticatedEndUser, BearerAuthenticator.Failure>
        do {
            result = try await oauth.bearer.authenticate(request, server: server)
        } catch {
            throw MCPError(code: MCPError.internalError, message: "cannot check the access token now; try again", status: .serviceUnavailable)
        }
        switch result {
        case .success(let user):
            return user
        case .failure(.missing):
            throw MCPError(code: MCPError.serverError, message: "authentication required: sign in with OAuth (see WWW-Authenticate)",
                           status: .unauthorized,
                           headers: [.wwwAuthenticate: #"Bearer resource_metadata="\#(metadataURL)", scope="\#(OAuthEndpoints.scope)""#])
        case .failure(.invalid(let reason)):
            throw MCPError(code: MCPError.serverError, message: "invalid access token: \(reason)", status: .unauthorized,
                           headers: [.wwwAuthenticate: #"Bearer resource_metadata="\#(metadataURL)", scope="\#(OAuthEndpoints.scope)", error="invalid_token", error_description="\#(reason)""#])
        }
    }
}
