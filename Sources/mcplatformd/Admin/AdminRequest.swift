import Logging
import Shared

/// What a handler of the generated admin API may know about its request besides its `Input`:
/// set once per request by the middlewares in front of the handlers (`AdminAPI.register`), read
/// through task-locals because the generated handlers receive only their input.
enum AdminRequest {
    /// The transport's view of the request (client address, logger), set by `AdminRequestMiddleware`.
    struct Transport: Sendable {
        let clientAddress: String
        let logger: Logger
        let requestID: String
    }

    /// The organization an operation under `/v1/orgs/{org}` acts in, and the caller's role
    /// there, decided by `AuthorizationMiddleware` from the operation's `x-min-role`.
    struct Scope: Sendable {
        let organization: Organization
        let role: Role
    }

    @TaskLocal static var transport: Transport?
    @TaskLocal static var principal: Principal?
    @TaskLocal static var scope: Scope?

    /// The authenticated caller; every operation but the open ones has one.
    static func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError(status: .unauthorized, code: "unauthenticated", message: "authentication required") }
        return principal
    }

    /// The organization of the path with the caller's role and the caller.
    static func requireOrganization() throws -> (Organization, Role, Principal) {
        guard let scope, let principal else {
            throw APIError(status: .internalServerError, code: "internal", message: "the operation has no organization scope")
        }
        return (scope.organization, scope.role, principal)
    }

    static var clientAddress: String { transport?.clientAddress ?? "unknown" }
    static var logger: Logger { transport?.logger ?? Logger(label: "mcplatformd.admin") }
}
