import Foundation
import Shared
import SQLKit

/// What `tickets list` may filter and sort by; every field optional.
struct TicketFilter: Sendable {
    var statuses: [TicketStatus] = []
    var priority: TicketPriority?
    var serverSlug: String?
    /// An account id, or `.none` for unassigned tickets.
    var assignee: Assignee?
    var email: String?
    var since: EpochMillis?
    var sort: TicketSort = .newest

    enum Assignee: Sendable, Equatable {
        case account(String)
        case nobody
    }
}

/// The orders `tickets list` offers.
enum TicketSort: String, Sendable, CaseIterable {
    case newest, oldest, updated
}

/// The admin API's read model of support tickets; every query is scoped to one organization.
struct TicketQueries: Sendable {
    private static let columns: [any SQLExpression] = [
        "id", "number", "title", "description", "context", "email", "status", "priority", "assignee_account_id", "server_id",
        "end_user_id", "session_id", "created_at", "updated_at", "resolved_at",
    ].map { SQLColumn($0, table: "support_tickets") } + [
        SQLAlias(SQLColumn("slug", table: "mcp_servers"), as: SQLIdentifier("server_slug")),
        SQLAlias(SQLColumn("email", table: "accounts"), as: SQLIdentifier("assignee_email")),
    ]

    private func select(_ db: any SQLDatabase, organizationID: String) -> SQLSelectBuilder {
        db.select().columns(Self.columns).from("support_tickets")
            .join("mcp_servers", method: SQLJoinMethod.left, on: SQLColumn("id", table: "mcp_servers"), .equal, SQLColumn("server_id", table: "support_tickets"))
            .join("accounts", method: SQLJoinMethod.left, on: SQLColumn("id", table: "accounts"), .equal, SQLColumn("assignee_account_id", table: "support_tickets"))
            .where(SQLColumn("organization_id", table: "support_tickets"), .equal, SQLBind(organizationID))
    }

    /// A page of tickets matching `filter`, in its order.
    func tickets(organizationID: String, filter: TicketFilter, page: Pagination, on db: any SQLDatabase) async throws -> [APITicket] {
        let query = select(db, organizationID: organizationID)
        let column = { SQLColumn($0, table: "support_tickets") }
        if !filter.statuses.isEmpty { query.where(column("status"), .in, SQLBind.group(filter.statuses.map(\.rawValue))) }
        if let priority = filter.priority { query.where(column("priority"), .equal, SQLBind(priority.rawValue)) }
        if let slug = filter.serverSlug { query.where(SQLColumn("slug", table: "mcp_servers"), .equal, SQLBind(slug)) }
        switch filter.assignee {
        case .account(let id): query.where(column("assignee_account_id"), .equal, SQLBind(id))
        case .nobody: query.where(column("assignee_account_id"), .is, SQLLiteral.null)
        case nil: break
        }
        if let email = filter.email {
            query.where(SQLFunction("LOWER", args: column("email")), .equal, SQLBind(email.lowercased()))
        }
        if let since = filter.since { query.where(column("created_at"), .greaterThanOrEqual, SQLBind(since)) }
        // Creation order is the number's order (tickets opened in one millisecond included).
        let rows = try await page.apply(to: query, table: "support_tickets", timeColumn: filter.sort == .updated ? "updated_at" : "number",
                                        ascending: filter.sort == .oldest).all()
        return try rows.map(Self.ticket)
    }

    /// The newest tickets of one end user.
    func tickets(organizationID: String, endUserID: String, limit: Int, on db: any SQLDatabase) async throws -> [APITicket] {
        try await select(db, organizationID: organizationID)
            .where(SQLColumn("end_user_id", table: "support_tickets"), .equal, SQLBind(endUserID))
            .orderBy(SQLOrderBy(expression: SQLColumn("number", table: "support_tickets"), direction: SQLDirection.descending)).limit(limit).all().map(Self.ticket)
    }

    /// The id of the ticket named by `reference` (`12`, `#12` or its id).
    func ticketID(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> String? {
        let query = db.select().column("id").from("support_tickets").where("organization_id", .equal, organizationID)
        if let number = Self.number(reference) {
            query.where("number", .equal, number)
        } else {
            query.where("id", .equal, reference)
        }
        return try await query.first()?.decode(column: "id", as: String.self)
    }

    /// `12` or `#12` (also percent-encoded, `%2312`, as it arrives in a path) as a number.
    static func number(_ reference: String) -> Int64? {
        let text = reference.removingPercentEncoding ?? reference
        return Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text)
    }

    /// The ticket with id `id`, without its history.
    func ticket(id: String, organizationID: String, on db: any SQLDatabase) async throws -> APITicket? {
        try await select(db, organizationID: organizationID).where(SQLColumn("id", table: "support_tickets"), .equal, SQLBind(id))
            .first().map(Self.ticket)
    }

