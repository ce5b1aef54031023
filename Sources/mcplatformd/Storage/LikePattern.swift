/// A `LIKE … ESCAPE '\'` pattern matching `text` anywhere, literally (`_` and `%` are wildcards,
/// and ids contain `_`).
func likePattern(containing text: String) -> String {
    let literal = text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    return "%\(literal)%"
}
