import Foundation
import Shared

/// `/v1/orgs/{org}/tickets`: list with filters, show, change (`PATCH`), comment; and
/// `/v1/orgs/{org}/ticket-events`, the long-polled event feed behind `tickets watch`.
/// A ticket is named by its number (`12`, `#12`) or its id.
extension AdminAPI {
    /// How often a waiting long poll looks at the database for other replicas' events.
    static let feedPollInterval: Duration = .seconds(1)

    func listTickets(_ input: Operations.ListTickets.Input) async throws -> Operations.ListTickets.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let filter = try await ticketFilter(input.query, organizationID: organization.id, principal: principal)
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let tickets = try await database.withConnection { try await TicketQueries().tickets(organizationID: organization.id, filter: filter, page: page, on: $0) }
        let byUpdate = filter.sort == TicketSort.updated
        let (items, next) = page.page(tickets) { (ticket: APITicket) in (byUpdate ? ticket.updatedAt.epochMillis : ticket.number, ticket.id) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getTicket(_ input: Operations.GetTicket.Input) async throws -> Operations.GetTicket.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let reference = input.path.ticket
        guard var ticket = try await database.withConnection({ try await TicketQueries().ticket(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no ticket '\(reference)' in \(organization.slug)")
        }
        ticket.mailEnabled = configuration.mail.isEnabled
        return .ok(.init(body: .json(ticket)))
    }

    func updateTicket(_ input: Operations.UpdateTicket.Input) async throws -> Operations.UpdateTicket.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let change) = input.body else { throw APIError.badQuery("expected JSON") }
        let ticket = try await tickets.update(input.path.ticket, organizationID: organization.id, change: change, actor: TicketActor(principal))
        return .ok(.init(body: .json(ticket)))
    }

    func commentTicket(_ input: Operations.CommentTicket.Input) async throws -> Operations.CommentTicket.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let comment) = input.body else { throw APIError.badQuery("expected JSON") }
        let event = try await tickets.comment(input.path.ticket, organizationID: organization.id, comment: comment, actor: TicketActor(principal))
        return .created(.init(body: .json(event)))
    }

    /// `?after=SEQ&wait=SECONDS&limit=N`: the events after `after`, oldest first. When there are
    /// none yet, waits up to `wait` seconds (at most 60) for some. Without `after`, answers at
    /// once with no events and the current cursor, so a watcher starts from now.
    func listTicketEvents(_ input: Operations.ListTicketEvents.Input) async throws -> Operations.ListTicketEvents.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let query = input.query
        let limit = query.limit ?? 100
        guard (1...500).contains(limit) else { throw APIError.badQuery("limit must be a number from 1 to 500") }
        let wait = query.wait ?? 0
        guard (0...60).contains(wait) else { throw APIError.badQuery("wait is a number of seconds from 0 to 60") }
        let queries = TicketQueries()
        guard let after = query.after else {
            let latest = try await database.withConnection { try await queries.latestSequence(organizationID: organization.id, on: $0) }
            return .ok(.init(body: .json(APITicketEventBatch(items: [], cursor: latest))))
        }
        guard after >= 0 else { throw APIError.badQuery("after is a cursor (a number) this API returned") }
        let deadline = ContinuousClock.now + .seconds(wait)
        while true {
            let items = try await database.withConnection { try await queries.events(organizationID: organization.id, after: after, limit: limit, on: $0) }
            if !items.isEmpty || ContinuousClock.now >= deadline || Task.isCancelled {
                return .ok(.init(body: .json(APITicketEventBatch(items: items, cursor: items.last?.seq ?? after))))
            }
            await tickets.feed.wait(upTo: min(Self.feedPollInterval, deadline - ContinuousClock.now))
        }
    }

    private func ticketFilter(_ query: Operations.ListTickets.Input.Query, organizationID: String, principal: Principal) async throws -> TicketFilter {
        var filter = TicketFilter()
        if let text = query.status {
            filter.statuses = try text.split(separator: ",").map { part in
                guard let status = TicketStatus(rawValue: String(part)) else {
                    throw APIError.badQuery("status is one of \(TicketVocabulary.statuses.joined(separator: ", ")) (comma-separated)")
                }
                return status
            }
        }
        filter.priority = query.priority.flatMap { TicketPriority(rawValue: $0.rawValue) }
        if let sort = query.sort {
            guard let parsed = TicketSort(rawValue: sort.rawValue) else { throw APIError.badQuery("sort is newest, oldest or updated") }
            filter.sort = parsed
        }
        if let text = query.since {
            guard let moment = TimeSpec.moment(text) else { throw APIError.badQuery("since is a duration like 7d or an RFC 3339 time") }
            filter.since = moment.epochMillis
        }
        filter.serverSlug = query.server
        filter.email = query.email
        if let text = query.assignee {
            filter.assignee = try await assignee(text, principal: principal)
        }
        return filter
    }

    /// `none`, `@me` or a member's email as a filter; an email of no member matches nothing.
    private func assignee(_ text: String, principal: Principal) async throws -> TicketFilter.Assignee {
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
