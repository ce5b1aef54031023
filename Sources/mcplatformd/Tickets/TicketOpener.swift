/// The one place tickets are opened and their history rows are built.
///
/// The MCP recorder opens tickets in batches: `groups` says which organizations' counters a
/// batch takes and how many numbers each, the engine's writer reserves them, and `open` turns
/// the reservations into each ticket's number, its row and its `created` event. The staff workflow appends its events through `numbered` and
/// `eventRows`, so every row of `support_tickets` and `ticket_events` is laid out here.
enum TicketOpener {
    static let tickets = TableLayout("support_tickets", ["id", "organization_id", "number", "server_id", "end_user_id", "session_id", "title",
                                                         "description", "context", "email", "status", "priority", "created_at", "updated_at"])
    static let events = TableLayout("ticket_events", ["id", "organization_id", "ticket_id", "seq", "kind", "actor_account_id", "actor_token_id",
                                                      "actor_end_user_id", "visibility", "old_value", "new_value", "body", "created_at"])

    /// An organization opening tickets in a batch, with the batch positions of its drafts.
    struct Group: Sendable, Equatable {
        let organizationID: String
        let indices: [Int]
    }

    /// The first ticket number and event sequence number reserved for a group.
    struct Reserved: Sendable, Equatable {
        let number: Int64
        let seq: Int64

        init(number: Int64, seq: Int64) {
            self.number = number
            self.seq = seq
        }

        /// The first of `count` numbers whose last is what the counters hold after the update;
        /// a counter the subtraction would overflow (a corrupt row) is an error, not a trap.
        init(lastNumber: Int64, lastSeq: Int64, count: Int) throws(StorageError) {
            number = try Self.first(of: count, endingAt: lastNumber)
            seq = try Self.first(of: count, endingAt: lastSeq)
        }

        static func first(of count: Int, endingAt last: Int64) throws(StorageError) -> Int64 {
            let (first, overflow) = last.subtractingReportingOverflow(Int64(count) - 1)
            guard !overflow, count > 0 else { throw StorageError.unavailable("a ticket counter holds \(last), which cannot end \(count) new numbers") }
            return first
        }
    }

    /// Tickets opened by a batch.
    struct Opened: Sendable {
        /// Each batch position's ticket number (nil where no ticket was opened).
        let numbers: [Int64?]
        /// Each batch position's new ticket id (nil where no ticket was opened).
        let ids: [String?]
        let ticketRows: TableRows
        let eventRows: TableRows
    }

    /// The organizations opening tickets among `drafts`, in id order (the order their counter
    /// rows are locked in, so two batches never wait on each other's counters crosswise).
    static func groups(_ drafts: [TicketDraft?]) -> [Group] {
        var byOrganization: [String: [Int]] = [:]
        for (index, draft) in drafts.enumerated() {
            if let draft { byOrganization[draft.organizationID, default: []].append(index) }
        }
        return byOrganization.sorted { $0.key < $1.key }.map { Group(organizationID: $0.key, indices: $0.value) }
    }

    /// Opens the drafts of `groups` with the numbers reserved for them (`reserved[i]` for `groups[i]`).
    static func open(_ drafts: [TicketDraft?], _ groups: [Group], _ reserved: [Reserved], now: EpochMillis) -> Opened {
        var numbers = [Int64?](repeating: nil, count: drafts.count)
        var ids = [String?](repeating: nil, count: drafts.count)
        var ticketRows: [[ColumnValue]] = [], eventRows: [[ColumnValue]] = []
        for (group, first) in zip(groups, reserved) {
            for (offset, index) in group.indices.enumerated() {
                guard let draft = drafts[index] else { continue }
                let number = first.number + Int64(offset), id = Identifier.ordered("tkt", now: now)
                numbers[index] = number
                ids[index] = id
                ticketRows.append([.text(id), .text(draft.organizationID), .integer(number), .text(draft.serverID), .text(draft.endUserID),
                                   .text(draft.sessionID), .text(draft.title), .text(draft.description), ColumnValue(draft.context),
                                   ColumnValue(draft.email), .text(TicketStatus.open.rawValue), .text(TicketPriority.normal.rawValue),
                                   .integer(now), .integer(now)])
                eventRows.append(eventRow(TicketEventDraft(organizationID: draft.organizationID, ticketID: id, seq: first.seq + Int64(offset),
                                                           kind: .created, actor: .endUser(draft.endUserID), newValue: TicketStatus.open.rawValue),
                                          now: now))
            }
        }
        return Opened(numbers: numbers, ids: ids, ticketRows: TableRows(Self.tickets, ticketRows),
                      eventRows: TableRows(Self.events, eventRows))
    }

    /// `events` numbered from `first`, the first of as many sequence numbers reserved for them.
    static func numbered(_ events: [TicketEventDraft], from first: Int64) -> [TicketEventDraft] {
        events.enumerated().map { offset, event in
            var event = event
            event.seq = first + Int64(offset)
            return event
        }
    }

    /// The rows of `events`, each with its sequence number already reserved.
    static func eventRows(_ events: [TicketEventDraft], now: EpochMillis) -> TableRows {
        TableRows(Self.events, events.map { eventRow($0, now: now) })
    }

    private static func eventRow(_ event: TicketEventDraft, now: EpochMillis) -> [ColumnValue] {
        [.text(event.id), .text(event.organizationID), .text(event.ticketID), .integer(event.seq), .text(event.kind.rawValue),
         ColumnValue(event.actor.accountID), ColumnValue(event.actor.tokenID), ColumnValue(event.actor.endUserID), ColumnValue(event.visibility),
         ColumnValue(event.oldValue), ColumnValue(event.newValue), ColumnValue(event.body), .integer(now)]
    }
}
