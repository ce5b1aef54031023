import SQLKit

/// Support tickets in the database. Numbers (`#N`) come from a per-organization counter; every
/// change is also an event in the append-only `ticket_events` log.
struct TicketStore: Sendable {
    /// Takes the next `count` ticket numbers of the organization; returns the first.
    func reserveNumbers(_ count: Int, organizationID: String, on db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw("""
            UPDATE organizations SET ticket_counter = ticket_counter + \(bind: Int64(count))
            WHERE id = \(bind: organizationID) RETURNING ticket_counter
            """).first() else {
            throw StorageError.unavailable("organization \(organizationID) is gone")
        }
        return try row.decode(column: "ticket_counter", as: Int64.self) - Int64(count) + 1
    }

    /// Opens tickets (status `open`) with their numbers, each with its `created` event, in as few
    /// statements as possible.
    func open(_ tickets: [(draft: TicketDraft, number: Int64)], now: EpochMillis, on db: any SQLDatabase) async throws {
        guard !tickets.isEmpty else { return }
        let ids = tickets.map { _ in Identifier.make("tkt") }
        let insert = db.insert(into: "support_tickets").columns(
            "id", "organization_id", "number", "server_id", "end_user_id", "session_id", "title", "description", "context", "email",
            "status", "priority", "created_at", "updated_at")
        for (index, ticket) in tickets.enumerated() {
            let d = ticket.draft
            insert.values(SQLBind(ids[index]), SQLBind(d.organizationID), SQLBind(ticket.number), SQLBind(d.serverID), SQLBind(d.endUserID),
                          SQLBind(d.sessionID), SQLBind(d.title), SQLBind(d.description), SQLBind(d.context), SQLBind(d.email),
                          SQLBind(TicketStatus.open.rawValue), SQLBind("normal"), SQLBind(now), SQLBind(now))
        }
        try await insert.run()
        let events = db.insert(into: "ticket_events").columns(
            "id", "organization_id", "ticket_id", "kind", "actor_end_user_id", "new_value", "created_at")
        for (index, ticket) in tickets.enumerated() {
            events.values(SQLBind(Identifier.make("tev")), SQLBind(ticket.draft.organizationID), SQLBind(ids[index]), SQLBind("created"),
                          SQLBind(ticket.draft.endUserID), SQLBind(TicketStatus.open.rawValue), SQLBind(now))
        }
        try await events.run()
    }
}
