import Foundation
import Hummingbird
import HummingbirdCore
import Shared
import SQLKit

/// `/v1/orgs/{org}/tickets`: list with filters, show, change (`PATCH`), comment; and
/// `/v1/orgs/{org}/ticket-events`, the long-polled event feed behind `tickets watch`.
/// A ticket is named by its number (`12`, `#12`) or its id.
struct TicketController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let workflow: TicketWorkflow
    let queries = TicketQueries()
    /// How often a waiting long poll looks at the database for other replicas' events.
    var feedPollInterval: Duration = .seconds(1)

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/tickets", use: list)
        group.get(":org/tickets/:ticket", use: show)
        group.patch(":org/tickets/:ticket", use: update)
        group.post(":org/tickets/:ticket/comments", use: comment)
        group.get(":org/ticket-events", use: events)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APITicket> {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .member)
        let filter = try await filter(request.uri.queryParameters, organizationID: organization.id, principal: principal)
        let page = try Pagination(request)
        let tickets = try await database.withConnection { try await queries.tickets(organizationID: organization.id, filter: filter, page: page, on: $0) }
        let byUpdate = filter.sort == TicketSort.updated
        let (items, next) = page.page(tickets) { (ticket: APITicket) in (byUpdate ? ticket.updatedAt.epochMillis : ticket.number, ticket.id) }
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

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> APITicket {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .member)
        let change = try await request.decode(as: APITicketUpdate.self, context: context)
        return try await workflow.update(try context.parameters.require("ticket"), organizationID: organization.id, change: change,
                                         actor: TicketActor(principal))
    }

    @Sendable func comment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .member)
        let comment = try await request.decode(as: APITicketComment.self, context: context)
        let event = try await workflow.comment(try context.parameters.require("ticket"), organizationID: organization.id, comment: comment,
                                               actor: TicketActor(principal))
        return try Response.json(event, status: .created)
    }

    /// `?after=SEQ&wait=SECONDS&limit=N`: the events after `after`, oldest first. When there are
    /// none yet, waits up to `wait` seconds (at most 60) for some. Without `after`, answers at
    /// once with no events and the current cursor, so a watcher starts from now.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> APITicketEventBatch {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let parameters = request.uri.queryParameters
        let limit = try parameters.get("limit").map { text in
            guard let value = Int(text), (1...500).contains(value) else { throw APIError.badQuery("limit must be a number from 1 to 500") }
            return value
        } ?? 100
        let wait = try parameters.get("wait").map { text in
            guard let value = Int(text), (0...60).contains(value) else { throw APIError.badQuery("wait is a number of seconds from 0 to 60") }
            return value
        } ?? 0
        guard let text = parameters.get("after") else {
            let latest = try await database.withConnection { try await queries.latestSequence(organizationID: organization.id, on: $0) }
            return APITicketEventBatch(items: [], cursor: latest)
        }
        guard let after = Int64(text), after >= 0 else { throw APIError.badQuery("after is a cursor (a number) this API returned") }
        let deadline = ContinuousClock.now + .seconds(wait)
        while true {
            let items = try await database.withConnection { try await queries.events(organizationID: organization.id, after: after, limit: limit, on: $0) }
            if !items.isEmpty || ContinuousClock.now >= deadline || Task.isCancelled {
                return APITicketEventBatch(items: items, cursor: items.last?.seq ?? after)
            }
            await workflow.feed.wait(upTo: min(feedPollInterval, deadline - ContinuousClock.now))
        }
    }

    private func filter(_ parameters: HummingbirdCore.FlatDictionary<Substring, Substring>, organizationID: String, principal: Principal) async throws -> TicketFilter {
        var filter = TicketFilter()
        if let text = parameters.get("status") {
            filter.statuses = try text.split(separator: ",").map { part in
                guard let status = TicketStatus(rawValue: String(part)) else {
                    throw APIError.badQuery("status is one of \(TicketVocabulary.statuses.joined(separator: ", ")) (comma-separated)")
                }
                return status
            }
        }
        if let text = parameters.get("priority") {
            guard let priority = TicketPriority(rawValue: text) else {
                throw APIError.badQuery("priority is one of \(TicketVocabulary.priorities.joined(separator: ", "))")
            }
            filter.priority = priority
        }
        if let text = parameters.get("sort") {
            guard let sort = TicketSort(rawValue: text) else { throw APIError.badQuery("sort is newest, oldest or updated") }
            filter.sort = sort
        }
        if let text = parameters.get("since") {
            guard let moment = TimeSpec.moment(text) else { throw APIError.badQuery("since is a duration like 7d or an RFC 3339 time") }
            filter.since = moment.epochMillis
        }
        filter.serverSlug = parameters.get("server")
        filter.email = parameters.get("email")
        if let text = parameters.get("assignee") {
            filter.assignee = try await assignee(text, organizationID: organizationID, principal: principal)
        }
        return filter
    }

    /// `none`, `@me` or a member's email as a filter; an email of no member matches nothing.
    private func assignee(_ text: String, organizationID: String, principal: Principal) async throws -> TicketFilter.Assignee {
        switch text {
        case "none": return .nobody
        case "@me":
            guard let account = principal.accountID, principal.kind == .login else {
                throw APIError.badQuery("assignee=@me needs a login token; an API token has no account")
            }
            return .account(account)
        default:
            let account = try await database.withConnection { try await AccountStore().find(email: text, on: $0) }
            return .account(account?.id ?? "none")
        }
    }
}
