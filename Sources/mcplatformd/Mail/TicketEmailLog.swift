import Foundation
import Shared
import SQLKit

/// The emails about one ticket, as `tickets show` lists them in its timeline.
struct TicketEmailLog: Sendable {
    func emails(ticketID: String, organizationID: String, on db: any SQLDatabase) async throws -> [APITicketEmail] {
        try await db.select()
            .columns("id", "kind", "recipient", "state", "attempts", "last_error", "event_id", "created_at", "sent_at")
            .from("ticket_emails").where("ticket_id", .equal, ticketID).where("organization_id", .equal, organizationID)
            .orderBy("created_at").orderBy("id").all()
            .map { row in
                APITicketEmail(
                    id: try row.decode(column: "id", as: String.self),
                    kind: APITicketEmail.KindPayload(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reply,
                    recipient: try row.decode(column: "recipient", as: String.self),
                    state: APITicketEmail.StatePayload(rawValue: try row.decode(column: "state", as: String.self)) ?? .queued,
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    lastError: try row.decode(column: "last_error", as: String?.self),
                    eventId: try row.decode(column: "event_id", as: String?.self),
                    createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
                    sentAt: try row.decode(column: "sent_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
            }
    }
}
