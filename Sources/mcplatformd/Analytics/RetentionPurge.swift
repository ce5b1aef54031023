import Logging
import SQLKit

/// The `retention.purge` job: deletes each organization's raw `tool_calls` rows and ended MCP
/// sessions older than its retention (the organization's override, else the daemon's
/// `tool-call-retention-days` / `session-retention-days`; 0 keeps them), in whole UTC days.
///
/// Each batch deletes at most `batchSize` rows and folds exactly the rows it deleted (`DELETE …
/// RETURNING`) into the roll-ups that outlive them, in one short transaction, so a row is always
/// counted once: raw or rolled up, never both, never neither, even with two purges at once.
/// Between batches the purge pauses at least `pacing` times as long as the batch took, so it
/// holds the database's write lock a fifth of the time at most and the hot path's writes get it
/// in between (on SQLite a writer that finds the lock taken sleeps and retries: a purge that
/// took the lock back at once starved them; see bench/RESULTS.md).
/// Tool calls go only once the hourly and daily roll-ups (`AnalyticsRollup`) hold them.
struct RetentionPurge: Sendable {
    static let kind = "retention.purge"
    /// The longest retention a setting or an organization may ask for (100 years).
    static let maxDays = 36_500

    let database: Database
    /// The daemon's settings, in days (0: keep).
    let toolCallDays: Int
    let sessionDays: Int
    var batchSize = 100
    /// The shortest pause between batches.
    var pause: Duration = .milliseconds(10)
    /// The pause as a multiple of the batch's own time.
    var pacing = 4
    let logger: Logger

    /// How many rows one purge deleted.
    struct Report: Sendable, Equatable {
        var toolCalls = 0
        var sessions = 0
    }

    var handler: JobHandler {
        { _ in try await purge() }
    }

    /// Deletes what is older than each organization's retention at `now`.
    @discardableResult
    func purge(now: EpochMillis = nowMillis()) async throws -> Report {
        let (policies, watermark) = try await database.withConnection { db in
            let policies = try await db.raw("SELECT id, tool_call_retention_days, session_retention_days FROM organizations ORDER BY id").all().map { row in
                (id: try row.decode(column: "id", as: String.self),
                 toolCalls: Self.bounded(try row.decode(column: "tool_call_retention_days", as: Int?.self) ?? toolCallDays),
                 sessions: Self.bounded(try row.decode(column: "session_retention_days", as: Int?.self) ?? sessionDays))
            }
            let watermark = try await db.raw("SELECT watermark FROM analytics_state WHERE name = 'tool_calls'").first()?
                .decode(column: "watermark", as: EpochMillis.self) ?? 0
            return (policies, watermark)
        }
        var report = Report()
        for policy in policies {
            if policy.toolCalls > 0 {
                let cutoff = min(Self.dayStart(now - EpochMillis(policy.toolCalls) * AnalyticsRollup.day), Self.dayStart(watermark))
                report.toolCalls += try await purgeToolCalls(policy.id, before: cutoff)
            }
            if policy.sessions > 0 {
                report.sessions += try await purgeSessions(policy.id, before: Self.dayStart(now - EpochMillis(policy.sessions) * AnalyticsRollup.day))
            }
        }
        if report != Report() {
            logger.info("retention purge", metadata: ["tool_calls": "\(report.toolCalls)", "sessions": "\(report.sessions)"])
        }
        return report
    }

    /// A stored number of days held to 0…maxDays (a stored row never reaches an overflow).
    static func bounded(_ days: Int) -> Int { min(max(days, 0), maxDays) }

    /// The start of the UTC day holding `time` (times come from stored rows: no overflow).
    static func dayStart(_ time: EpochMillis) -> EpochMillis {
        let (start, overflow) = time.subtractingReportingOverflow(((time % AnalyticsRollup.day) + AnalyticsRollup.day) % AnalyticsRollup.day)
        return overflow ? .min : start
    }

    private func purgeToolCalls(_ organizationID: String, before cutoff: EpochMillis) async throws -> Int {
        let deleted = try await inBatches { db in
            let rows = try await db.raw("""
                DELETE FROM tool_calls WHERE id IN (
                    SELECT id FROM tool_calls WHERE organization_id = \(bind: organizationID) AND created_at < \(bind: cutoff)
                    ORDER BY created_at LIMIT \(bind: batchSize))
                RETURNING server_id, tool, outcome, duration_us, end_user_id, created_at
                """).all()
            try await RetentionRollups(organizationID: organizationID).foldToolCalls(rows, on: db)
            return rows.count
        }
        try await markPruned(organizationID, column: "tool_calls_before", before: cutoff)
        return deleted
    }

    private func purgeSessions(_ organizationID: String, before cutoff: EpochMillis) async throws -> Int {
        let deleted = try await inBatches { db in
            let rows = try await db.raw("""
                DELETE FROM end_user_sessions WHERE id IN (
                    SELECT id FROM end_user_sessions WHERE organization_id = \(bind: organizationID) AND last_seen_at < \(bind: cutoff)
                      AND (ended_at IS NULL OR ended_at < \(bind: cutoff))
                    ORDER BY last_seen_at LIMIT \(bind: batchSize))
                RETURNING server_id, end_user_id, started_at
                """).all()
            try await RetentionRollups(organizationID: organizationID).foldSessions(rows, on: db)
            return rows.count
        }
        try await markPruned(organizationID, column: "sessions_before", before: cutoff)
        return deleted
    }

    /// Runs `batch` (which returns how many rows it deleted) in its own transaction until one
    /// deletes fewer than `batchSize`, pausing in between.
    private func inBatches(_ batch: @escaping @Sendable (any SQLDatabase) async throws -> Int) async throws -> Int {
        var total = 0
        let clock = ContinuousClock()
        while true {
            let started = clock.now
            let count = try await database.transaction(batch)
            total += count
            guard count >= batchSize else { return total }
            try await Task.sleep(for: max(pause, (clock.now - started) * pacing))
        }
    }

    /// Records that the organization has no raw rows of that kind before `cutoff` (never moving back).
    private func markPruned(_ organizationID: String, column: String, before cutoff: EpochMillis) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO retention_state (organization_id, tool_calls_before, sessions_before) VALUES (\(bind: organizationID), 0, 0)
                ON CONFLICT (organization_id) DO NOTHING
                """).run()
            try await db.raw("""
                UPDATE retention_state SET \(ident: column) = \(bind: cutoff)
                WHERE organization_id = \(bind: organizationID) AND \(ident: column) < \(bind: cutoff)
                """).run()
        }
    }
}
