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
    /// Whole milliseconds, saturating at the ends of `Int64` (a duration may come from a
    /// setting or an upstream header; its conversion must not trap).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (sum, overflowAgain) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAgain ? (scaled < 0 ? .min : .max) : sum
    }
}
