import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
import Shared

/// The admin API: the generated `APIProtocol` of `openapi.yaml`, one method per operation.
///
/// The methods live with their feature (`Servers/ServersAPI.swift`, `Tickets/TicketsAPI.swift`, …)
/// as extensions of this type; each receives only its generated `Input`. What every operation
/// shares is decided in front of them, once (`register`): the listener's body limit (the
/// channel, before any of this runs), the caller and their organization and role
/// (`AuthorizationMiddleware`), idempotency, and the error envelope.
struct AdminAPI: APIProtocol {
    let services: AppServices
    var database: Database { services.database }
    var configuration: DaemonConfiguration { services.configuration }
    let tickets: TicketWorkflow
    let search: DocumentSearch
    let accounts: AccountStore

    init(services: AppServices) {
        self.services = services
        self.tickets = services.ticketWorkflow
        self.search = DocumentSearch(database: services.database)
        self.accounts = AccountStore(hasher: services.passwordHasher)
    }

    /// Mounts every operation on `router` with the middlewares every one of them passes.
    static func register(on router: Router<AppRequestContext>, services: AppServices) throws {
        let policies = OperationPolicies.document
        let group = router.group().add(middleware: AdminRequestMiddleware())
        try AdminAPI(services: services).registerHandlers(on: group, middlewares: [
            ErrorEnvelopeServerMiddleware(),
            AuthorizationMiddleware(database: services.database, policies: policies),
            IdempotencyMiddleware(database: services.database, policies: policies, maxBodyBytes: services.configuration.listener.adminMaxBodyBytes),
        ])
    }
}

/// Hands the transport's view of a request (client address, logger, request id) to the
/// generated handlers, which see only their input.
struct AdminRequestMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let transport = AdminRequest.Transport(clientAddress: context.clientAddress, logger: context.logger, requestID: context.requestID)
        return try await AdminRequest.$transport.withValue(transport) { try await next(request, context) }
    }
}

extension Pagination {
    /// The page a list operation's `limit` and `cursor` ask for; a malformed one is a 400.
    init(limit: Int?, cursor: String?) throws {
        try self.init(limitText: limit.map(String.init), cursor: cursor)
    }
}
