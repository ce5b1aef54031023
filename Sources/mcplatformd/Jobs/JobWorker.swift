import Logging
import Metrics
import ServiceLifecycle

/// Works the job queue as a service: claims due jobs, runs their handlers concurrently (up to
/// `concurrency`), and records the outcome. On graceful shutdown it stops claiming and lets the
/// jobs in hand finish.
struct JobWorker: Service {
    /// How the worker behaves; the defaults suit production.
    struct Settings: Sendable {
        var concurrency: Int = 4
        var pollInterval: Duration = .seconds(1)
        var lease: Duration = .seconds(60)
        /// How long shutdown waits for in-flight jobs before cancelling them (their leases then
        /// expire and another worker runs them again).
        var drainTimeout: Duration = .seconds(10)
    }

    let queue: JobQueue
    let handlers: JobHandlers
    let settings: Settings
    let owner: String
    let logger: Logger

    init(queue: JobQueue, handlers: JobHandlers, settings: Settings = Settings(), owner: String = Identifier.make("wrk"), logger: Logger) {
        self.queue = queue
        self.handlers = handlers
        self.settings = settings
        self.owner = owner
        self.logger = logger
    }

    func run() async throws {
        // In-flight jobs run as their own tasks: graceful shutdown cancels the polling (which may
        // be waiting for the database) but lets these finish.
        let running = SharedValue<[String: Task<Void, Never>]>([:])
        let election = WorkerLease(database: queue.database, name: "jobs", owner: owner, duration: settings.lease)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let free = settings.concurrency - running.value.count
                var claimed: [Job] = []
                do {
                    logger.trace("job worker polling", metadata: ["free": "\(free)"])
                    // Bounded and abandoned on shutdown: a query on a connection that died
                    // mid-flight may never be answered.
                    if free > 0 {
                        claimed = try await withTimeout(settings.lease) { [queue, owner, settings] in
                            guard try await election.holds() else { return [] }
                            return try await queue.claim(owner: owner, limit: free, lease: settings.lease)
                        }
                    }
                } catch {
                    if !Task.isCancelled {
                        logger.warning("job queue unavailable", metadata: ["error": "\(error)"])
                    }
                }
                for job in claimed {
                    running.update { tasks in
                        tasks[job.id] = Task {
                            await perform(job)
                            running.update { $0[job.id] = nil }
                            queue.wakeup.signal()
                        }
                    }
                }
                if claimed.count < free || free == 0 {
                    await queue.wakeup.wait(upTo: settings.pollInterval)
                }
            }
            logger.debug("job worker stopped polling")
        }
        let inFlight = Array(running.value.values)
        if !inFlight.isEmpty {
            logger.info("waiting for in-flight jobs", metadata: ["count": "\(inFlight.count)"])
            // Poll rather than await the tasks: awaiting a task's value ignores cancellation, so it
            // could not be bounded.
            let deadline = ContinuousClock.now + settings.drainTimeout
            while !running.value.isEmpty, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if !running.value.isEmpty {
                logger.warning("cancelling jobs still running at shutdown; they will run again", metadata: ["count": "\(running.value.count)"])
                for task in running.value.values { task.cancel() }
            }
        }
        try? await withTimeout(.seconds(5)) { try await election.release() }
    }

    /// Runs one job's handler while keeping its lease alive, then records the outcome.
    private func perform(_ job: Job) async {
        var logger = self.logger
        logger[metadataKey: "job_id"] = "\(job.id)"
        logger[metadataKey: "job_kind"] = "\(job.kind)"
        let started = ContinuousClock.now
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    guard let handler = handlers[job.kind] else { throw UnknownJobKind(kind: job.kind) }
                    try await handler(job)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: settings.lease / 3)
                    if Task.isCancelled { break }
                    try? await queue.renew(job, owner: owner, lease: settings.lease)
                }
                return nil
            }
            var result: Result<Void, any Error> = .success(())
            if let first = await group.next(), let first { result = first }
            group.cancelAll()
            return result
        }
        let elapsed = ContinuousClock.now - started
        do {
            // Bounded: if the outcome cannot be recorded, the lease expires and the job runs again.
            Timer(label: "mcplatform_job_duration", dimensions: [("kind", job.kind)]).record(duration: elapsed)
            switch outcome {
            case .success:
                Counter(label: "mcplatform_jobs_total", dimensions: [("kind", job.kind), ("outcome", "done")]).increment()
                try await withTimeout(.seconds(10)) { try await queue.complete(job, owner: owner) }
                logger.debug("job done", metadata: ["duration_ms": "\(elapsed.milliseconds)"])
            case .failure(let postponed as JobPostponed):
                Counter(label: "mcplatform_jobs_total", dimensions: [("kind", job.kind), ("outcome", "postponed")]).increment()
                try await withTimeout(.seconds(10)) { try await queue.postpone(job, owner: owner, until: postponed.until) }
                logger.debug("job postponed", metadata: ["reason": "\(postponed.reason)", "run_at": "\(postponed.until)"])
            case .failure(let error):
                let outcome = job.attempts >= job.maxAttempts ? "dead" : "retry"
                Counter(label: "mcplatform_jobs_total", dimensions: [("kind", job.kind), ("outcome", outcome)]).increment()
                let message = "\(error)"
                try await withTimeout(.seconds(10)) { try await queue.fail(job, owner: owner, error: message, retry: handlers.retryPolicies[job.kind]) }
                logger.warning("job failed", metadata: [
                    "attempt": "\(job.attempts)", "max_attempts": "\(job.maxAttempts)", "error": "\(error)",
                ])
            }
        } catch {
            logger.error("cannot record job outcome; its lease will expire and it will run again", metadata: ["error": "\(error)"])
        }
    }
}
