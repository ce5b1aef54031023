import SQLKit

/// Fixed-window counters in the database: one upsert per hit, atomic across replicas.
/// Expired windows are deleted by the expiry sweep.
struct DatabaseRateLimiter: RateLimiter {
    let database: Database
    var clock: @Sendable () -> EpochMillis = nowMillis

    func hit(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let hits = try await database.withConnection { db in
            let row = try await db.raw("""
                INSERT INTO rate_limit_counters (bucket, window_start, hits, expires_at)
                VALUES (\(bind: key), \(bind: start), 1, \(bind: end))
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
                RETURNING hits
                """).first()
            return try row?.decode(column: "hits", as: Int.self) ?? 1
        }
        return limit.decision(hits: hits, windowEnd: end, now: now)
    }

    func peek(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let hits = try await database.withConnection { db in
            try await db.raw("""
                SELECT hits FROM rate_limit_counters WHERE bucket = \(bind: key) AND window_start = \(bind: start)
                """).first()?.decode(column: "hits", as: Int.self) ?? 0
        }
        return limit.peekDecision(hits: hits, windowEnd: end, now: now)
    }
}
