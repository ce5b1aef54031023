import Foundation

/// Time as stored in the database: integer milliseconds since the Unix epoch, UTC.
///
/// Both engines store the same `BIGINT`, so ordering, comparisons and time bucketing
/// (`ms / bucket * bucket`) are integer arithmetic with identical results on SQLite and
/// PostgreSQL, with no dependence on either engine's date functions or session time zone.
typealias EpochMillis = Int64

extension Date {
    /// This instant in epoch milliseconds, clamped to what `EpochMillis` holds (a `Date` from
    /// outside may be anything a `Double` holds, and the conversion must not trap).
    var epochMillis: EpochMillis {
        let millis = (timeIntervalSince1970 * 1000).rounded()
        if let exact = EpochMillis(exactly: millis) { return exact }
        return millis > 0 ? .max : .min
    }

    /// The instant `millis` milliseconds after the epoch.
    init(epochMillis millis: EpochMillis) {
        self.init(timeIntervalSince1970: Double(millis) / 1000)
    }
}

/// The current time in epoch milliseconds.
func nowMillis() -> EpochMillis { Date().epochMillis }
