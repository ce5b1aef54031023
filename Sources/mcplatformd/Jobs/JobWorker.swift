import Logging
import ServiceLifecycle
import Synchronization

/// Works the job queue as a service: claims due jobs, runs their handlers concurrently (up to
/// `concurrency`), and records the outcome. On graceful shutdown it stops claiming and lets the
/// jobs in hand finish.
struct JobWorker: Service {
    /// How the worker behaves; the defaults suit production.
    struct Settings: Sendable {
        var concurrency: Int = 4
        var pollInterval: Duration = .seconds(1)
        var lease: Duration = .seconds(60)
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
        let stopping = SharedValue(false)
        let inFlight = SharedValue(0)
        let election = WorkerLease(database: queue.database, name: "jobs", owner: owner, duration: settings.lease)
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                while !stopping.value && !Task.isCancelled {
                    let free = settings.concurrency - inFlight.value
                    var claimed: [Job] = []
                    do {
                        if try await election.holds() {
                            claimed = try await queue.claim(owner: owner, limit: free, lease: settings.lease)
                        }
                    } catch {
                        logger.warning("job queue unavailable", metadata: ["error": "\(error)"])
                    }
                    for job in claimed {
                        inFlight.update { $0 += 1 }
                        group.addTask {
                            await perform(job)
                            inFlight.update { $0 -= 1 }
                            queue.wakeup.signal()
                        }
                    }
                    if claimed.count < free || free == 0 {
                        await queue.wakeup.wait(upTo: settings.pollInterval)
                    }
                }
                await group.waitForAll()
            }
            try? await election.release()
        } onGracefulShutdown: {
            stopping.update { $0 = true }
            queue.wakeup.signal()
        }
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
            switch outcome {
            case .success:
                try await queue.complete(job, owner: owner)
                logger.debug("job done", metadata: ["duration_ms": "\(elapsed.milliseconds)"])
            case .failure(let error):
                try await queue.fail(job, owner: owner, error: "\(error)")
                logger.warning("job failed", metadata: [
                    "attempt": "\(job.attempts)", "max_attempts": "\(job.maxAttempts)", "error": "\(error)",
                ])
            }
        } catch {
            logger.error("cannot record job outcome; its lease will expire and it will run again", metadata: ["error": "\(error)"])
        }
    }
}
