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
    private let state = Mutex(State())
    private let maxWriters: Int
    private let maxBatch = 128
    private let tickets = TicketStore()
    private let logger = Logger(label: "mcplatformd.toolcalls")

    init(database: Database, webhooks: WebhookPublisher? = nil, feed: Broadcast? = nil) {
        self.database = database
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

    private func write(_ batch: [Pending]) async {
        do {
            let numbers = try await database.transaction { db in try await self.insert(batch.map(\.record), on: db) }
            if numbers.contains(where: { $0 != nil }) { feed?.notify() }
            for (pending, number) in zip(batch, numbers) { pending.continuation.resume(returning: number) }
        } catch where batch.count > 1 {
            logger.warning("tool-call batch failed; writing its calls one by one", metadata: ["calls": "\(batch.count)", "error": "\(error)"])
            for pending in batch { await write([pending]) }
        } catch {
            batch[0].continuation.resume(throwing: error)
        }
    }

    /// Inserts the records: ticket numbers per organization in one update each, then one
    /// multi-row insert per table. Returns each record's ticket number (or nil).
    private func insert(_ records: [ToolCallRecord], on db: any SQLDatabase) async throws -> [Int64?] {
        let now = nowMillis()
        var numbers = [Int64?](repeating: nil, count: records.count)
        var byOrganization: [String: [Int]] = [:]
        for (index, record) in records.enumerated() where record.ticket != nil {
            byOrganization[record.organizationID, default: []].append(index)
        }
        var opened: [(draft: TicketDraft, number: Int64, seq: Int64)] = []
        for (organizationID, indices) in byOrganization.sorted(by: { $0.key < $1.key }) {
            let first = try await tickets.reserveNumbers(indices.count, organizationID: organizationID, on: db)
            for (offset, index) in indices.enumerated() {
                let number = first.number + Int64(offset)
                numbers[index] = number
                if let draft = records[index].ticket { opened.append((draft, number, first.seq + Int64(offset))) }
            }
        }
        let ticketIDs = try await tickets.open(opened, now: now, on: db)
        var events = zip(opened, ticketIDs).map { ticket, id in WebhookEvent.ticketCreated(ticket.draft, id: id, number: ticket.number, at: now) }
        var claims: [String: (organizationID: String, email: String)] = [:]
        for record in records {
            if let email = record.claimedEmail, let endUserID = record.endUserID { claims[endUserID] = (record.organizationID, email) }
        }
        for (endUserID, claim) in claims.sorted(by: { $0.key < $1.key }) {
            if try await EndUserStore().claim(email: claim.email, endUserID: endUserID, on: db) {
                events.append(.endUserIdentified(endUserID, email: claim.email, verified: false, organizationID: claim.organizationID, at: now))
            }
        }
        try await webhooks?.publish(events, on: db)
        let insert = db.insert(into: "tool_calls").columns(
            "id", "organization_id", "server_id", "session_id", "end_user_id", "tool", "arguments", "outcome", "result_summary", "error",
            "duration_us", "created_at")
        for (index, record) in records.enumerated() {
            insert.values(SQLBind(Identifier.make("tc")), SQLBind(record.organizationID), SQLBind(record.serverID), SQLBind(record.sessionID),
                          SQLBind(record.endUserID), SQLBind(record.tool), SQLBind(record.arguments), SQLBind(record.isError ? "error" : "ok"),
                          SQLBind(String(record.summary(numbers[index]).prefix(500))), SQLBind(record.error), SQLBind(record.durationMicros),
                          SQLBind(now))
        }
        try await insert.run()
        return numbers
    }
}