    /// The ticket named by `reference` with everything `tickets show` shows: its history, its
    /// end user, and the most recent tool calls of its session.
    func ticket(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APITicket? {
        guard let id = try await ticketID(reference, organizationID: organizationID, on: db),
              var ticket = try await ticket(id: id, organizationID: organizationID, on: db) else { return nil }
        ticket.events = try await events(organizationID: organizationID, ticketID: id, on: db)
        ticket.emails = try await TicketEmailLog().emails(ticketID: id, organizationID: organizationID, on: db)
        if let endUserID = ticket.endUserId {
            ticket.endUser = try await EndUserQueries().summary(endUserID, organizationID: organizationID, on: db)
        }
        if let sessionID = ticket.sessionId {
            ticket.recentToolCalls = try await EndUserQueries().recentToolCalls(sessionID: sessionID, organizationID: organizationID, limit: 10, on: db)
        }
        return ticket
    }

    private static let eventColumns: [any SQLExpression] = [
        "id", "seq", "ticket_id", "kind", "actor_account_id", "actor_token_id", "actor_end_user_id", "visibility", "old_value", "new_value",
        "body", "created_at",
    ].map { SQLColumn($0, table: "ticket_events") } + [
        SQLAlias(SQLColumn("number", table: "support_tickets"), as: SQLIdentifier("ticket_number")),
        SQLAlias(SQLColumn("email", table: "accounts"), as: SQLIdentifier("actor_email")),
    ]

    private func selectEvents(_ db: any SQLDatabase, organizationID: String) -> SQLSelectBuilder {
        db.select().columns(Self.eventColumns).from("ticket_events")
            .join("support_tickets", on: SQLColumn("id", table: "support_tickets"), .equal, SQLColumn("ticket_id", table: "ticket_events"))
            .join("accounts", method: SQLJoinMethod.left, on: SQLColumn("id", table: "accounts"), .equal, SQLColumn("actor_account_id", table: "ticket_events"))
            .where(SQLColumn("organization_id", table: "ticket_events"), .equal, SQLBind(organizationID))
    }

    /// One ticket's history, oldest first.
    func events(organizationID: String, ticketID: String, on db: any SQLDatabase) async throws -> [APITicketEvent] {
        try await selectEvents(db, organizationID: organizationID)
            .where(SQLColumn("ticket_id", table: "ticket_events"), .equal, SQLBind(ticketID))
            .orderBy(SQLColumn("seq", table: "ticket_events")).all().map(Self.event)
    }

    /// The ticket's current state next to each event of the feed (`TicketSummary`).
    private static let summaryColumns: [any SQLExpression] = [("title", "ticket_title"), ("status", "ticket_status"),
                                                              ("priority", "ticket_priority"), ("email", "ticket_email")].map {
        SQLAlias(SQLColumn($0.0, table: "support_tickets"), as: SQLIdentifier($0.1))
    } + [SQLAlias(SQLColumn("slug", table: "mcp_servers"), as: SQLIdentifier("ticket_server_slug"))]

    /// The organization's events after sequence number `after`, oldest first, each with its
    /// ticket as it is now (so that a `tickets watch` line needs no other call).
    func events(organizationID: String, after: Int64, limit: Int, on db: any SQLDatabase) async throws -> [APITicketEvent] {
        try await selectEvents(db, organizationID: organizationID).columns(Self.summaryColumns)
            .join("mcp_servers", method: SQLJoinMethod.left, on: SQLColumn("id", table: "mcp_servers"), .equal, SQLColumn("server_id", table: "support_tickets"))
            .where(SQLColumn("seq", table: "ticket_events"), .greaterThan, SQLBind(after))
            .orderBy(SQLColumn("seq", table: "ticket_events")).limit(limit).all().map { row in
                var event = try Self.event(row)
                event.ticket = APITicketSummary(
                    number: event.ticketNumber, title: try row.decode(column: "ticket_title", as: String.self),
                    status: try row.decode(column: "ticket_status", as: String.self), priority: try row.decode(column: "ticket_priority", as: String.self),
                    serverSlug: try row.decode(column: "ticket_server_slug", as: String?.self), email: try row.decode(column: "ticket_email", as: String?.self))
                return event
            }
    }

    /// The organization's latest event sequence number.
    func latestSequence(organizationID: String, on db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("ticket_event_counter").from("organizations").where("id", .equal, organizationID)
            .first()?.decode(column: "ticket_event_counter", as: Int64.self) ?? 0
    }

    static func event(_ row: any SQLRow) throws -> APITicketEvent {
        APITicketEvent(
            id: try row.decode(column: "id", as: String.self), seq: try row.decode(column: "seq", as: Int64.self),
            ticketId: try row.decode(column: "ticket_id", as: String.self), ticketNumber: try row.decode(column: "ticket_number", as: Int64.self),
            kind: try row.decode(column: "kind", as: String.self),
            actorAccountId: try row.decode(column: "actor_account_id", as: String?.self), actorEmail: try row.decode(column: "actor_email", as: String?.self),
            actorTokenId: try row.decode(column: "actor_token_id", as: String?.self),
            actorEndUserId: try row.decode(column: "actor_end_user_id", as: String?.self),
            visibility: try row.decode(column: "visibility", as: String?.self), oldValue: try row.decode(column: "old_value", as: String?.self),
            newValue: try row.decode(column: "new_value", as: String?.self), body: try row.decode(column: "body", as: String?.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
    }

    static func ticket(_ row: any SQLRow) throws -> APITicket {
        APITicket(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: Int64.self),
            title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
            context: try row.decode(column: "context", as: String?.self), email: try row.decode(column: "email", as: String?.self),
            status: try row.decode(column: "status", as: String.self), priority: try row.decode(column: "priority", as: String.self),
            assigneeAccountId: try row.decode(column: "assignee_account_id", as: String?.self),
            assigneeEmail: try row.decode(column: "assignee_email", as: String?.self),
            serverId: try row.decode(column: "server_id", as: String?.self), serverSlug: try row.decode(column: "server_slug", as: String?.self),
            endUserId: try row.decode(column: "end_user_id", as: String?.self), sessionId: try row.decode(column: "session_id", as: String?.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)),
            resolvedAt: try row.decode(column: "resolved_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
    }
}
