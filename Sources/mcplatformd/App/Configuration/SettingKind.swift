import Foundation
import Logging
import Shared

/// How one type of setting value is written: its parser (nil when the text does not parse),
/// how a value is printed back (so that it parses again to the same value), and the words help
/// and errors use for it.
struct SettingKind<Value: Sendable>: Sendable {
    /// The placeholder in flag help (`--public-listen <host:port>`).
    let valueName: String
    /// What a valid value looks like, for error messages ("expected …").
    let expectation: String
    let parse: @Sendable (String) -> Value?
    let format: @Sendable (Value) -> String
    /// Says what is wrong with a value that does not parse, where the kind can say more than
    /// its expectation.
    var problem: (@Sendable (String) -> String?)? = nil
    /// `format` already hides what is secret in a value (a database URL's password).
    var formatRedacts = false

    /// The same kind, where an empty value means "not set".
    var optional: SettingKind<Value?> {
        let parse = self.parse, format = self.format
        return SettingKind<Value?>(valueName: valueName, expectation: expectation,
                                   parse: { text in text.isEmpty ? .some(nil) : parse(text).map { .some($0) } },
                                   format: { $0.map(format) ?? "" }, problem: problem, formatRedacts: formatRedacts)
    }
}

extension SettingKind where Value == Int {
    /// A whole number of at least zero, where 0 turns a limit off.
    static let limit = SettingKind(valueName: "count", expectation: "expected a whole number, 0 to turn the limit off",
                                   parse: { text in Int(text).flatMap { (0...1_000_000_000).contains($0) ? $0 : nil } },
                                   format: { String($0) })

    /// A whole number within `range`.
    static func number(_ range: ClosedRange<Int>, valueName: String = "count") -> SettingKind {
        SettingKind(valueName: valueName, expectation: "expected a whole number from \(range.lowerBound) to \(range.upperBound)",
                    parse: { text in Int(text).flatMap { range.contains($0) ? $0 : nil } },
                    format: { String($0) })
    }
}

extension SettingKind where Value == Bool {
    static let bool = SettingKind(valueName: "bool", expectation: "expected true or false",
                                  parse: { text in
                                      switch text.lowercased() {
                                      case "true", "1", "yes", "on": true
                                      case "false", "0", "no", "off": false
                                      default: nil
                                      }
                                  },
                                  format: { String($0) })
}

extension SettingKind where Value == String {
    /// Any non-empty text.
    static func text(_ valueName: String) -> SettingKind {
        SettingKind(valueName: valueName, expectation: "expected a non-empty value", parse: { $0.isEmpty ? nil : $0 }, format: { $0 })
    }

    /// A DNS name such as `mcp.example.com`, lower-cased.
    static let hostname = SettingKind(valueName: "domain", expectation: "expected a domain name such as mcp.example.com",
                                      parse: { text in
                                          let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
                                          let valid = !labels.isEmpty && text.utf8.count <= 253 && labels.allSatisfy { label in
                                              !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                                                  && label.first != "-" && label.last != "-"
                                          }
                                          return valid ? text.lowercased() : nil
                                      },
                                      format: { $0 })

    /// An absolute http(s) URL, kept as written.
    static let httpURLText = SettingKind(valueName: "url", expectation: "expected an absolute http(s) URL",
                                         parse: { text in parseHTTPURL(text)?.absoluteString }, format: { $0 })
}

extension SettingKind where Value == URL {
    /// An absolute http(s) URL.
    static let httpURL = SettingKind(valueName: "url", expectation: "expected an absolute http(s) URL such as https://mcp.example.com",
                                     parse: parseHTTPURL, format: { $0.absoluteString })

    /// A directory path.
    static let directory = SettingKind(valueName: "path", expectation: "expected a path",
                                       parse: { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }, format: { $0.path })
}

