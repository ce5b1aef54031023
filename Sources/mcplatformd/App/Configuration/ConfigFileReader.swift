import Foundation
import TOMLKit
import Yams

/// Reads a config file (TOML, or YAML for `.yaml`/`.yml`) into raw setting values.
///
/// The file is a flat table of setting names; an unknown key is an error, never ignored.
enum ConfigFileReader {
    static func read(path: String) throws(ConfigurationError) -> [Setting: String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(subject: "--config \(path)", problem: "cannot read the file")
        }
        let entries: [(String, String)]
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            entries = try yamlEntries(text, path: path)
        } else {
            entries = try tomlEntries(text, path: path)
        }
        var values: [Setting: String] = [:]
        for (key, value) in entries {
            guard let setting = Setting(rawValue: key) else {
                throw ConfigurationError(subject: "config file \(path)", problem: "unknown key '\(key)'")
            }
            values[setting] = value
        }
        return values
    }

    private static func tomlEntries(_ text: String, path: String) throws(ConfigurationError) -> [(String, String)] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw ConfigurationError(subject: "config file \(path)", problem: "invalid TOML: \(error)")
        }
        var entries: [(String, String)] = []
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let string = value.string {
                entries.append((key, string))
            } else if let bool = value.bool {
                entries.append((key, String(bool)))
            } else if let int = value.int {
                entries.append((key, String(int)))
            } else if let array = value.array {
                entries.append((key, array.compactMap { $0.string }.joined(separator: ",")))
            } else {
                throw ConfigurationError(subject: "\(key) in \(path)", problem: "expected a string, number, boolean or list")
            }
        }
        return entries
    }

    private static func yamlEntries(_ text: String, path: String) throws(ConfigurationError) -> [(String, String)] {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw ConfigurationError(subject: "config file \(path)", problem: "invalid YAML: \(error)")
        }
        guard let loaded else { return [] }
        guard let mapping = loaded as? [String: Any] else {
            throw ConfigurationError(subject: "config file \(path)", problem: "expected a mapping of setting names to values")
        }
        return try mapping.map { key, value throws(ConfigurationError) in
            switch value {
            case let list as [Any]: (key, list.map { "\($0)" }.joined(separator: ","))
            case let string as String: (key, string)
            case let bool as Bool: (key, String(bool))
            case let int as Int: (key, String(int))
            default: throw ConfigurationError(subject: "\(key) in \(path)", problem: "expected a string, number, boolean or list")
            }
        }
    }
}
