import Synchronization

/// Fixed-window counters in this process's memory (SQLite deployments, one process).
final class InMemoryRateLimiter: RateLimiter {
    private struct Counter {
        var windowEnd: EpochMillis
        var hits: Int
    }
    private let counters = Mutex<[String: Counter]>([:])
    private let clock: @Sendable () -> EpochMillis

    init(clock: @escaping @Sendable () -> EpochMillis = nowMillis) {
        self.clock = clock
    }

    func hit(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (_, end) = limit.window(containing: now)
        let hits: Int = counters.withLock { counters in
            if counters.count > 10_000 {
                counters = counters.filter { $0.value.windowEnd > now }
            }
            var counter = counters[key].flatMap { $0.windowEnd == end ? $0 : nil } ?? Counter(windowEnd: end, hits: 0)
            counter.hits += 1
            counters[key] = counter
            return counter.hits
        }
        return limit.decision(hits: hits, windowEnd: end, now: now)
    }

    func peek(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (_, end) = limit.window(containing: now)
        let hits = counters.withLock { $0[key].flatMap { $0.windowEnd == end ? $0.hits : nil } ?? 0 }
        return limit.peekDecision(hits: hits, windowEnd: end, now: now)
    }
}
