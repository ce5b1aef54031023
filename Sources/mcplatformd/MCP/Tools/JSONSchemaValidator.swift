import Foundation
import Shared

/// Checks tool arguments against the tool's input schema: the subset of JSON Schema our tools
/// use (object with `properties`, `required`, `additionalProperties: false`; strings with
/// `minLength`/`maxLength`/`format: email`; integers with `minimum`/`maximum`; booleans).
///
/// Returns every problem, each naming the argument, so an agent can fix its call in one go.
enum JSONSchemaValidator {
    static func problems(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [String] {
        // Spelled out only for a problem: most calls have none.
        var name: String { path.isEmpty ? "arguments" : "'\(path)'" }
        switch schema["type"]?.stringValue {
        case "object":
            guard case .object(let members) = value else { return ["\(name) must be an object"] }
            var problems: [String] = []
            let properties = schema["properties"]?.objectValue ?? [:]
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where members[key] == nil || members[key] == .null {
                    problems.append("'\(key)' is required")
                }
            }
            // Each argument's problems, in argument order once there are any (the common case,
            // none, sorts nothing).
            var found: [(key: String, problems: [String])] = []
            for (key, member) in members {
                guard let propertySchema = properties[key] else {
                    if schema["additionalProperties"] == .bool(false) { found.append((key, ["'\(key)' is not an argument of this tool"])) }
                    continue
                }
                if member == .null, !isRequired(key, schema) { continue }
                let memberProblems = Self.problems(member, against: propertySchema, path: path.isEmpty ? key : path + "." + key)
                if !memberProblems.isEmpty { found.append((key, memberProblems)) }
            }
            return found.isEmpty ? problems : problems + found.sorted { $0.key < $1.key }.flatMap(\.problems)
        case "string":
            guard case .string(let text) = value else { return ["\(name) must be a string"] }
            var problems: [String] = []
            // JSON Schema counts code points; no text has more of them than UTF-8 bytes.
            if case .int(let minimum)? = schema["minLength"], minimum == 1 ? text.isEmpty : text.unicodeScalars.count < minimum {
                problems.append(minimum == 1 ? "\(name) must not be empty" : "\(name) must have at least \(minimum) characters")
            }
            if case .int(let maximum)? = schema["maxLength"], text.utf8.count > maximum, text.unicodeScalars.count > maximum {
                problems.append("\(name) must have at most \(maximum) characters")
            }
            if schema["format"] == "email", !EmailAddress.isPlausible(text) {
                problems.append("\(name) must be an email address such as ada@example.com")
            }
            return problems
        case "integer":
            guard case .int(let number) = value else { return ["\(name) must be an integer"] }
            if case .int(let minimum)? = schema["minimum"], number < minimum { return ["\(name) must be at least \(minimum)"] }
            if case .int(let maximum)? = schema["maximum"], number > maximum { return ["\(name) must be at most \(maximum)"] }
            return []
        case "boolean":
            guard case .bool = value else { return ["\(name) must be true or false"] }
            return []
        default:
            return []
        }
    }

    private static func isRequired(_ key: String, _ schema: JSONValue) -> Bool {
        guard case .array(let required)? = schema["required"] else { return false }
        return required.contains(.string(key))
    }
}

/// The plausibility check for emails typed by end users: one `@`, something before it, a dot
/// in the domain, no spaces. Deliverability is not checked.
enum EmailAddress {
    static func isPlausible(_ text: String) -> Bool {
        // On UTF-8 bytes: it runs on every `get_support` call, and Character-wise scanning costs
        // more than the rest of the argument checks together.
        let bytes = text.utf8
        guard bytes.count <= 1016 else { return false }
        var at: Int?
        var index = 0
        var ascii = true
        for byte in bytes {
            switch byte {
            case 0x80...: ascii = false
            case UInt8(ascii: "@"):
                guard at == nil else { return false }
                at = index
            case UInt8(ascii: "<"), UInt8(ascii: ">"), 0x09...0x0D, 0x20: return false
            default: break
            }
            index += 1
        }
        // At most 254 characters and no whitespace; scalars are walked only beyond ASCII.
        let fits = ascii ? bytes.count <= 254
            : text.unicodeScalars.count <= 254 && !text.unicodeScalars.contains { !$0.isASCII && $0.properties.isWhitespace }
        guard fits, let at, at > 0 else { return false }
        let domain = bytes.dropFirst(at + 1)
        let dot = UInt8(ascii: ".")
        guard domain.contains(dot), domain.first != dot, domain.last != dot else { return false }
        return !zip(domain, domain.dropFirst()).contains { $0 == dot && $1 == dot }
    }
}
