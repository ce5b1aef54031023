import Foundation
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Job queue")
struct JobQueueTests {
    /// Fast settings so tests finish quickly.
    static let fast = JobWorker.Settings(concurrency: 4, pollInterval: .milliseconds(50), lease: .seconds(5))

    @Test("an enqueued job runs once and ends done", arguments: TestEngine.all)
    func runsJob(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let queue = JobQueue(database: database)
            let runs = SharedValue<[String]>([])
            var handlers = JobHandlers()
            handlers.register("test.echo") { job in runs.update { $0.append(job.payload) } }
            let services = RunningServices([JobWorker(queue: queue, handlers: handlers, settings: Self.fast, logger: TestDatabase.logger)])
            let id = try #require(try await queue.enqueue(kind: "test.echo", payload: #"{"n":1}"#))
            let done = try await eventually { try await queue.find(id: id)?.state == .done }
            try await services.stop()
            #expect(done)
            #expect(runs.value == [#"{"n":1}"#])
            let record = try #require(try await queue.find(id: id))
            #expect(record.attempts == 1 && record.finishedAt != nil && record.lastError == nil)
        }
    }

    @Test("a failing job is retried with growing delays and ends dead with its last error", arguments: TestEngine.all)
    func retriesThenDead(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let retry = RetryPolicy(baseDelay: .milliseconds(200), maxDelay: .seconds(10), maxAttempts: 3)
            let queue = JobQueue(database: database, retry: retry)
            let attempts = SharedValue<[ContinuousClock.Instant]>([])
            var handlers = JobHandlers()
            handlers.register("test.fail") { job in
                attempts.update { $0.append(.now) }
                throw TestFailure(message: "boom on attempt \(job.attempts)")
            }
            let services = RunningServices([JobWorker(queue: queue, handlers: handlers, settings: Self.fast, logger: TestDatabase.logger)])
            let id = try #require(try await queue.enqueue(kind: "test.fail"))
            let dead = try await eventually(timeout: .seconds(20)) { try await queue.find(id: id)?.state == .dead }
            try await services.stop()
            #expect(dead)
            let record = try #require(try await queue.find(id: id))
            #expect(record.attempts == 3)
            #expect(record.lastError?.contains("boom on attempt 3") == true)
            let times = attempts.value
            try #require(times.count == 3)
            let first = times[1] - times[0], second = times[2] - times[1]
            // The policy doubles the delay: at least 200 ms, then at least 400 ms (polling and load
            // only ever add to these, so the lower bounds are what can be asserted).
            #expect(first >= .milliseconds(200), "first retry after \(first)")
            #expect(second >= .milliseconds(400), "second retry after \(second)")
        }
    }

    @Test("jobs survive a restart: pending ones run, one held by a dead worker runs after its lease", arguments: TestEngine.all)
    func survivesRestart(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, test in
            let before = JobQueue(database: database)
            let orphan = try #require(try await before.enqueue(kind: "test.count", payload: "orphan"))
            // A worker claims it and dies without finishing: its lease runs out.
            let claimed = try await before.claim(owner: "wrk_dead", limit: 1, lease: .milliseconds(300))
            #expect(claimed.map(\.id) == [orphan])
            let pending = try #require(try await before.enqueue(kind: "test.count", payload: "pending"))

            // "Restart": a new handle on the same database, a new worker.
            let reopened = try await test.open(migrate: true)
            let queue = JobQueue(database: reopened)
            let runs = SharedValue<[String]>([])
            var handlers = JobHandlers()
            handlers.register("test.count") { job in runs.update { $0.append(job.payload) } }
            let services = RunningServices([JobWorker(queue: queue, handlers: handlers, settings: Self.fast, logger: TestDatabase.logger)])
            let finished = try await eventually {
                let first = try await queue.find(id: orphan)?.state
                let second = try await queue.find(id: pending)?.state
                return first == .done && second == .done
            }
            try await services.stop()
            #expect(finished)
            #expect(runs.value.sorted() == ["orphan", "pending"])
            #expect(try await queue.find(id: orphan)?.attempts == 2)
            await reopened.close()
        }
    }

    @Test("two workers on one database never run the same job twice", arguments: TestEngine.all)
    func twoWorkersExactlyOnce(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, test in
            let jobCount = 200
            let queue = JobQueue(database: database)
            for index in 0..<jobCount {
                try await queue.enqueue(kind: "test.once", payload: "\(index)")
            }
            let second = try await test.open(migrate: false)
            let runs = SharedValue<[String: Int]>([:])
            var handlers = JobHandlers()
            handlers.register("test.once") { job in
                runs.update { $0[job.payload, default: 0] += 1 }
                try await Task.sleep(for: .milliseconds(2))
            }
            let services = RunningServices([
                JobWorker(queue: JobQueue(database: database), handlers: handlers, settings: Self.fast, owner: "wrk_a", logger: TestDatabase.logger),
                JobWorker(queue: JobQueue(database: second), handlers: handlers, settings: Self.fast, owner: "wrk_b", logger: TestDatabase.logger),
            ])
            let allDone = try await eventually(timeout: .seconds(60)) {
                try await queue.list(allOrganizations: true, state: .done, limit: 1000).count == jobCount
            }
            try await services.stop()
            await second.close()
            #expect(allDone)
            #expect(runs.value.count == jobCount)
            #expect(runs.value.values.allSatisfy { $0 == 1 }, "some job ran more than once")
            #expect(runs.value.values.reduce(0, +) == jobCount)
        }
    }

    @Test("a dedupe key enqueues one job; unknown kinds die with a clear error", arguments: TestEngine.all)
    func dedupeAndUnknownKind(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let queue = JobQueue(database: database, retry: RetryPolicy(baseDelay: .milliseconds(10), maxAttempts: 2))
            #expect(try await queue.enqueue(kind: "test.nothing", dedupeKey: "period-1") != nil)
            #expect(try await queue.enqueue(kind: "test.nothing", dedupeKey: "period-1") == nil)
            let services = RunningServices([JobWorker(queue: queue, handlers: JobHandlers(), settings: Self.fast, logger: TestDatabase.logger)])
            let dead = try await eventually { try await queue.list(allOrganizations: true, state: .dead).count == 1 }
            try await services.stop()
            #expect(dead)
            #expect(try await queue.list(allOrganizations: true, state: .dead).first?.lastError == "no handler for job kind 'test.nothing'")
        }
    }

    @Test("operators can retry a dead job", arguments: TestEngine.all)
    func retryDead(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let queue = JobQueue(database: database)
            let id = try #require(try await queue.enqueue(kind: "test.x", maxAttempts: 1))
            let job = try #require(try await queue.claim(owner: "w", limit: 1, lease: .seconds(5)).first)
            try await queue.fail(job, owner: "w", error: "broken")
            #expect(try await queue.find(id: id)?.state == .dead)
            #expect(try await queue.retryDead(id: id))
            #expect(try await queue.find(id: id)?.state == .pending)
            #expect(try await queue.retryDead(id: id) == false)
        }
    }

    @Test("the expiry sweep deletes only what has expired", arguments: TestEngine.all)
    func expirySweep(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let now = nowMillis()
            try await database.withConnection { db in
                for (key, expires) in [("old", now - 1000), ("fresh", now + 60_000)] {
                    try await db.raw("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at, expires_at)
                        VALUES ('tok_1', \(bind: key), 'h', 200, '{}', \(bind: now - 5000), \(bind: expires))
                        """).run()
                }
            }
            let queue = JobQueue(database: database)
            let oldJob = try #require(try await queue.enqueue(kind: "test.done"))
            let job = try #require(try await queue.claim(owner: "w", limit: 1, lease: .seconds(5)).first)
            try await queue.complete(job, owner: "w")
            var sweep = ExpirySweep(database: database, logger: TestDatabase.logger)
            sweep.jobRetention = .zero
            let report = try await sweep.sweep(now: nowMillis() + 1)
            #expect(report.idempotencyKeys == 1)
            #expect(report.jobs == 1)
            #expect(try await queue.find(id: oldJob) == nil)
            let left = try await database.withConnection { db in
                try await db.select().column("key").from("idempotency_keys").all().map { try $0.decode(column: "key", as: String.self) }
            }
            #expect(left == ["fresh"])
        }
    }

    @Test("backoff doubles from the base delay up to the cap")
    func backoff() {
        let policy = RetryPolicy(baseDelay: .seconds(5), maxDelay: .seconds(60), maxAttempts: 10)
        #expect([1, 2, 3, 4, 5].map { policy.delay(afterAttempt: $0) } == [.seconds(5), .seconds(10), .seconds(20), .seconds(40), .seconds(60)])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
