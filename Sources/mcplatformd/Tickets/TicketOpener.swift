/// Opens tickets, the one way it is done: numbers reserved per organization (one counter update
/// each, in id order: the order their rows are locked in, so concurrent batches cannot deadlock),
/// then each ticket's row and its `created` event's, written by the caller with its other rows.
enum TicketOpener {
    /// A ticket about to be written.
    struct Opened: Sendable {
        let draft: TicketDraft
        let id: String
        let number: Int64
    }

    /// What opening `drafts` (one per record, nil where a record opens none) gives: each
    /// record's ticket number, the tickets, and their rows.
    struct Opening: Sendable {
        var numbers: [Int64?]
        var opened: [Opened]
        var tables: [TableRows]
    }

    static func open(_ drafts: [TicketDraft?], writer: any HotPathWriter, now: EpochMillis) async throws -> Opening {
        var numbers = [Int64?](repeating: nil, count: drafts.count)
        var opened: [Opened] = []
        var tickets: [[ColumnValue]] = [], events: [[ColumnValue]] = []
        for group in groups(drafts) {
            let first = try await writer.reserveTicketNumbers(group.indices.count, organizationID: group.organizationID)
            for (offset, index) in group.indices.enumerated() {
                guard let draft = drafts[index] else { continue }
                let number = first.number + Int64(offset), id = Identifier.ordered("tkt")
                numbers[index] = number
                opened.append(Opened(draft: draft, id: id, number: number))
                tickets.append(row(draft, id: id, number: number, now: now))
                events.append(TicketStore.eventRow(TicketEventDraft(organizationID: draft.organizationID, ticketID: id, seq: first.seq + Int64(offset),
                                                                    kind: .created, actor: .endUser(draft.endUserID),
                                                                    newValue: TicketStatus.open.rawValue), now: now))
            }
        }
        return Opening(numbers: numbers, opened: opened, tables: [
            TableRows(table: "support_tickets", columns: ticketColumns, rows: tickets),
            TableRows(table: "ticket_events", columns: TicketStore.eventColumns, rows: events),
        ])
    }

    /// The organizations opening tickets, each with its drafts' indices, in id order.
    static func groups(_ drafts: [TicketDraft?]) -> [(organizationID: String, indices: [Int])] {
        var byOrganization: [String: [Int]] = [:]
        for (index, draft) in drafts.enumerated() {
            if let draft { byOrganization[draft.organizationID, default: []].append(index) }
        }
        return byOrganization.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static let ticketColumns = ["id", "organization_id", "number", "server_id", "end_user_id", "session_id", "title", "description", "context",
                                "email", "status", "priority", "created_at", "updated_at"]

    private static func row(_ d: TicketDraft, id: String, number: Int64, now: EpochMillis) -> [ColumnValue] {
        [.text(id), .text(d.organizationID), .integer(number), .text(d.serverID), .text(d.endUserID), .text(d.sessionID),
         .text(d.title), .text(d.description), ColumnValue(d.context), ColumnValue(d.email),
         .text(TicketStatus.open.rawValue), .text(TicketPriority.normal.rawValue), .integer(now), .integer(now)]
    }
}
