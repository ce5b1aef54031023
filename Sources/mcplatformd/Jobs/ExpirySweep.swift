import Logging
import SQLKit

/// The periodic sweep that deletes expired rows: stored idempotent responses past their expiry,
/// rate-limit windows that ended, invitations long expired, finished jobs past their retention,
/// and the OAuth proxy's leftovers (authorization requests, codes and tokens past their expiry,
/// kept rotation answers past the grace window, dynamic clients idle for 90 days).
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
        var oauthRequests = 0
        var oauthCodes = 0
        var oauthTokens = 0
        var oauthClients = 0
    }

    /// How long a dynamically registered client may stay unused before it is removed.
    static let clientIdleLimit: EpochMillis = 90 * 86_400_000

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
            try await sweepOAuth(&report, now: now, on: db)
            return report
        }
        if report != Report() {
            logger.info("swept expired rows", metadata: [
                "idempotency_keys": "\(report.idempotencyKeys)", "invitations": "\(report.invitations)", "jobs": "\(report.jobs)",
                "rate_limit_windows": "\(report.rateLimitWindows)", "oauth_requests": "\(report.oauthRequests)",
                "oauth_codes": "\(report.oauthCodes)", "oauth_tokens": "\(report.oauthTokens)", "oauth_clients": "\(report.oauthClients)",
            ])
        }
        return report
    }

    private func sweepOAuth(_ report: inout Report, now: EpochMillis, on db: any SQLDatabase) async throws {
        report.oauthRequests = try await Self.count(db.raw(
            "DELETE FROM oauth_authorization_requests WHERE expires_at < \(bind: now) RETURNING id").all())
        // Used codes stay a day past expiry, so a late replay still revokes what the code issued.
        report.oauthCodes = try await Self.count(db.raw(
            "DELETE FROM oauth_codes WHERE expires_at < \(bind: now - 86_400_000) RETURNING code_hash").all())
        report.oauthTokens = try await Self.count(db.raw(
            "DELETE FROM oauth_tokens WHERE expires_at < \(bind: now - 86_400_000) RETURNING token_hash").all())
        try await db.raw("""
            UPDATE oauth_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND rotated_at < \(bind: now - 600_000)
            """).run()
        report.oauthClients = try await Self.count(db.raw("""
            DELETE FROM oauth_clients WHERE last_used_at < \(bind: now - Self.clientIdleLimit)
              AND NOT EXISTS (SELECT 1 FROM oauth_grants g WHERE g.client_id = oauth_clients.id AND g.revoked_at IS NULL)
            RETURNING id
            """).all())
    }

    /// The handler registered for `sweep.expired` jobs.
    var handler: JobHandler {
        { _ in try await sweep() }
    }

    private static func count(_ rows: [any SQLRow]) -> Int { rows.count }
}
