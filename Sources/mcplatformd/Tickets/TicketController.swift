import Foundation
import Hummingbird
import Shared

/// `GET /v1/orgs/{org}/tickets[?status=S]` and `GET /v1/orgs/{org}/tickets/{ticket}` (`12`,
/// `#12` or an id): the organization's support tickets with their history.
struct TicketController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let queries = TicketQueries()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/tickets", use: list)
        group.get(":org/tickets/:ticket", use: show)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APITicket> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        var status: TicketStatus?
        if let text = request.uri.queryParameters.get("status") {
            guard let parsed = TicketStatus(rawValue: text) else {
                throw APIError(status: .badRequest, code: "bad_request", message: "status is one of open, in_progress, resolved, closed")
            }
            status = parsed
        }
        let page = try Pagination(request)
        let tickets = try await database.withConnection { try await queries.tickets(organizationID: organization.id, status: status, page: page, on: $0) }
        let (items, next) = page.page(tickets) { ($0.createdAt.epochMillis, $0.id) }
        return Page(items: items, nextCursor: next)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APITicket {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let reference = try context.parameters.require("ticket")
        guard let ticket = try await database.withConnection({ try await queries.ticket(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no ticket '\(reference)' in \(organization.slug)")
        }
        return ticket
    }
}
