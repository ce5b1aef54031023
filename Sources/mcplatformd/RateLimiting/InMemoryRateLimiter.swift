import Synchronization

/// Sliding-window counters in this process's memory (SQLite deployments, one process).
final class InMemoryRateLimiter: RateLimiter {
    private struct Counter {
        var windowEnd: EpochMillis
        var hits: Int
        var previousHits: Int

        /// This counter moved to the window ending at `end`: the last window's hits become the
        /// previous ones when it is the one just before, otherwise nothing carries over.
        func moved(to end: EpochMillis, length: EpochMillis) -> Counter {
            if windowEnd == end { return self }
            return Counter(windowEnd: end, hits: 0, previousHits: windowEnd == end - length ? hits : 0)
        }
    }
    private let counters = Mutex<[String: Counter]>([:])
    private let clock: @Sendable () -> EpochMillis

    init(clock: @escaping @Sendable () -> EpochMillis = nowMillis) {
        self.clock = clock
    }

    func hit(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let length = end - start
        let counter: Counter = counters.withLock { counters in
            if counters.count > 10_000 {
                counters = counters.filter { $0.value.windowEnd + length > now }
            }
            var counter = counters[key]?.moved(to: end, length: length) ?? Counter(windowEnd: end, hits: 0, previousHits: 0)
            counter.hits += 1
            counters[key] = counter
            return counter
        }
        return limit.decision(hits: counter.hits, previousHits: counter.previousHits, windowEnd: end, now: now)
    }

    func peek(_ key: String, _ limit: RateLimit) async throws -> RateLimitDecision {
        guard !limit.isOff else { return .unlimited }
        let now = clock()
        let (start, end) = limit.window(containing: now)
        let counter = counters.withLock { $0[key]?.moved(to: end, length: end - start) } ?? Counter(windowEnd: end, hits: 0, previousHits: 0)
        return limit.peekDecision(hits: counter.hits, previousHits: counter.previousHits, windowEnd: end, now: now)
    }
}
