import Shared

/// A tool call's arguments as `tool_calls.arguments` keeps them: whole up to `maxBytes` of JSON,
/// else shortened, and marked where they were.
///
/// A request body may be a megabyte, and an anonymous caller may send many; the record keeps
/// what analytics and support need (which arguments, the start of each text) without letting
/// one call store a megabyte. Shortening keeps the JSON valid:
/// - every string longer than `maxStringBytes` keeps its first bytes and ends with
///   `… [truncated: N bytes]`;
/// - if the whole is still too large, it is replaced by
///   `{"_truncated": "arguments of N bytes were not stored"}`.
enum StoredArguments {
    static let maxBytes = 16 * 1024
    static let maxStringBytes = 2 * 1024

    /// The text to store for `arguments`.
    static func text(_ arguments: JSONObject) -> String {
        let whole = JSONValue.object(arguments).jsonText
        let size = whole.utf8.count
        guard size > maxBytes else { return whole }
        let shortened = JSONValue.object(arguments.mapValues(shorten)).jsonText
        guard shortened.utf8.count > maxBytes else { return shortened }
        return JSONValue.object(["_truncated": .string("arguments of \(size) bytes were not stored")]).jsonText
    }

    private static func shorten(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > maxStringBytes:
            // Cut on a character boundary at or below the byte limit.
            var kept = Substring(text)
            while kept.utf8.count > maxStringBytes { kept = kept.dropLast(max(1, (kept.utf8.count - maxStringBytes) / 4)) }
            return .string(kept + "… [truncated: \(text.utf8.count) bytes]")
        case .array(let items): return .array(items.map(shorten))
        case .object(let members): return .object(members.mapValues(shorten))
        default: return value
        }
    }
}
