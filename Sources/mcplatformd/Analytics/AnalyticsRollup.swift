import Logging
import SQLKit

/// The `analytics.rollup` job: folds `tool_calls` rows created before `now − lag` and after the
/// watermark into the hourly and daily roll-ups, and moves the watermark, in one transaction.
/// The lag covers calls whose transaction commits a little after their `created_at`.
struct AnalyticsRollup: Sendable {
    static let kind = "analytics.rollup"
    static let hour: EpochMillis = 3_600_000
    static let day: EpochMillis = 86_400_000

    let database: Database
    var lag: EpochMillis = 120_000
    let logger: Logger

    var handler: JobHandler {
        { _ in _ = try await roll(upTo: nowMillis() - lag) }
    }

    /// Rolls up to `limit` (exclusive); returns the new watermark.
    @discardableResult
    func roll(upTo limit: EpochMillis) async throws -> EpochMillis {
        try await database.transaction { db in
            let lock = database.engine == .postgres ? " FOR UPDATE" : ""
            guard let row = try await db.raw("SELECT watermark FROM analytics_state WHERE name = 'tool_calls'\(unsafeRaw: lock)").first() else {
                return 0
            }
            let from = try row.decode(column: "watermark", as: EpochMillis.self)
            guard limit > from else { return from }
            try await db.raw("""
                INSERT INTO analytics_tool_hours (organization_id, server_id, hour_start, tool, calls, errors)
                SELECT organization_id, server_id, created_at - (created_at % \(bind: Self.hour)), tool, COUNT(*),
                       SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END)
                FROM tool_calls WHERE created_at >= \(bind: from) AND created_at < \(bind: limit)
                GROUP BY 1, 2, 3, 4
                ON CONFLICT (organization_id, server_id, hour_start, tool)
                DO UPDATE SET calls = analytics_tool_hours.calls + excluded.calls, errors = analytics_tool_hours.errors + excluded.errors
                """).run()
            try await db.raw("""
                INSERT INTO analytics_user_days (organization_id, server_id, day_start, end_user_id)
                SELECT DISTINCT organization_id, server_id, created_at - (created_at % \(bind: Self.day)), end_user_id
                FROM tool_calls WHERE created_at >= \(bind: from) AND created_at < \(bind: limit) AND end_user_id IS NOT NULL
                ON CONFLICT (organization_id, server_id, day_start, end_user_id) DO NOTHING
                """).run()
            try await db.raw("""
                INSERT INTO analytics_org_user_days (organization_id, day_start, end_user_id)
                SELECT DISTINCT organization_id, created_at - (created_at % \(bind: Self.day)), end_user_id
                FROM tool_calls WHERE created_at >= \(bind: from) AND created_at < \(bind: limit) AND end_user_id IS NOT NULL
                ON CONFLICT (organization_id, day_start, end_user_id) DO NOTHING
                """).run()
            try await db.raw("UPDATE analytics_state SET watermark = \(bind: limit) WHERE name = 'tool_calls'").run()
            logger.debug("analytics rolled up", metadata: ["from": "\(from)", "to": "\(limit)"])
            return limit
        }
    }
}
