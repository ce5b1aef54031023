import Foundation

/// Buckets and the rule both programs use to pick one.
public enum AnalyticsBucket {
    public static let sizes: [String: Int64] = ["5m": 300_000, "1h": 3_600_000, "1d": 86_400_000]

    /// The bucket for a range when none is asked for: 5m up to 6 h, 1h up to 7 days, else 1d.
    public static func automatic(for milliseconds: Int64) -> String {
        milliseconds <= 6 * 3_600_000 ? "5m" : (milliseconds <= 7 * 86_400_000 ? "1h" : "1d")
    }

    /// The lower percentile `p` (0…1) of sorted `values`: an actual value, like `percentile_disc`.
    public static func percentile<T>(_ sorted: [T], _ p: Double) -> T? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * Double(sorted.count)).rounded(.up)
        // Bounded before the conversion: 1…count, whatever `p` is (NaN counts as the first).
        let bounded = rank.isNaN ? 1 : min(max(rank, 1), Double(sorted.count))
        return sorted[Int(bounded) - 1]
    }
}
