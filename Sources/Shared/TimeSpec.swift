import Foundation

/// Points in time as users type them: a duration ago (`90s`, `30m`, `24h`, `7d`, `2w`) or an
/// RFC 3339 time (`2026-11-01T00:00:00Z`, or a date `2026-11-01` meaning its UTC midnight).
///
/// Every value it returns is bounded: a duration is at most `maxSeconds` (ten years), and a
/// moment lies between the years 1970 and 9999, so that converting either to milliseconds or
/// adding it to a time cannot overflow.
public enum TimeSpec {
    /// The longest duration accepted: ten years of 366 days.
    public static let maxSeconds: Int64 = 10 * 366 * 86_400

    /// The duration in seconds of `text` such as `7d` or `1.5h`, or nil: the amount is written
    /// in decimal digits (no sign, exponent, `inf` or `nan`) and the whole is at most ten years.
    public static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last else { return nil }
        let amountText = text.dropLast()
        let multiplier: Double
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        case "w": multiplier = 604_800
        default: return nil
        }
        guard isDecimal(amountText), amountText.utf8.count <= 20, let amount = Double(amountText) else { return nil }
        let seconds = amount * multiplier
        guard seconds.isFinite, seconds <= Double(maxSeconds) else { return nil }
        return seconds
    }

    /// The moment `text` names, relative to `now` for durations; nil when it does not parse or
    /// lies outside 1970-01-01 … 9999-12-31.
    public static func moment(_ text: String, now: Date = Date()) -> Date? {
        let date: Date?
        if let seconds = duration(text) {
            date = now.addingTimeInterval(-seconds)
        } else {
            date = calendarMoment(text)
        }
        guard let date, date.timeIntervalSince1970 >= 0, date.timeIntervalSince1970 < 253_402_300_800 else { return nil }
        return date
    }

    private static func calendarMoment(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }

    /// Digits with at most one decimal point between digits.
    private static func isDecimal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in !part.isEmpty && part.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    }
}
