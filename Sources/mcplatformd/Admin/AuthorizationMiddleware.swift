import HTTPTypes
import OpenAPIRuntime

/// Authentication and authorization of every admin API operation, decided once: the bearer
/// token becomes the request's `Principal`, the operation's `x-min-role` (`OperationPolicies`)
/// says what it needs, and for operations under `/v1/orgs/{org}` the organization is resolved
/// for the caller (404 when they cannot see it, 403 when their role is too low) and handed to
/// the handler (`AdminRequest.scope`). No handler repeats any of it.
struct AuthorizationMiddleware: ServerMiddleware {
    let database: Database
    let policies: OperationPolicies
    var tokens = TokenStore()
    var access: OrganizationAccess { OrganizationAccess(database: database) }

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws
        -> (HTTPResponse, HTTPBody?) {
        guard let policy = policies[operationID] else {
            throw APIError(status: .forbidden, code: "forbidden", message: "operation \(operationID) declares no access")
        }
        // Open operations (signup, login) do not look at a token at all.
        guard policy.access != .open else { return try await next(request, body, metadata) }
        let principal = try await authenticate(request)
        return try await AdminRequest.$principal.withValue(principal) {
            switch policy.access {
            case .open, .account:
                guard principal != nil else { throw Self.unauthenticated }
                return try await next(request, body, metadata)
            case .login:
                guard let principal else { throw Self.unauthenticated }
                guard principal.kind == .login else {
                    throw APIError(status: .forbidden, code: "forbidden", message: "this needs a login token (mcpctl login); API tokens belong to one organization")
                }
                return try await next(request, body, metadata)
            case .role(let minimum):
                guard let principal else { throw Self.unauthenticated }
                guard let reference = metadata.pathParameters["org"] else {
                    throw APIError(status: .forbidden, code: "forbidden", message: "operation \(operationID) names no organization")
                }
                let (organization, role) = try await access.resolve(String(reference), for: principal, minimum: minimum)
                return try await AdminRequest.$scope.withValue(AdminRequest.Scope(organization: organization, role: role)) {
                    try await next(request, body, metadata)
                }
            }
        }
    }

    /// The principal of the request's bearer token; nil without one; a token that is unknown,
    /// revoked or expired is refused even on open operations.
    private func authenticate(_ request: HTTPRequest) async throws -> Principal? {
        guard let header = request.headerFields[.authorization] else { return nil }
        guard header.lowercased().hasPrefix("bearer "),
              case let secret = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !secret.isEmpty,
              let principal = try await tokens.authenticate(secret, database: database) else {
            throw Self.unauthenticated
        }
        return principal
    }

    static let unauthenticated = APIError(status: .unauthorized, code: "unauthenticated",
                                          message: "missing, unknown, revoked or expired token (log in with mcpctl login or pass --token)",
                                          headers: [.wwwAuthenticate: "Bearer"])
}
