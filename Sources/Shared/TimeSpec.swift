import Foundation

/// Points in time as users type them: a duration ago (`90s`, `30m`, `24h`, `7d`, `2w`) or an
/// RFC 3339 time (`2026-11-01T00:00:00Z`, or a date `2026-11-01` meaning its UTC midnight).
public enum TimeSpec {
    /// The duration in seconds of `text` such as `7d`, or nil.
    public static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        case "w": return amount * 604_800
        default: return nil
        }
    }

    /// The moment `text` names, relative to `now` for durations.
    public static func moment(_ text: String, now: Date = Date()) -> Date? {
        if let seconds = duration(text) { return now.addingTimeInterval(-seconds) }
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
