import Foundation
import Logging
import SQLKit
import Synchronization

/// One `tools/call` as recorded in `tool_calls`, with the writes of the tool that commit with it.
struct ToolCallRecord: Sendable {
    let organizationID: String
    let serverID: String
    let sessionID: String?
    let endUserID: String?
    let tool: String
    let arguments: String
    let isError: Bool
    let error: String?
    let durationMicros: Int64
    var ticket: TicketDraft?
    var claimedEmail: String?
    /// The summary, given the ticket number the write assigned.
    var summary: @Sendable (Int64?) -> String
}

/// Writes tool calls with their tools' writes, several calls per transaction (group commit).
///
/// A call waits until the transaction holding its row has committed, so no answer is sent for a
/// call missing from the record. While one batch commits, the next collects: under load a
/// transaction carries many calls, at rest each call commits alone without waiting. A batch
/// that fails is retried call by call, so one bad call cannot take others down with it.
final class ToolCallRecorder: Sendable {
    private struct Pending {
        let record: ToolCallRecord
        let continuation: CheckedContinuation<Int64?, any Error>
    }
    private struct State {
        var queue: [Pending] = []
        var writers = 0
    }

    let database: Database
    /// Where ticket and identification events go (none in benchmarks and some tests).
    let webhooks: WebhookPublisher?
    /// Woken when tickets were opened, for `tickets watch` on this replica.
    let feed: Broadcast?
    /// Queues ticket confirmations (none in benchmarks and some tests).
    let mailer: TicketMailer?
    private let state = Mutex(State())
    private let maxWriters: Int
    private let maxBatch = 128
    private let maxJoinYields = 4
    private let tickets = TicketStore()
    private let logger = Logger(label: "mcplatformd.toolcalls")

    /// Whether SQLite batches go through `SQLiteDirect` (tests turn it off to compare the writers).
    private let useDirect: Bool

    init(database: Database, webhooks: WebhookPublisher? = nil, feed: Broadcast? = nil, mailer: TicketMailer? = nil, useDirect: Bool = true) {
        self.database = database
        self.mailer = mailer
        self.useDirect = useDirect
        self.webhooks = webhooks
        self.feed = feed
        // SQLite has one writer; PostgreSQL takes a few batches at once.
        self.maxWriters = database.engine == .sqlite ? 1 : 4
    }

