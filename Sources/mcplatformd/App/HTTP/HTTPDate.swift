import Foundation

/// The `Date` response header (RFC 9110 IMF-fixdate), formatted once per second.
enum HTTPDate {
    private static let cache = SharedValue<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current time as a header value.
    static func now() -> String {
        let second = time(nil)
        let cached = cache.value
        if cached.second == second { return cached.text }
        let text = format(second)
        cache.update { $0 = (second, text) }
        return text
    }

    /// `seconds` since the epoch as an IMF-fixdate, e.g. `Tue, 01 Dec 2026 18:04:37 GMT`.
    static func format(_ seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
