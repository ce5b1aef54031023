import SQLKit

/// Sliding-window counters in the database: one upsert per hit, atomic across replicas, which
/// also reads the previous window's count. A window's row lives until the end of the window
/// after it (it is that one's "previous"); the expiry sweep deletes it then.
struct DatabaseRateLimiter: RateLimiter {
    let database: Database
    var clock: @Sendable () -> EpochMillis = nowMillis

    func hit(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let previousStart = start - (end - start)
        let (hits, previous) = try await database.withConnection { db in
            let row = try await db.raw("""
                INSERT INTO rate_limit_counters (bucket, window_start, hits, expires_at)
                VALUES (\(bind: key), \(bind: start), 1, \(bind: end + (end - start)))
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
                RETURNING hits, (SELECT p.hits FROM rate_limit_counters AS p
                                 WHERE p.bucket = \(bind: key) AND p.window_start = \(bind: previousStart)) AS previous
                """).first()
            return (try row?.decode(column: "hits", as: Int.self) ?? 1, try row?.decode(column: "previous", as: Int?.self) ?? 0)
        }
        return limit.decision(hits: hits, previousHits: previous, windowEnd: end, now: now)
    }

    func peek(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let rows = try await database.withConnection { db in
            try await db.raw("""
                SELECT window_start, hits FROM rate_limit_counters
                WHERE bucket = \(bind: key) AND window_start IN (\(bind: start), \(bind: start - (end - start)))
                """).all()
        }
        var hits = 0, previous = 0
        for row in rows {
            if try row.decode(column: "window_start", as: Int64.self) == start {
                hits = try row.decode(column: "hits", as: Int.self)
            } else {
                previous = try row.decode(column: "hits", as: Int.self)
            }
        }
        return limit.peekDecision(hits: hits, previousHits: previous, windowEnd: end, now: now)
    }
}
