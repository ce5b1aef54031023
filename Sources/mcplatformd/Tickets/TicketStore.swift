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

    /// Opens tickets (status `open`) with their numbers and the sequence numbers of their
    /// `created` events, in as few statements as possible. Returns the new tickets' ids.
    @discardableResult
    func open(_ tickets: [(draft: TicketDraft, number: Int64, seq: Int64)], now: EpochMillis, on db: any SQLDatabase) async throws -> [String] {
        guard !tickets.isEmpty else { return [] }
        let ids = tickets.map { _ in Identifier.make("tkt") }
        let insert = db.insert(into: "support_tickets").columns(
            "id", "organization_id", "number", "server_id", "end_user_id", "session_id", "title", "description", "context", "email",
            "status", "priority", "created_at", "updated_at")
        for (index, ticket) in tickets.enumerated() {
            let d = ticket.draft
            insert.values(SQLBind(ids[index]), SQLBind(d.organizationID), SQLBind(ticket.number), SQLBind(d.serverID), SQLBind(d.endUserID),
                          SQLBind(d.sessionID), SQLBind(d.title), SQLBind(d.description), SQLBind(d.context), SQLBind(d.email),
                          SQLBind(TicketStatus.open.rawValue), SQLBind(TicketPriority.normal.rawValue), SQLBind(now), SQLBind(now))
        }
        try await insert.run()
        try await append(tickets.enumerated().map { index, ticket in
            TicketEventDraft(organizationID: ticket.draft.organizationID, ticketID: ids[index], seq: ticket.seq, kind: .created,
                             actor: .endUser(ticket.draft.endUserID), newValue: TicketStatus.open.rawValue)
        }, now: now, on: db)
        return ids
    }

    /// Appends events, each with its sequence number already reserved.
    func append(_ events: [TicketEventDraft], now: EpochMillis, on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        let insert = db.insert(into: "ticket_events").columns(
            "id", "organization_id", "ticket_id", "seq", "kind", "actor_account_id", "actor_token_id", "actor_end_user_id", "visibility",
            "old_value", "new_value", "body", "created_at")
        for event in events {
            insert.values(SQLBind(event.id), SQLBind(event.organizationID), SQLBind(event.ticketID), SQLBind(event.seq), SQLBind(event.kind.rawValue),
                          SQLBind(event.actor.accountID), SQLBind(event.actor.tokenID), SQLBind(event.actor.endUserID), SQLBind(event.visibility),
                          SQLBind(event.oldValue), SQLBind(event.newValue), SQLBind(event.body), SQLBind(now))
        }
        try await insert.run()
    }
}

/// An event about to be appended to a ticket's history.
struct TicketEventDraft: Sendable {
    let id = Identifier.make("tev")
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