extension SettingKind where Value == Duration {
    /// A duration such as `500ms`, `10s`, `2m`, `1h` or `30d`, from `range.lowerBound` to
    /// `range.upperBound`.
    static func duration(_ range: ClosedRange<Duration>) -> SettingKind {
        let low = DurationText.format(range.lowerBound), high = DurationText.format(range.upperBound)
        return SettingKind(valueName: "duration", expectation: "expected a duration from \(low) to \(high) such as 500ms, 10s, 2m or 1h",
                           parse: { text in DurationText.parse(text).flatMap { range.contains($0) ? $0 : nil } },
                           format: DurationText.format)
    }
}

extension SettingKind where Value == ListenAddress {
    static let listen = SettingKind(valueName: "host:port", expectation: "expected HOST:PORT with a port from 0 to 65535",
                                    parse: ListenAddress.init(parsing:), format: { $0.description })
}

extension SettingKind where Value == DNSClient {
    /// `IP` or `IP:PORT` of a DNS server.
    static let dnsServer = SettingKind(valueName: "ip[:port]", expectation: "expected the IP address of a DNS server, with an optional :PORT",
                                       parse: DNSClient.parse, format: { $0.port == 53 ? $0.server : ListenAddress(host: $0.server, port: $0.port).description })
}

extension SettingKind where Value == [AddressRange] {
    /// Comma-separated addresses or CIDR ranges.
    static let ranges = SettingKind(valueName: "ranges", expectation: "expected comma-separated IP addresses or CIDR ranges",
                                    parse: { text in
                                        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                                        let ranges = items.compactMap(AddressRange.init(parsing:))
                                        return ranges.count == items.count ? ranges : nil
                                    },
                                    format: { $0.map(\.description).joined(separator: ",") })
}

extension SettingKind where Value == Logger.Level {
    static let logLevel = SettingKind(valueName: "level", expectation: "expected trace, debug, info, notice, warning, error or critical",
                                      parse: { Logger.Level(rawValue: $0.lowercased()) }, format: { $0.rawValue })
}

extension SettingKind where Value == DaemonConfiguration.LogFormat {
    static let logFormat = SettingKind(valueName: "format", expectation: "expected auto, json or text",
                                       parse: { DaemonConfiguration.LogFormat(rawValue: $0.lowercased()) }, format: { $0.rawValue })
}

extension SettingKind where Value == DatabaseURL {
    static let database = SettingKind(valueName: "url", expectation: "expected sqlite://PATH or postgres://...",
                                      parse: { try? DatabaseURL(parsing: $0) }, format: { $0.redacted },
                                      problem: { text in
                                          do throws(DatabaseURLError) {
                                              _ = try DatabaseURL(parsing: text)
                                              return nil
                                          } catch {
                                              return error.description
                                          }
                                      },
                                      formatRedacts: true)
}

/// An absolute http(s) URL with a host, or nil.
private func parseHTTPURL(_ text: String) -> URL? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
          let host = url.host, !host.isEmpty else { return nil }
    return url
}

/// Durations as settings write them: a whole number and a unit (`ms`, `s`, `m`, `h`, `d`), or a
/// decimal one for units above milliseconds (`1.5h`). Never more than ten years, so that no
/// arithmetic on a parsed duration can overflow.
enum DurationText {
    static func parse(_ text: String) -> Duration? {
        if text.hasSuffix("ms") {
            guard let amount = Int64(text.dropLast(2)), amount >= 0, amount <= TimeSpec.maxSeconds * 1000 else { return nil }
            return .milliseconds(amount)
        }
        guard let seconds = TimeSpec.duration(text), let milliseconds = Int64(exactly: (seconds * 1000).rounded()) else { return nil }
        return .milliseconds(milliseconds)
    }

    /// The largest unit that writes `duration` exactly (`3600s` → `1h`).
    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds >= size && milliseconds % size == 0 {
            return "\(milliseconds / size)\(unit)"
        }
        return milliseconds == 0 ? "0s" : "\(milliseconds)ms"
    }
}

extension SettingKind where Value == SQLiteSynchronous {
    static let sqliteSynchronous = SettingKind(valueName: "mode", expectation: "expected full or normal",
                                               parse: { SQLiteSynchronous(rawValue: $0.lowercased()) }, format: { $0.rawValue })
}
