import Hummingbird
import HTTPTypes

/// Resolves `Authorization: Bearer <token>` on the admin API into the request's `principal`;
/// refuses a missing, unknown, revoked or expired token with 401. Signup, login and the
/// OpenAPI document are open.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: Database
    let tokens = TokenStore()

    static let openPaths: Set<String> = ["/v1/account/signup", "/v1/account/login", "/v1/openapi.json"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/"), !Self.openPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
              case let secret = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !secret.isEmpty,
              let principal = try await tokens.authenticate(secret, database: database)
        else {
            throw APIError(status: .unauthorized, code: "unauthenticated",
                           message: "missing, unknown, revoked or expired token (log in with mcpctl login or pass --token)",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "token_id"] = .string(principal.tokenID)
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The authenticated principal; the authentication middleware guarantees one on `/v1`.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError(status: .unauthorized, code: "unauthenticated", message: "authentication required") }
        return principal
    }
}
