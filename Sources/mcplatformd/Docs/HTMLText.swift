import Foundation

/// HTML to markdown-shaped text for indexing: headings become `#` lines (so the chunker sees the
/// structure), blocks become paragraphs, `pre` keeps its lines, scripts, styles and navigation
/// disappear, entities are decoded. Small and forgiving, not a browser.
enum HTMLText {
    /// The text of `html` and its `<title>`, if any.
    static func convert(_ html: String) -> (text: String, title: String?) {
        var out = ""
        var title: String?
        var index = html.startIndex
        var skipUntil: String?
        var inPre = false
        var pendingHeading = 0
        while index < html.endIndex {
            if html[index] == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close]
                let name = tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" }.lowercased()
                index = html.index(after: close)
                if let end = skipUntil {
                    if name == end { skipUntil = nil }
                    continue
                }
                switch name {
                case "script", "style", "nav", "noscript", "svg", "template":
                    if !tag.hasSuffix("/") { skipUntil = "/" + name }
                case "title":
                    if let end = html[index...].range(of: "</title>", options: .caseInsensitive) {
                        title = decode(String(html[index..<end.lowerBound])).trimmingCharacters(in: .whitespacesAndNewlines)
                        index = end.upperBound
                    }
                case "h1", "h2", "h3", "h4", "h5", "h6":
                    pendingHeading = Int(String(name.dropFirst())) ?? 1
                    out += "\n\n" + String(repeating: "#", count: pendingHeading) + " "
                case "/h1", "/h2", "/h3", "/h4", "/h5", "/h6":
                    pendingHeading = 0
                    out += "\n\n"
                case "pre":
                    inPre = true
                    out += "\n\n```\n"
                case "/pre":
                    inPre = false
                    out += "\n```\n\n"
                case "p", "/p", "div", "/div", "section", "/section", "article", "/article", "ul", "/ul", "ol", "/ol", "table", "/table",
                     "blockquote", "/blockquote", "tr", "/tr":
                    out += "\n\n"
                case "br", "br/":
                    out += "\n"
                case "li":
                    out += "\n- "
                case "td", "th":
                    out += " "
                default:
                    break
                }
                continue
            }
            let next = html[index...].firstIndex(of: "<") ?? html.endIndex
            if skipUntil == nil {
                let text = decode(String(html[index..<next]))
                if inPre {
                    out += text
                } else {
                    let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                    if !collapsed.isEmpty {
                        if text.first?.isWhitespace == true, out.last.map({ !$0.isWhitespace }) == true { out += " " }
                        out += collapsed
                        if text.last?.isWhitespace == true, pendingHeading == 0 { out += " " }
                    }
                }
            }
            index = next
        }
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var text = ""
        var blank = 0
        for line in lines {
            if line.isEmpty {
                blank += 1
                if blank == 1 { text += "\n" }
            } else {
                blank = 0
                text += line + "\n"
            }
        }
        return (text.trimmingCharacters(in: .whitespacesAndNewlines), title)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—", "ndash": "–", "hellip": "…",
        "copy": "©", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    /// Decodes named and numeric character references.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
                let name = String(text[text.index(after: index)..<semicolon])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16) {
                    replacement = Unicode.Scalar(code).map { String(Character($0)) }
                } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()) {
                    replacement = Unicode.Scalar(code).map { String(Character($0)) }
                } else {
                    replacement = entities[name]
                }
                if let replacement {
                    out += replacement
                    index = text.index(after: semicolon)
                    continue
                }
            }
            out.append(text[index])
            index = text.index(after: index)
        }
        return out
    }
}
