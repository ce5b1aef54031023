import Shared

/// Tool-call durations (microseconds) in log-linear buckets, for the roll-ups that outlive raw
/// rows: values under 8 µs exactly, then 8 buckets per power of two, so each bucket is at most
/// 12.5% of its lower bound wide and its midpoint is within 6.25% of any value in it.
///
/// Bucket numbers come back from stored rows, so every function here takes any `Int` and never
/// traps: numbers that no duration maps to are ignored by `estimate`.
enum DurationHistogram {
    /// Buckets per power of two (3 bits below the leading one).
    static let perOctave = 8

    /// The bucket of a duration; negative durations count as 0.
    static func bucket(microseconds: Int64) -> Int {
        guard microseconds >= 8 else { return Int(max(0, microseconds)) }
        let exponent = 63 - microseconds.leadingZeroBitCount  // 3…62
        let sub = Int((microseconds >> (exponent - 3)) & 7)
        return exponent * perOctave + sub
    }

    /// The midpoint of a bucket in microseconds (the value itself under 8 µs); nil for a number
    /// no duration maps to.
    static func estimate(bucket: Int) -> Double? {
        if (0..<8).contains(bucket) { return Double(bucket) }
        guard (3 * perOctave..<64 * perOctave).contains(bucket) else { return nil }
        let exponent = bucket / perOctave, sub = bucket % perOctave
        let width = Double(sign: .plus, exponent: exponent - 3, significand: 1)
        return Double(8 + sub) * width + width / 2
    }

    /// The lower percentile `p` (0…1) of exact values and bucket counts together: the value at
    /// that rank, or the midpoint of the bucket holding it. `exact` is sorted.
    static func percentile(exact: [Int64], buckets: [Int: Int], _ p: Double) -> Double? {
        var weighted = exact.map { (Double($0), 1) }
        for (bucket, count) in buckets where count > 0 {
            if let value = estimate(bucket: bucket) { weighted.append((value, count)) }
        }
        guard !weighted.isEmpty else { return nil }
        if buckets.isEmpty { return AnalyticsBucket.percentile(exact, p).map(Double.init) }
        weighted.sort { $0.0 < $1.0 }
        let total = weighted.reduce(0) { $0.addingSaturating($1.1) }
        let rank = (p * Double(total)).rounded(.up)
        let bounded = rank.isNaN ? 1 : min(max(rank, 1), Double(total))
        var seen = 0
        for (value, count) in weighted {
            seen = seen.addingSaturating(count)
            if Double(seen) >= bounded { return value }
        }
        return weighted.last?.0
    }
}
