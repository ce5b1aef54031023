/// What a handler does with a job; throwing records a failed attempt.
typealias JobHandler = @Sendable (Job) async throws -> Void

/// The handlers of every job kind this daemon runs, registered by kind, each with the retry
/// policy of its kind (the queue's default when none).
struct JobHandlers: Sendable {
    private(set) var handlers: [String: JobHandler] = [:]
    private(set) var retryPolicies: [String: RetryPolicy] = [:]

    init() {}

    /// Registers `handler` for jobs of `kind`, replacing any earlier one.
    mutating func register(_ kind: String, retry: RetryPolicy? = nil, _ handler: @escaping JobHandler) {
        handlers[kind] = handler
        retryPolicies[kind] = retry
    }

    subscript(kind: String) -> JobHandler? { handlers[kind] }
}

/// A job whose kind has no handler in this daemon.
struct UnknownJobKind: Error, CustomStringConvertible {
    let kind: String
    var description: String { "no handler for job kind '\(kind)'" }
}

/// Thrown by a handler whose job may not run yet (a rate limit): the job waits until `until`
/// and the attempt does not count.
struct JobPostponed: Error, CustomStringConvertible {
    let until: EpochMillis
    let reason: String
    var description: String { "postponed: \(reason)" }
}
