import SQLKit

/// Support tickets in the database. Numbers (`#N`) come from a per-organization counter; every
/// change is also an event in the append-only `ticket_events` log, numbered by a second
/// per-organization counter taken in the same transaction — the row lock it holds until commit
/// makes sequence order commit order, so `tickets watch` resuming from a cursor misses nothing.
struct TicketStore: Sendable {
    /// Takes the next `count` ticket numbers and as many event sequence numbers of the
    /// organization; returns the first of each.
    func reserveNumbers(_ count: Int, organizationID: String, on db: any SQLDatabase) async throws -> TicketOpener.Reserved {
        guard let row = try await db.raw("""
            UPDATE organizations SET ticket_counter = ticket_counter + \(bind: Int64(count)),
                ticket_event_counter = ticket_event_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_counter, ticket_event_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try TicketOpener.Reserved(lastNumber: try row.decode(column: "ticket_counter", as: Int64.self),
                                         lastSeq: try row.decode(column: "ticket_event_counter", as: Int64.self), count: count)
    }

    /// Takes the next `count` event sequence numbers of the organization; returns the first.
    func reserveEventSequence(_ count: Int, organizationID: String, on db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw("""
            UPDATE organizations SET ticket_event_counter = ticket_event_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_event_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try TicketOpener.Reserved.first(of: count, endingAt: try row.decode(column: "ticket_event_counter", as: Int64.self))
    }

    /// Appends events, each with its sequence number already reserved.
    func append(_ events: [TicketEventDraft], now: EpochMillis, on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        try await db.insertRows(TicketOpener.eventRows(events, now: now))
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
