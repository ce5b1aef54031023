import Foundation
import Shared
import SQLKit

/// The admin API's read model of support tickets; every query is scoped to one organization.
struct TicketQueries: Sendable {
    static let columns = ["id", "number", "title", "description", "context", "email", "status", "priority", "assignee_account_id",
                          "server_id", "end_user_id", "session_id", "created_at", "updated_at", "resolved_at"]

    /// A page of tickets, newest first, optionally of one status.
    func tickets(organizationID: String, status: TicketStatus?, page: Pagination, on db: any SQLDatabase) async throws -> [APITicket] {
        let query = db.select().columns(Self.columns.map { SQLColumn($0) }).from("support_tickets").where("organization_id", .equal, organizationID)
        if let status { query.where("status", .equal, status.rawValue) }
        return try await page.apply(to: query, table: "support_tickets").all().map(Self.ticket)
    }

    /// The newest tickets of one end user.
    func tickets(organizationID: String, endUserID: String, limit: Int, on db: any SQLDatabase) async throws -> [APITicket] {
        try await db.select().columns(Self.columns.map { SQLColumn($0) }).from("support_tickets")
            .where("organization_id", .equal, organizationID).where("end_user_id", .equal, endUserID)
            .orderBy("number", .descending).limit(limit).all().map(Self.ticket)
    }

    /// The ticket named by `reference` (`12`, `#12` or its id) with its history.
    func ticket(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APITicket? {
        let query = db.select().columns(Self.columns.map { SQLColumn($0) }).from("support_tickets").where("organization_id", .equal, organizationID)
        if let number = Int64(reference.hasPrefix("#") ? String(reference.dropFirst()) : reference) {
            query.where("number", .equal, number)
        } else {
            query.where("id", .equal, reference)
        }
        guard let row = try await query.first() else { return nil }
        var ticket = try Self.ticket(row)
        ticket.events = try await db.select()
            .columns("id", "kind", "actor_account_id", "actor_end_user_id", "visibility", "old_value", "new_value", "body", "created_at")
            .from("ticket_events").where("organization_id", .equal, organizationID).where("ticket_id", .equal, ticket.id)
            .orderBy("created_at").orderBy("id").all().map { row in
                APITicketEvent(
                    id: try row.decode(column: "id", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                    actorAccountId: try row.decode(column: "actor_account_id", as: String?.self),
                    actorEndUserId: try row.decode(column: "actor_end_user_id", as: String?.self),
                    visibility: try row.decode(column: "visibility", as: String?.self), oldValue: try row.decode(column: "old_value", as: String?.self),
                    newValue: try row.decode(column: "new_value", as: String?.self), body: try row.decode(column: "body", as: String?.self),
                    createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
            }
        return ticket
    }

    static func ticket(_ row: any SQLRow) throws -> APITicket {
        APITicket(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: Int64.self),
            title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
            context: try row.decode(column: "context", as: String?.self), email: try row.decode(column: "email", as: String?.self),
            status: try row.decode(column: "status", as: String.self), priority: try row.decode(column: "priority", as: String.self),
            assigneeAccountId: try row.decode(column: "assignee_account_id", as: String?.self),
            serverId: try row.decode(column: "server_id", as: String?.self), endUserId: try row.decode(column: "end_user_id", as: String?.self),
            sessionId: try row.decode(column: "session_id", as: String?.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)),
            resolvedAt: try row.decode(column: "resolved_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
    }
}
