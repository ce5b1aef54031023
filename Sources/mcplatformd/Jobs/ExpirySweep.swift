import Logging
import SQLKit

/// The periodic sweep that deletes expired rows: stored idempotent responses past their expiry,
/// rate-limit windows that ended, invitations long expired, and finished jobs past their retention.
struct ExpirySweep: Sendable {
    static let kind = "sweep.expired"

    let database: Database
    /// How long `done` jobs are kept for inspection.
    var jobRetention: Duration = .seconds(7 * 24 * 3600)
    let logger: Logger

    /// What one sweep deleted, per table.
    struct Report: Sendable, Equatable {
        var idempotencyKeys = 0
        var invitations = 0
        var jobs = 0
        var rateLimitWindows = 0
    }

    /// Deletes what has expired at `now`.
    @discardableResult
    func sweep(now: EpochMillis = nowMillis()) async throws -> Report {
        let jobCutoff = now - jobRetention.milliseconds
        let report = try await database.transaction { db in
            var report = Report()
            report.idempotencyKeys = try await Self.count(db.raw(
                "DELETE FROM idempotency_keys WHERE expires_at < \(bind: now) RETURNING key").all())
            report.invitations = try await Self.count(db.raw("""
                DELETE FROM invitations WHERE expires_at < \(bind: jobCutoff) AND accepted_at IS NULL RETURNING id
                """).all())
            report.rateLimitWindows = try await Self.count(db.raw(
                "DELETE FROM rate_limit_counters WHERE expires_at < \(bind: now) RETURNING bucket").all())
            report.jobs = try await Self.count(db.raw(
                "DELETE FROM jobs WHERE state = 'done' AND finished_at < \(bind: jobCutoff) RETURNING id").all())
            return report
        }
        if report != Report() {
            logger.info("swept expired rows", metadata: [
                "idempotency_keys": "\(report.idempotencyKeys)", "invitations": "\(report.invitations)", "jobs": "\(report.jobs)",
                "rate_limit_windows": "\(report.rateLimitWindows)",
            ])
        }
        return report
    }

    /// The handler registered for `sweep.expired` jobs.
    var handler: JobHandler {
        { _ in try await sweep() }
    }

    private static func count(_ rows: [any SQLRow]) -> Int { rows.count }
}
