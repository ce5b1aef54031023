import ArgumentParser
import Foundation
import Shared

/// How results are printed (docs/CLI.md).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns with a header and relative times (the TTY default).
    case table
    /// One object (or list) as JSON, complete and stable.
    case json
    case yaml
    case csv
    /// Only the ids, one per line.
    case name
    /// Tab-separated rows, RFC 3339 times, no header: the default when stdout is not a TTY.
    case plain

    static var allValueStrings: [String] { ["table", "json", "yaml", "csv", "name"] }
}

/// A column of a list: its header and how to show a value.
struct Column<Item>: Sendable {
    let header: String
    let value: @Sendable (Item) -> String
}

/// Prints API objects in the chosen format.
struct Printer {
    let format: OutputFormat
    /// ANSI colour for statuses: on a TTY table unless `--no-color` or `NO_COLOR`.
    var colour = false

    /// `text` in green (good) or red (bad) when colour is on.
    func status(_ text: String, good: Bool) -> String {
        guard colour else { return text }
        return (good ? "\u{1B}[32m" : "\u{1B}[31m") + text + "\u{1B}[0m"
    }

    /// Prints `items` as a list.
    func list<Item: Encodable>(_ items: [Item], columns: [Column<Item>], id: (Item) -> String) throws {
        switch format {
        case .json: print(try Self.json(items))
        case .yaml: print(try Self.yaml(items), terminator: "")
        case .name: items.forEach { print(id($0)) }
        case .csv:
            print(columns.map { Self.csvField($0.header) }.joined(separator: ","))
            for item in items { print(columns.map { Self.csvField($0.value(item)) }.joined(separator: ",")) }
        case .plain:
            for item in items { print(columns.map { $0.value(item).replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t")) }
        case .table:
            let rows = [columns.map(\.header)] + items.map { item in columns.map { $0.value(item) } }
            let widths = columns.indices.map { index in rows.map { Self.visibleWidth($0[index]) }.max() ?? 0 }
            for row in rows {
                print(row.enumerated().map { index, value in
                    index == row.count - 1 ? value : value + String(repeating: " ", count: widths[index] - Self.visibleWidth(value))
                }.joined(separator: "  "))
            }
        }
    }

    /// Prints one object: `fields` as `key: value` lines on a TTY, or the object in the format asked.
    func object<Item: Encodable>(_ item: Item, fields: [(String, String)], id: String) throws {
        switch format {
        case .json: print(try Self.json(item))
        case .yaml: print(try Self.yaml(item), terminator: "")
        case .name: print(id)
        case .csv:
            print(fields.map { Self.csvField($0.0) }.joined(separator: ","))
            print(fields.map { Self.csvField($0.1) }.joined(separator: ","))
        case .plain: fields.forEach { print("\($0.0)\t\($0.1)") }
        case .table:
            let width = fields.map(\.0.count).max() ?? 0
            fields.forEach { print("\($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)") }
        }
    }

    /// Prints a created object whose `secret` is shown this once: the whole object with `-o json`
    /// or `yaml`, only the secret otherwise (so `$(mcpctl … -o name)` captures it), and on a TTY
    /// a reminder after it.
    func secret<Item: Encodable>(_ item: Item, secret: String, id: String, note: String) throws {
        switch format {
        case .json, .yaml: try object(item, fields: [], id: id)
        case .table:
            print(secret)
            print(note)
        default: print(secret)
        }
    }

    /// A time as shown: relative on a TTY table, RFC 3339 otherwise.
    func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        guard format == .table else { return date.formatted(.iso8601) }
        let seconds = Int(Date().timeIntervalSince(date))
        switch abs(seconds) {
        case ..<60: return seconds >= 0 ? "just now" : "in \(-seconds)s"
        case ..<3600: return seconds >= 0 ? "\(seconds / 60)m ago" : "in \(-seconds / 60)m"
        case ..<86400: return seconds >= 0 ? "\(seconds / 3600)h ago" : "in \(-seconds / 3600)h"
        default: return seconds >= 0 ? "\(seconds / 86400)d ago" : "in \(-seconds / 86400)d"
        }
    }

    /// Characters a terminal shows (ANSI colour sequences take no room).
    static func visibleWidth(_ text: String) -> Int {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try APICoding.makeEncoder(pretty: true).encode(value), as: UTF8.self)
    }

    /// YAML of the JSON form of `value` (block style, strings quoted).
    static func yaml(_ value: some Encodable) throws -> String {
        let tree = try JSONDecoder().decode(JSONValue.self, from: APICoding.makeEncoder().encode(value))
        var out = ""
        emit(tree, indent: 0, into: &out, inList: false)
        return out
    }

    private static func emit(_ value: JSONValue, indent: Int, into out: inout String, inList: Bool) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let dictionary):
            if dictionary.isEmpty { out += "{}\n"; return }
            for (index, key) in dictionary.keys.sorted().enumerated() {
                let prefix = (inList && index == 0) ? "" : pad
                guard let child = dictionary[key] else { continue }
                if let text = child.scalarText {
                    out += "\(prefix)\(key): \(text)\n"
                } else {
                    out += "\(prefix)\(key):\n"
                    emit(child, indent: indent + 1, into: &out, inList: false)
                }
            }
        case .array(let array):
            if array.isEmpty { out += "\(pad)[]\n"; return }
            for element in array {
                if let text = element.scalarText {
                    out += "\(pad)- \(text)\n"
                } else {
                    out += "\(pad)- "
                    emit(element, indent: indent + 1, into: &out, inList: true)
                }
            }
        default:
            out += "\(pad)\(value.scalarText ?? "null")\n"
        }
    }

    private static func csvField(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

/// A JSON value, for re-emitting API objects as YAML.
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// The YAML text of a scalar; nil for arrays and objects.
    var scalarText: String? {
        switch self {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let string):
            "\"" + string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        case .array, .object: nil
        }
    }
}
