import Foundation
import Logging
import Synchronization

/// Writes one line per log event to standard output, as JSON (for log collectors) or as
/// readable text (on a terminal).
struct LineLogHandler: LogHandler {
    enum Format: Sendable { case json, text }

    let label: String
    let format: Format
    /// Where lines go: the daemon logs to stdout, one-shot commands to stderr (their stdout is
    /// their output).
    var toStandardError = false
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// `request_id`, kept out of `metadata`: it is set on every request, and a field costs no
    /// dictionary copy (the metadata is shared copy-on-write with the listener's logger).
    var requestID: Logger.Metadata.Value?

    /// The metadata key of the request id (`RequestIDMiddleware`).
    static let requestIDKey = "request_id"
    /// Hummingbird's own per-request counter, superseded by `request_id` and never logged.
    static let frameworkRequestIDKey = "hb.request.id"

    /// Serializes writes so lines from concurrent tasks never interleave.
    private static let output = Mutex<Void>(())

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get {
            switch key {
            case Self.requestIDKey: requestID
            case Self.frameworkRequestIDKey: nil
            default: metadata[key]
            }
        }
        set {
            switch key {
            case Self.requestIDKey: requestID = newValue
            case Self.frameworkRequestIDKey: break
            default: metadata[key] = newValue
            }
        }
    }

    func log(event: LogEvent) {
        let merged = metadata(with: event.metadata)
        let time = Self.timestamp()
        let line: String = switch format {
        case .json: Self.jsonLine(time: time, level: event.level, message: "\(event.message)", label: label, metadata: merged)
        case .text: Self.textLine(time: time, level: event.level, message: "\(event.message)", metadata: merged)
        }
        Self.output.withLock { _ in
            (toStandardError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
        }
    }

    /// The fields of one line: the handler's metadata, the request id, the provider's, then the event's.
    func metadata(with extra: Logger.Metadata?) -> Logger.Metadata {
        var merged = metadata
        if let requestID { merged[Self.requestIDKey] = requestID }
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra { merged.merge(extra) { $1 } }
        return merged
    }

    static func jsonLine(time: String, level: Logger.Level, message: String, label: String, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = ["time": time, "level": level.rawValue, "msg": message, "logger": label]
        for (key, value) in metadata { object[key] = jsonValue(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{\"msg\":\"unencodable log line\"}" }
        return text
    }

    /// A readable line. Everything logged may carry text from outside (an upstream's `error`
    /// parameter, a header), so control characters in the message, keys and values are written
    /// escaped (`\n`, `\u{1B}`): one event is always one line, and nothing reaches the terminal
    /// as an escape sequence.
    static func textLine(time: String, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let fields = metadata.sorted { $0.key < $1.key }.map { escaped($0.key) + "=" + escaped("\($0.value)") }.joined(separator: " ")
        return "\(time) \(level.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(escaped(message))"
            + (fields.isEmpty ? "" : " " + fields)
    }

    /// `text` with C0 controls, DEL and C1 controls written as escapes.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let array): array.map(jsonValue)
        case .dictionary(let dictionary): dictionary.mapValues(jsonValue)
        }
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Sets up process-wide logging once, from the configuration.
enum LoggingSetup {
    /// Bootstraps swift-log: JSON when stdout is not a TTY (or `log-format=json`), text otherwise.
    static func bootstrap(level: Logger.Level, format: DaemonConfiguration.LogFormat, toStandardError: Bool = false) {
        let terminal = isatty(toStandardError ? STDERR_FILENO : STDOUT_FILENO) == 1
        let resolved: LineLogHandler.Format = switch format {
        case .json: .json
        case .text: .text
        case .auto: terminal ? .text : .json
        }
        LoggingSystem.bootstrap { label in
            LineLogHandler(label: label, format: resolved, toStandardError: toStandardError, logLevel: level)
        }
    }
}
