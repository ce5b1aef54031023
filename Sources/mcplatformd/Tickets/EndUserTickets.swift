import Foundation
import Shared
import SQLKit

/// One of an end user's own tickets as the MCP tools show it: its state, and the public replies
/// of the support team since the end user last wrote.
struct EndUserTicket: Sendable, Equatable {
    let number: Int64
    let title: String
    let status: String
    let openedAt: Date
    let updatedAt: Date
    /// Public staff comments after the end user's latest message (the ticket itself counts).
    let newReplies: [Reply]

    struct Reply: Sendable, Equatable {
        let at: Date
        let body: String
    }
}

/// What an end user's reply did to their ticket.
struct EndUserReply: Sendable, Equatable {
    let number: Int64
    let status: String
    /// Whether the reply reopened a resolved ticket.
    let reopened: Bool
}

/// The end user's side of the ticket workflow (docs/MCP.md "Tools"): an end user sees and answers
/// only the tickets their own end-user record opened. Another record's ticket is, to them, no
/// ticket at all.
extension TicketWorkflow {
    static let maxEndUserTickets = 20

    /// The end user's newest tickets, each with the public replies they have not answered.
    func endUserTickets(organizationID: String, endUserID: String, limit: Int) async throws -> [EndUserTicket] {
        let count = min(max(limit, 1), Self.maxEndUserTickets)
        return try await database.withConnection { db in
            var result: [EndUserTicket] = []
            for ticket in try await queries.tickets(organizationID: organizationID, endUserID: endUserID, limit: count, on: db) {
                let events = try await queries.events(organizationID: organizationID, ticketID: ticket.id, on: db)
                let lastOwn = events.lastIndex { $0.actorEndUserId == endUserID && ($0.kind == TicketEventKind.created.rawValue || $0.kind == TicketEventKind.comment.rawValue) }
                let since = lastOwn.map { events.index(after: $0) } ?? events.startIndex
                let replies = events[since...].filter { $0.kind == TicketEventKind.comment.rawValue && $0.visibility == "public" && $0.actorEndUserId == nil }
                    .map { EndUserTicket.Reply(at: $0.createdAt, body: $0.body ?? "") }
                result.append(EndUserTicket(number: ticket.number, title: ticket.title, status: ticket.status, openedAt: ticket.createdAt,
                                            updatedAt: ticket.updatedAt, newReplies: replies))
            }
            return result
        }
    }

    /// Adds the end user's public message to ticket `number`, which their record must have
    /// opened. A resolved ticket is reopened; a closed one refuses (`TicketError.closed`).
    func endUserReply(number: Int64, message: String, organizationID: String, endUserID: String) async throws -> EndUserReply {
        let body = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw TicketError.invalid(field: "message", rule: "the message is empty") }
        guard body.count <= Self.maxComment else { throw TicketError.invalid(field: "message", rule: "a message has at most \(Self.maxComment) characters") }
        let reference = String(number)
        let reply = try await database.transaction { db -> EndUserReply in
            let ticket = try await lockedTicket(reference, organizationID: organizationID, on: db)
            guard ticket.endUserId == endUserID else { throw TicketError.notFound(reference: reference) }
            let current = TicketStatus(rawValue: ticket.status) ?? .open
            if current == .closed { throw TicketError.closed(number: ticket.number) }
            let now = nowMillis()
            let actor = TicketActor.endUser(endUserID)
            var events: [TicketEventDraft] = []
            let reopened = current == .resolved
            if reopened {
                events.append(TicketEventDraft(organizationID: organizationID, ticketID: ticket.id, seq: 0, kind: .statusChanged, actor: actor,
                                               oldValue: current.rawValue, newValue: TicketStatus.open.rawValue))
            }
            events.append(TicketEventDraft(organizationID: organizationID, ticketID: ticket.id, seq: 0, kind: .comment, actor: actor,
                                           visibility: "public", body: body))
            let update = db.update("support_tickets").set("updated_at", to: now)
            if reopened { update.set("status", to: TicketStatus.open.rawValue) }
            try await update.where("id", .equal, ticket.id).run()
            try await append(&events, organizationID: organizationID, now: now, on: db)
            guard let updated = try await queries.ticket(id: ticket.id, organizationID: organizationID, on: db),
                  let written = try await queries.events(organizationID: organizationID, ticketID: ticket.id, on: db).last else {
                throw TicketError.notFound(reference: reference)
            }
            var notices: [WebhookEvent] = []
            if reopened {
                let changes: JSONValue = [["field": "status", "old": .string(current.rawValue), "new": "open"]]
                notices.append(.ticket("ticket.updated", id: events[0].id, ticket: updated, organizationID: organizationID, at: now,
                                       extra: ["changes": changes], summary: "Ticket #\(updated.number) reopened by its end user"))
            }
            notices.append(try Self.commented(written, id: written.id, ticket: updated, organizationID: organizationID, at: now,
                                              what: "end-user reply", body: body))
            try await publisher.publish(notices, on: db)
            return EndUserReply(number: updated.number, status: updated.status, reopened: reopened)
        }
        feed.notify()
        return reply
    }
}
