import Logging
import ServiceLifecycle

/// Enqueues housekeeping jobs on a fixed period.
///
/// Each period gets one job per kind however many replicas run: the job's dedupe key names the
/// period (`sweep.expired@<period number>`), and the queue ignores a second insert of the same key.
struct PeriodicJobScheduler: Service {
    /// A job kind enqueued every `every`.
    struct Entry: Sendable {
        let kind: String
        let every: Duration
    }

    let queue: JobQueue
    let entries: [Entry]
    let logger: Logger

    func run() async throws {
        guard let tick = entries.map(\.every).min() else { return }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let now = nowMillis()
                for entry in entries {
                    let period = now / max(1, entry.every.milliseconds)
                    do {
                        try await queue.enqueue(kind: entry.kind, dedupeKey: "\(entry.kind)@\(period)")
                    } catch {
                        logger.warning("cannot schedule periodic job", metadata: ["kind": "\(entry.kind)", "error": "\(error)"])
                    }
                }
                try? await Task.sleep(for: tick)
            }
        }
    }
}