    /// Records one call; returns the number of the ticket it opened, if any, once committed.
    func record(_ record: ToolCallRecord) async throws -> Int64? {
        try await withCheckedThrowingContinuation { continuation in
            let startWriter = state.withLock { state -> Bool in
                state.queue.append(Pending(record: record, continuation: continuation))
                guard state.writers < maxWriters else { return false }
                state.writers += 1
                return true
            }
            if startWriter {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while true {
            await letCallsJoin()
            let batch = state.withLock { state -> [Pending] in
                guard !state.queue.isEmpty else {
                    state.writers -= 1
                    return []
                }
                let count = min(maxBatch, state.queue.count)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            await write(batch)
        }
    }

    /// Before a batch is taken, lets tasks already queued on the executor run first, so that calls
    /// a moment from being recorded join it instead of waiting for the next commit; stops when a
    /// yield brought none (at rest, after one yield that returns at once). Bigger batches commit
    /// less often: in the benchmark they grew from ~15 to ~22 calls, for ~2% less CPU a call.
    private func letCallsJoin() async {
        var queued = state.withLock { $0.queue.count }
        for _ in 0..<maxJoinYields where queued < maxBatch {
            await Task.yield()
            let now = state.withLock { $0.queue.count }
            if now == queued { return }
            queued = now
        }
    }

    private func write(_ batch: [Pending]) async {
        do {
            let records = batch.map(\.record)
            let numbers: [Int64?]
            if useDirect, let direct = database.direct, !needsMail(records), try await !needsWebhooks(records) {
                numbers = try await direct.transaction { session throws(StorageError) in try Self.insert(records, direct: session) }
            } else {
                numbers = try await database.transaction { db in try await self.insert(records, on: db) }
            }
            if numbers.contains(where: { $0 != nil }) { feed?.notify() }
            for (pending, number) in zip(batch, numbers) { pending.continuation.resume(returning: number) }
        } catch where batch.count > 1 {
            logger.warning("tool-call batch failed; writing its calls one by one", metadata: ["calls": "\(batch.count)", "error": "\(error)"])
            for pending in batch { await write([pending]) }
        } catch {
            batch[0].continuation.resume(throwing: error)
        }
    }

    /// Whether the batch opens a ticket with an email while mail is on: then it is written through
    /// SQLKit, where the confirmation is queued in the same transaction.
    private func needsMail(_ records: [ToolCallRecord]) -> Bool {
        guard mailer?.enabled == true else { return false }
        return records.contains { $0.ticket?.email != nil }
    }

    /// Whether the batch's events (tickets opened, emails claimed) have a webhook to go to: then
    /// it is written through SQLKit, where deliveries are created in the same transaction.
    private func needsWebhooks(_ records: [ToolCallRecord]) async throws -> Bool {
        guard let webhooks else { return false }
        var organizations = Set<String>()
        for record in records where record.ticket != nil || record.claimedEmail != nil { organizations.insert(record.organizationID) }
        for organizationID in organizations where try await webhooks.hasWebhooks(organizationID: organizationID, database: database) {
            return true
        }
        return false
    }

    /// Writes the records through SQLKit (either engine): claimed emails first, then ticket
    /// numbers per organization in one update each (the counter rows stay locked until commit,
    /// so as little as possible comes after them), the webhook deliveries, and every row in one
    /// statement on PostgreSQL (one per table on SQLite). Returns each record's ticket number (or nil).
    private func insert(_ records: [ToolCallRecord], on db: any SQLDatabase) async throws -> [Int64?] {
        let now = nowMillis()
        var identified: [WebhookEvent] = []
        for claim in ToolCallBatch.claims(records) where try await EndUserStore().claim(email: claim.email, endUserID: claim.endUserID, on: db) {
            identified.append(.endUserIdentified(claim.endUserID, email: claim.email, verified: false, organizationID: claim.organizationID, at: now))
        }
        let groups = ToolCallBatch.ticketGroups(records)
        var firsts: [(number: Int64, seq: Int64)] = []
        for group in groups { firsts.append(try await tickets.reserveNumbers(group.indices.count, organizationID: group.organizationID, on: db)) }
        let (numbers, opened) = ToolCallBatch.assign(records, groups, firsts)
        let rows = TicketStore.opening(opened, now: now)
        let created = zip(opened, rows.ids).map { ticket, id in WebhookEvent.ticketCreated(ticket.draft, id: id, number: ticket.number, at: now) }
        try await webhooks?.publish(created + identified, on: db)
        try await db.insertRows([
            TableRows(table: "support_tickets", columns: TicketStore.ticketColumns, rows: rows.tickets),
            TableRows(table: "ticket_events", columns: TicketStore.eventColumns, rows: rows.events),
            TableRows(table: "tool_calls", columns: ToolCallBatch.toolCallColumns, rows: ToolCallBatch.toolCallRows(records, numbers, now: now)),
        ], engine: database.engine)
        if let mailer, mailer.enabled {
            for (ticket, id) in zip(opened, rows.ids) where ticket.draft.email != nil {
                _ = try await mailer.enqueue(.confirmation, ticketID: id, organizationID: ticket.draft.organizationID, recipient: ticket.draft.email, on: db)
            }
        }
        return numbers
    }

    /// The same writes on SQLite's direct connection, one prepared statement per row, for
    /// batches whose events no webhook wants.
    private static func insert(_ records: [ToolCallRecord], direct session: SQLiteDirect.Session) throws(StorageError) -> [Int64?] {
        let now = nowMillis()
        for claim in ToolCallBatch.claims(records) { _ = try EndUserStore.claim(email: claim.email, endUserID: claim.endUserID, direct: session) }
        let groups = ToolCallBatch.ticketGroups(records)
        var firsts: [(number: Int64, seq: Int64)] = []
        for group in groups {
            firsts.append(try TicketStore.reserveNumbers(group.indices.count, organizationID: group.organizationID, direct: session))
        }
        let (numbers, opened) = ToolCallBatch.assign(records, groups, firsts)
        let rows = TicketStore.opening(opened, now: now)
        try session.run(TicketStore.insertTicket, rows: rows.tickets)
        try session.run(TicketStore.insertEvent, rows: rows.events)
        try session.run(ToolCallBatch.insertToolCall, rows: ToolCallBatch.toolCallRows(records, numbers, now: now))
        return numbers
    }
}
