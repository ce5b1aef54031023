import Foundation
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Rate limiter")
struct RateLimiterTests {
    /// The two implementations, each over the same fixed clock.
    static func limiters(_ database: Database, clock: @escaping @Sendable () -> EpochMillis) -> [(String, any RateLimiter)] {
        [("memory", InMemoryRateLimiter(clock: clock)), ("database", DatabaseRateLimiter(database: database, clock: clock))]
    }

    @Test("allows up to the limit, refuses with Retry-After, and a burst straddling a window boundary stays refused", arguments: TestEngine.all)
    func slidingWindow(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let base: EpochMillis = 1_800_000_000_000 // a minute boundary
            let now = SharedValue<EpochMillis>(base + 10_000)
            for (name, limiter) in Self.limiters(database, clock: { now.value }) {
                now.update { $0 = base + 10_000 } // 10 s into a minute window
                let limit = RateLimit(limit: 3, window: .seconds(60))
                var decisions: [RateLimitDecision] = []
                for _ in 0..<4 { decisions.append(try await limiter.hit("login:\(name)", limit)) }
                #expect(decisions.map(\.allowed) == [true, true, true, false], "\(name)")
                #expect(decisions.map(\.remaining) == [2, 1, 0, 0], "\(name)")
                // Four hits counted; the next is allowed once they weigh 2 (half-way into the next window): 50 s + 30 s.
                #expect(decisions[3].retryAfter == .seconds(80), "\(name)")
                #expect(try await limiter.hit("login:\(name):other", limit).allowed, "\(name): keys are independent")
                now.update { $0 = base + 60_000 } // the next fixed window: the last one still weighs fully
                let straddling = try await limiter.hit("login:\(name)", limit)
                #expect(!straddling.allowed, "\(name): no second burst right after the boundary")
                #expect(try await !limiter.peek("login:\(name)", limit).allowed, "\(name)")
                now.update { $0 = base + 60_000 + 45_000 } // the previous window (4 hits) weighs a quarter: 1 + 1 + 1
                #expect(try await limiter.peek("login:\(name)", limit).allowed, "\(name): peek counts nothing")
                #expect(try await limiter.hit("login:\(name)", limit).allowed, "\(name): the old hits have decayed")
                now.update { $0 = base + 180_000 } // two windows on, nothing carries over
                #expect(try await limiter.hit("login:\(name)", limit).remaining == 2, "\(name): afresh")
            }
        }
    }

    @Test("concurrent hits are counted exactly", arguments: TestEngine.all)
    func concurrentHits(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            for (name, limiter) in Self.limiters(database, clock: { 1_800_000_000_000 }) {
                let allowed = await withTaskGroup(of: Bool.self) { group in
                    for _ in 0..<40 {
                        group.addTask { (try? await limiter.hit("burst", RateLimit(limit: 10, window: .seconds(60))).allowed) ?? false }
                    }
                    return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(allowed == 10, "\(name) allowed \(allowed)")
            }
        }
    }

    @Test("limit 0 is off and writes nothing; the sweep deletes windows no longer needed", arguments: TestEngine.all)
    func offAndSweep(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let limiter = DatabaseRateLimiter(database: database, clock: { 1_000_000 })
            for _ in 0..<5 { #expect(try await limiter.hit("k", .off) == .unlimited) }
            _ = try await limiter.hit("k", RateLimit(limit: 5, window: .seconds(60)))
            let count = { try await database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM rate_limit_counters").first()?.decode(column: "n", as: Int.self) ?? -1
            } }
            #expect(try await count() == 1)
            let sweep = ExpirySweep(database: database, logger: TestDatabase.logger)
            #expect(try await sweep.sweep(now: 1_000_000 + 60_000).rateLimitWindows == 0, "a window lives on as the next one's previous")
            let report = try await sweep.sweep(now: 1_000_000 + 180_000)
            #expect(report.rateLimitWindows == 1)
            #expect(try await count() == 0)
        }
    }

    @Test("each engine gets the limiter that is correct for it")
    func factory() async throws {
        try await withTestDatabase(.sqlite) { database, _ in
            #expect(makeRateLimiter(for: database) is InMemoryRateLimiter)
        }
    }
}
