import Synchronization

/// The one task that answers a connection's requests, one at a time, for as long as the
/// connection lives (as Hummingbird's own channel keeps a task per connection).
///
/// A task per request would start each request's async frames afresh: the runtime's task
/// allocator gets them from ~1 KiB slabs it mallocs for each new task (about two dozen per MCP
/// call) and frees with it. A task that lives on keeps its slabs, and a request costs a
/// continuation's resume instead of a task's creation and destruction.
final class ConnectionWorker: Sendable {
    typealias Job = @Sendable () async -> Void

    private enum State {
        case idle
        /// The task waits for the next job.
        case waiting(CheckedContinuation<Job?, Never>)
        /// A job was handed over before the task came back for it.
        case pending(Job)
        case finished
    }

    private let state = Mutex(State.idle)

    /// Starts the task; it runs jobs until `finish()`.
    init() {
        Task { [self] in
            while let job = await next() {
                await job()
            }
        }
    }

    /// Hands `job` to the task; `false` when the worker has finished (the job never runs). The
    /// caller submits the next job only once this one is done.
    @discardableResult
    func submit(_ job: @escaping Job) -> Bool {
        let (accepted, waiting) = state.withLock { state -> (Bool, CheckedContinuation<Job?, Never>?) in
            switch state {
            case .waiting(let continuation):
                state = .idle
                return (true, continuation)
            case .idle:
                state = .pending(job)
                return (true, nil)
            case .pending:
                preconditionFailure("a connection's jobs run one at a time")
            case .finished:
                return (false, nil)
            }
        }
        waiting?.resume(returning: job)
        return accepted
    }

    /// Ends the task once the job it runs (if any) returns; a job not yet started and later
    /// ones are dropped (the connection they would answer is gone).
    func finish() {
        let waiting = state.withLock { state -> CheckedContinuation<Job?, Never>? in
            defer { state = .finished }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        waiting?.resume(returning: nil)
    }

    private func next() async -> Job? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Job?, Never>) in
            let ready = state.withLock { state -> Job?? in
                switch state {
                case .idle:
                    state = .waiting(continuation)
                    return .none
                case .pending(let job):
                    state = .idle
                    return .some(job)
                case .finished:
                    return .some(nil)
                case .waiting:
                    preconditionFailure("one task waits for a connection's jobs")
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
