/// Tool calls written in one transaction, and the engine-neutral logic of writing them.
///
/// A batch says what the engine's `ToolCallWriter` must ask the database inside the transaction
/// — the emails claimed, the ticket counters to take, the confirmations to check — and `rows`
/// turns the answers into every row the batch inserts: tickets and their `created` events,
/// tool calls, webhook deliveries and their jobs, ticket confirmation emails and their jobs.
struct ToolCallBatch: Sendable {
    /// An email `get_support` claims for an end user (the last one per end user in the batch).
    struct Claim: Sendable, Equatable {
        let endUserID: String
        let organizationID: String
        let email: String
    }

    /// A ticket confirmation to queue if the organization sends them and the address did not unsubscribe.
    struct Confirmation: Sendable, Equatable {
        /// The batch position of the call opening the ticket.
        let index: Int
        let organizationID: String
        let recipient: String
    }

    /// What the writer's statements answered, in the order of `claims`, `groups` and `confirmations`.
    struct Answers: Sendable {
        /// Whether each claim identified its end user (they had no email before).
        var identified: [Bool] = []
        var reserved: [TicketOpener.Reserved] = []
        var confirmable: [Bool] = []
    }

    /// The rows to insert, and what the recorder reports once they committed.
    struct Rows: Sendable {
        /// Each call's ticket number (nil where it opened none).
        let numbers: [Int64?]
        /// In insertion order; tables without rows included.
        let tables: [TableRows]
        let deliveries: Int
        let emails: Int
    }

    let records: [ToolCallRecord]
    let claims: [Claim]
    let groups: [TicketOpener.Group]
    let confirmations: [Confirmation]
    /// The webhooks of the batch's organizations that have any.
    private let subscriptions: [String: [WebhookPublisher.Subscription]]
    private let webhooks: WebhookPublisher?
    private let mailer: TicketMailer?

    init(_ records: [ToolCallRecord], webhooks: WebhookPublisher? = nil, subscriptions: [String: [WebhookPublisher.Subscription]] = [:],
         mailer: TicketMailer? = nil) {
        self.records = records
        self.webhooks = webhooks
        self.subscriptions = subscriptions
        self.mailer = mailer
        var claimed: [String: (organizationID: String, email: String)] = [:]
        for record in records {
            if let email = record.claimedEmail, let endUserID = record.endUserID { claimed[endUserID] = (record.organizationID, email) }
        }
        claims = claimed.sorted { $0.key < $1.key }.map { Claim(endUserID: $0.key, organizationID: $0.value.organizationID, email: $0.value.email) }
        groups = TicketOpener.groups(records.map(\.ticket))
        var confirmations: [Confirmation] = []
        if let mailer {
            for group in groups {
                for index in group.indices {
                    if let recipient = mailer.confirmationRecipient(records[index].ticket?.email) {
                        confirmations.append(Confirmation(index: index, organizationID: group.organizationID, recipient: recipient))
                    }
                }
            }
        }
        self.confirmations = confirmations
    }

    /// The organizations whose webhooks the batch may have events for (tickets opened, emails claimed).
    static func publishingOrganizations(_ records: [ToolCallRecord]) -> Set<String> {
        Set(records.lazy.filter { $0.ticket != nil || $0.claimedEmail != nil }.map(\.organizationID))
    }

    /// Every row of the batch, given the writer's answers.
    func rows(_ answers: Answers, now: EpochMillis) throws -> Rows {
        let opened = TicketOpener.open(records.map(\.ticket), groups, answers.reserved, now: now)
        var deliveries: [[ColumnValue]] = [], emails: [[ColumnValue]] = [], jobs: [[ColumnValue]] = []
        if let webhooks, !subscriptions.isEmpty {
            var events: [WebhookEvent] = []
            for (claim, identified) in zip(claims, answers.identified) where identified && subscriptions[claim.organizationID] != nil {
                events.append(.endUserIdentified(claim.endUserID, email: claim.email, verified: false, organizationID: claim.organizationID, at: now))
            }
            for (index, record) in records.enumerated() where subscriptions[record.organizationID] != nil {
                if let draft = record.ticket, let id = opened.ids[index], let number = opened.numbers[index] {
                    events.append(.ticketCreated(draft, id: id, number: number, at: now))
                }
            }
            let rows = try webhooks.deliveryRows(events, subscriptions, now: now)
            deliveries = rows.deliveries.rows
            jobs += rows.jobs.rows
        }
        if let mailer {
            for (confirmation, confirmable) in zip(confirmations, answers.confirmable) where confirmable {
                guard let ticketID = opened.ids[confirmation.index] else { continue }
                let rows = mailer.queued(.confirmation, ticketID: ticketID, organizationID: confirmation.organizationID,
                                         recipient: confirmation.recipient, now: now)
                emails += rows.email.rows
                jobs += rows.job.rows
            }
        }
        var tables = [opened.ticketRows, opened.eventRows, TableRows(WebhookPublisher.deliveries, deliveries), TableRows(TicketMailer.emails, emails),
                      TableRows(JobQueue.layout, jobs)]
        tables.append(TableRows(Self.toolCalls, zip(records, opened.numbers).map { record, number in
            [.text(Identifier.ordered("tc", now: now)), .text(record.organizationID), .text(record.serverID), ColumnValue(record.sessionID),
             ColumnValue(record.endUserID), .text(record.tool), .text(record.arguments), .text(record.isError ? "error" : "ok"),
             .text(String(record.summary(number).prefix(500))), ColumnValue(record.error), .integer(record.durationMicros), .integer(now)]
        }))
        return Rows(numbers: opened.numbers, tables: tables, deliveries: deliveries.count, emails: emails.count)
    }

    static let toolCalls = TableLayout("tool_calls", ["id", "organization_id", "server_id", "session_id", "end_user_id", "tool", "arguments",
                                                      "outcome", "result_summary", "error", "duration_us", "created_at"])
}
