/// A limit of `limit` hits per `window`; a limit of 0 turns it off.
struct RateLimit: Sendable, Equatable {
    let limit: Int
    let window: Duration

    /// A limit that never refuses.
    static let off = RateLimit(limit: 0, window: .seconds(1))

    var isOff: Bool { limit <= 0 }
}

/// What a rate limiter decided about one hit.
struct RateLimitDecision: Sendable, Equatable {
    let allowed: Bool
    /// Hits left in the current window.
    let remaining: Int
    /// When refused: how long until the window resets (for `Retry-After`).
    let retryAfter: Duration?

    static let unlimited = RateLimitDecision(allowed: true, remaining: .max, retryAfter: nil)
}

/// Counts hits per key in fixed windows and refuses those over the limit.
///
/// One shared component for login throttling, MCP abuse limits and the OAuth endpoints. Keys
/// name what is limited, e.g. `login:email:ada@example.com` or `mcp:addr:203.0.113.9`.
protocol RateLimiter: Sendable {
    /// Records one hit for `key` and says whether it is within `limit`.
    func hit(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision
    /// Says whether one more hit for `key` would be allowed, without counting one.
    func peek(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision
}

/// The limiter that suits the engine: counters in the database on PostgreSQL, so every replica
/// sees the same windows; in memory on SQLite, whose single process sees every request.
func makeRateLimiter(for database: Database) -> any RateLimiter {
    switch database.engine {
    case .postgres: DatabaseRateLimiter(database: database)
    case .sqlite: InMemoryRateLimiter()
    }
}

extension RateLimit {
    /// The window containing `now` (epoch milliseconds): its start and its end.
    func window(containing now: EpochMillis) -> (start: EpochMillis, end: EpochMillis) {
        let length = max(1, window.milliseconds)
        let start = now - now % length
        return (start, start + length)
    }

    /// The decision for a next hit when `hits` were counted in the window ending at `end`.
    func peekDecision(hits: Int, windowEnd end: EpochMillis, now: EpochMillis) -> RateLimitDecision {
        let allowed = hits < limit
        return RateLimitDecision(allowed: allowed, remaining: max(0, limit - hits), retryAfter: allowed ? nil : .milliseconds(max(1, end - now)))
    }

    /// The decision for the `hits`-th hit of a window ending at `end`.
    func decision(hits: Int, windowEnd end: EpochMillis, now: EpochMillis) -> RateLimitDecision {
        let allowed = hits <= limit
        return RateLimitDecision(
            allowed: allowed,
            remaining: max(0, limit - hits),
            retryAfter: allowed ? nil : .milliseconds(max(1, end - now)))
    }
}
