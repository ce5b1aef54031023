import SQLKit

/// Support tickets in the database. Numbers (`#N`) come from a per-organization counter; every
/// change is also an event in the append-only `ticket_events` log, numbered by a second
/// per-organization counter taken in the same transaction — the row lock it holds until commit
/// makes sequence order commit order, so `tickets watch` resuming from a cursor misses nothing.
struct TicketStore: Sendable {
    /// Takes the next `count` ticket numbers and as many event sequence numbers of the
    /// organization; returns the first of each.
    func reserveNumbers(_ count: Int, organizationID: String, on db: any SQLDatabase) async throws -> (number: Int64, seq: Int64) {
        guard let row = try await db.raw("""
            UPDATE organizations SET ticket_counter = ticket_counter + \(bind: Int64(count)),
                ticket_event_counter = ticket_event_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_counter, ticket_event_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return (try row.decode(column: "ticket_counter", as: Int64.self) - Int64(count) + 1,
                try row.decode(column: "ticket_event_counter", as: Int64.self) - Int64(count) + 1)
    }

    /// `reserveNumbers` on SQLite's direct connection (the MCP hot path).
    static func reserveNumbers(_ count: Int, organizationID: String, direct: SQLiteDirect.Session) throws(StorageError) -> (number: Int64, seq: Int64) {
        let rows = try direct.integerRows("""
            UPDATE organizations SET ticket_counter = ticket_counter + ?1, ticket_event_counter = ticket_event_counter + ?1
            WHERE id = ?2 RETURNING ticket_counter, ticket_event_counter
            """, [.integer(Int64(count)), .text(organizationID)])
        guard let row = rows.first, row.count == 2 else { throw StorageError.unavailable("organization \(organizationID) is gone") }
        return (row[0] - Int64(count) + 1, row[1] - Int64(count) + 1)
    }

    /// Takes the next `count` event sequence numbers of the organization; returns the first.
    func reserveEventSequence(_ count: Int, organizationID: String, on db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw("""
            UPDATE organizations SET ticket_event_counter = ticket_event_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_event_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try row.decode(column: "ticket_event_counter", as: Int64.self) - Int64(count) + 1
    }

    /// The rows that open `tickets`: each ticket's and its `created` event's, with the new ids.
    static func opening(_ tickets: [(draft: TicketDraft, number: Int64, seq: Int64)], now: EpochMillis)
        -> (ids: [String], tickets: [[ColumnValue]], events: [[ColumnValue]]) {
        var ids: [String] = [], ticketRows: [[ColumnValue]] = [], eventRows: [[ColumnValue]] = []
        ids.reserveCapacity(tickets.count)
        for ticket in tickets {
            let d = ticket.draft, id = Identifier.ordered("tkt")
            ids.append(id)
            ticketRows.append([.text(id), .text(d.organizationID), .integer(ticket.number), .text(d.serverID), .text(d.endUserID), .text(d.sessionID),
                               .text(d.title), .text(d.description), ColumnValue(d.context), ColumnValue(d.email),
                               .text(TicketStatus.open.rawValue), .text(TicketPriority.normal.rawValue), .integer(now), .integer(now)])
            eventRows.append(eventRow(TicketEventDraft(organizationID: d.organizationID, ticketID: id, seq: ticket.seq, kind: .created,
                                                       actor: .endUser(d.endUserID), newValue: TicketStatus.open.rawValue), now: now))
        }
        return (ids, ticketRows, eventRows)
    }

    static let insertTicket = ticketColumns.insertStatement(into: "support_tickets")
    static let insertEvent = eventColumns.insertStatement(into: "ticket_events")
    static let ticketColumns = ["id", "organization_id", "number", "server_id", "end_user_id", "session_id", "title", "description", "context",
                                "email", "status", "priority", "created_at", "updated_at"]
    static let eventColumns = ["id", "organization_id", "ticket_id", "seq", "kind", "actor_account_id", "actor_token_id", "actor_end_user_id",
                               "visibility", "old_value", "new_value", "body", "created_at"]

    /// Appends events, each with its sequence number already reserved.
    func append(_ events: [TicketEventDraft], now: EpochMillis, on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        try await db.insertRows(into: "ticket_events", Self.eventColumns, events.map { Self.eventRow($0, now: now) })
    }

    static func eventRow(_ event: TicketEventDraft, now: EpochMillis) -> [ColumnValue] {
        [.text(event.id), .text(event.organizationID), .text(event.ticketID), .integer(event.seq), .text(event.kind.rawValue),
         ColumnValue(event.actor.accountID), ColumnValue(event.actor.tokenID), ColumnValue(event.actor.endUserID), ColumnValue(event.visibility),
         ColumnValue(event.oldValue), ColumnValue(event.newValue), ColumnValue(event.body), .integer(now)]
    }
}

/// An event about to be appended to a ticket's history.
struct TicketEventDraft: Sendable {
    let id = Identifier.ordered("tev")
    let organizationID: String
    let ticketID: String
    /// Reserved with `reserveEventSequence` in the transaction that appends it.
    var seq: Int64
    let kind: TicketEventKind
    let actor: TicketActor
    var visibility: String?
    var oldValue: String?
    var newValue: String?
    var body: String?
}

/// Who changed a ticket.
enum TicketActor: Sendable, Equatable {
    case account(String, tokenID: String)
    case token(String)
    case endUser(String)

    /// The actor of an admin API request: its account when a person's token, else the token.
    init(_ principal: Principal) {
        if principal.kind == .login, let account = principal.accountID {
            self = .account(account, tokenID: principal.tokenID)
        } else {
            self = .token(principal.tokenID)
        }
    }

    var accountID: String? { if case .account(let id, _) = self { id } else { nil } }
    var tokenID: String? {
        switch self {
        case .account(_, let token), .token(let token): token
        case .endUser: nil
        }
    }
    var endUserID: String? { if case .endUser(let id) = self { id } else { nil } }
}
