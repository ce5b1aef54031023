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

    /// Whole seconds to wait, at least one (what `Retry-After` says).
    var retryAfterSeconds: Int {
        let milliseconds = min((retryAfter ?? .seconds(1)).milliseconds, RateLimit.maxWindow)
        return max(1, Int(clamping: (milliseconds + 999) / 1000))
    }
}

/// Counts hits per key in sliding windows and refuses those over the limit.
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
    /// The fixed window containing `now` (epoch milliseconds): its start and its end.
    func window(containing now: EpochMillis) -> (start: EpochMillis, end: EpochMillis) {
        let length = max(1, window.milliseconds)
        let start = now - now % length
        return (start, start + length)
    }

    /// The largest count and window the arithmetic below works with: 2^31 hits × a day in ms,
    /// and a limit of at most 10^9 (the settings' bound) × a day, fit in Int64.
    static var maxCount: Int { 1 << 31 }
    static var maxWindow: Int64 { 86_400_000 }

    /// The decision for a hit that would be the `hits + 1`-th of the current window, without counting it.
    func peekDecision(hits: Int, previousHits: Int, windowEnd end: EpochMillis, now: EpochMillis) -> RateLimitDecision {
        decision(hits: hits + 1, previousHits: previousHits, windowEnd: end, now: now)
    }

    /// The decision for the `hits`-th hit of the window ending at `end`, `previousHits` having been
    /// counted in the window before it.
    ///
    /// A sliding-window estimate: the previous window's hits weigh by the share of it that still
    /// lies within one window length of `now`. Unlike plain fixed windows, a burst straddling a
    /// window boundary cannot get twice the limit through.
    func decision(hits: Int, previousHits: Int, windowEnd end: EpochMillis, now: EpochMillis) -> RateLimitDecision {
        // Counts come from stored rows; bounded, no product below can overflow.
        let hits = min(max(0, hits), Self.maxCount), previousHits = min(max(0, previousHits), Self.maxCount)
        let length = max(1, min(window.milliseconds, Self.maxWindow))
        let left = max(0, min(length, end - now))
        // Scaled by `length` to stay in integers: estimate × length.
        let scaledEstimate = Int64(previousHits) * left + Int64(hits) * length
        let allowed = scaledEstimate <= Int64(limit) * length
        let remaining = max(0, Int((Int64(limit) * length - scaledEstimate) / length))
        guard !allowed else { return RateLimitDecision(allowed: true, remaining: remaining, retryAfter: nil) }
        return RateLimitDecision(allowed: false, remaining: 0, retryAfter: .milliseconds(max(1, nextAllowed(hits: hits, previousHits: previousHits, windowEnd: end, length: length) - now)))
    }

    /// The earliest moment a further hit would be allowed.
    private func nextAllowed(hits: Int, previousHits: Int, windowEnd end: EpochMillis, length: Int64) -> EpochMillis {
        let room = Int64(limit - hits - 1)
        if room >= 0, previousHits > 0 {
            // Still in this window, once the previous window's weight has decayed enough.
            return end - room * length / Int64(previousHits)
        }
        // In the next window, where this window's hits weigh as the previous ones.
        guard hits > 0, limit - 1 < hits else { return end }
        return end + length - Int64(limit - 1) * length / Int64(hits)
    }
}
