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
    private let writer: any ToolCallWriter
    private let logger = Logger(label: "mcplatformd.toolcalls")

    init(database: Database, webhooks: WebhookPublisher? = nil, feed: Broadcast? = nil, mailer: TicketMailer? = nil) {
        self.database = database
        self.writer = database.toolCallWriter()
        self.mailer = mailer
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
            var subscriptions: [String: [WebhookPublisher.Subscription]] = [:]
            if let webhooks {
                let organizations = ToolCallBatch.publishingOrganizations(records)
                if !organizations.isEmpty {
                    subscriptions = try await webhooks.subscriptions(of: organizations, database: database).filter { !$0.value.isEmpty }
                }
            }
            let written = try await writer.write(ToolCallBatch(records, webhooks: webhooks, subscriptions: subscriptions,
                                                               mailer: mailer?.enabled == true ? mailer : nil))
            if written.numbers.contains(where: { $0 != nil }) { feed?.notify() }
            if written.deliveries > 0 { webhooks?.queue.wakeup.signal() }
            if written.emails > 0 { mailer?.queue.wakeup.signal() }
            for (pending, number) in zip(batch, written.numbers) { pending.continuation.resume(returning: number) }
        } catch where batch.count > 1 {
            logger.warning("tool-call batch failed; writing its calls one by one", metadata: ["calls": "\(batch.count)", "error": "\(error)"])
            for pending in batch { await write([pending]) }
        } catch {
            batch[0].continuation.resume(throwing: error)
        }
    }
}
