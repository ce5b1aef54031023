/// Exponential backoff between attempts of a failing job.
struct RetryPolicy: Sendable {
    /// Delay after the first failure.
    var baseDelay: Duration = .seconds(5)
    /// Upper bound of any delay.
    var maxDelay: Duration = .seconds(3600)
    /// Attempts before a job is dead.
    var maxAttempts: Int = 8

    /// The delay before attempt `attempts + 1`, after `attempts` failures: base · 2^(attempts−1).
    func delay(afterAttempt attempts: Int) -> Duration {
        let exponent = max(0, min(attempts - 1, 30))
        let delay = baseDelay * (1 << exponent)
        return min(delay, maxDelay)
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
