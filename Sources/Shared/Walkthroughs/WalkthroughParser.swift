import Foundation
import Yams

/// Parses a walkthrough file (docs/WALKTHROUGHS.md): YAML front matter, then one `##` heading per
/// step with an optional `{#key}`, and the `###` sections of content schema v1. Headings inside
/// fenced code are text. Every problem names the file and line.
public enum WalkthroughParser {
    static let knownKeys = ["slug", "title", "description", "type", "status", "estimated_minutes", "tags", "servers", "position"]

    /// The four sections, by their heading (matched case-insensitively).
    enum Section: String, CaseIterable {
        case introduction = "introduction for agent"
        case context = "context for agent"
        case content = "content for user"
        case operations = "operations for agent"
    }

    public static func parse(_ text: String, file: String) throws(WalkthroughFileError) -> WalkthroughFile {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ line: Int, _ problem: String) -> WalkthroughFileError { WalkthroughFileError(file: file, line: line, problem: problem) }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw fail(1, "missing front matter: the file starts with a line `---`, the YAML keys, and another `---`")
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw fail(1, "the front matter is not closed by a `---` line")
        }
        let front = try frontMatter(Array(lines[1..<close]), firstLine: 2, file: file)
        let defaultSlug = ((file as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let slug = front.slug ?? defaultSlug
        guard isKey(slug) else {
            throw fail(front.lines["slug"] ?? 1, "slug '\(slug)' must be lower-case letters, digits and hyphens (set `slug:` when the file name is not)")
        }
        let steps = try self.steps(Array(lines[(close + 1)...]), firstLine: close + 2, file: file)
        return WalkthroughFile(slug: slug, title: front.title, description: front.description, type: front.type, estimatedMinutes: front.estimatedMinutes,
                               tags: front.tags, status: front.status, servers: front.servers, position: front.position, steps: steps)
    }

    private struct FrontMatter {
        var slug: String?
        var title = ""
        var description = ""
        var type = ""
        var status: String?
        var estimatedMinutes: Int?
        var tags: [String] = []
        var servers: [String]?
        var position: Int?
        var lines: [String: Int] = [:]
    }

    private static func frontMatter(_ lines: [String], firstLine: Int, file: String) throws(WalkthroughFileError) -> FrontMatter {
        func fail(_ line: Int, _ problem: String) -> WalkthroughFileError { WalkthroughFileError(file: file, line: line, problem: problem) }
        var front = FrontMatter()
        for (offset, line) in lines.enumerated() {
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("#"), !line.hasPrefix("-") {
                front.lines[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] = firstLine + offset
            }
        }
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: lines.joined(separator: "\n"))
        } catch let error as YamlError {
            var line = firstLine
            if case .scanner(_, _, let mark, _) = error { line = firstLine + max(0, mark.line - 1) }
            if case .parser(_, _, let mark, _) = error { line = firstLine + max(0, mark.line - 1) }
            throw fail(line, "the front matter is not valid YAML")
        } catch {
            throw fail(firstLine, "the front matter is not valid YAML")
        }
        guard let map = (loaded ?? [String: Any]()) as? [String: Any] else { throw fail(firstLine, "the front matter must be `key: value` lines") }
        let line = { (key: String) in front.lines[key] ?? firstLine }
        for key in map.keys.sorted() where !knownKeys.contains(key) {
            throw fail(line(key), "unknown front-matter key '\(key)' (known: \(knownKeys.joined(separator: ", ")))")
        }
        func string(_ key: String) throws(WalkthroughFileError) -> String? {
            guard let value = map[key] else { return nil }
            if let text = value as? String { return text }
            if value is Int || value is Double || value is Bool { return "\(value)" }
            throw fail(line(key), "\(key) must be text")
        }
        func strings(_ key: String) throws(WalkthroughFileError) -> [String]? {
            guard let value = map[key] else { return nil }
            if let list = value as? [Any] {
                var result: [String] = []
                for item in list {
                    guard let text = item as? String ?? (item is Int ? "\(item)" : nil) else { throw fail(line(key), "\(key) must be a list of names") }
                    result.append(text)
                }
                return result
            }
            if let one = value as? String { return [one] }
            throw fail(line(key), "\(key) must be a list like [a, b]")
        }
        func count(_ key: String) throws(WalkthroughFileError) -> Int? {
            guard let value = map[key] else { return nil }
            guard let number = value as? Int, (0...WalkthroughFile.maxCount).contains(number) else {
                throw fail(line(key), "\(key) must be a whole number from 0 to \(WalkthroughFile.maxCount)")
            }
            return number
        }
        guard let title = try string("title"), !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(map["title"] == nil ? firstLine - 1 : line("title"), "the front matter needs a `title`")
        }
        guard title.count <= 200 else { throw fail(line("title"), "the title has at most 200 characters") }
        front.title = title.trimmingCharacters(in: .whitespaces)
        guard let type = try string("type") else {
            throw fail(firstLine - 1, "the front matter needs a `type`: one of \(WalkthroughFile.types.joined(separator: ", "))")
        }
        guard WalkthroughFile.types.contains(type) else {
            throw fail(line("type"), "unknown type '\(type)': one of \(WalkthroughFile.types.joined(separator: ", "))")
        }
        front.type = type
        if let status = try string("status") {
            guard WalkthroughFile.statuses.contains(status) else {
                throw fail(line("status"), "unknown status '\(status)': one of \(WalkthroughFile.statuses.joined(separator: ", "))")
            }
            front.status = status
        }
        front.slug = try string("slug")
        front.description = try string("description")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        front.estimatedMinutes = try count("estimated_minutes")
        front.tags = try strings("tags") ?? []
        front.servers = try strings("servers")
        front.position = try count("position")
        return front
    }

    private static func steps(_ lines: [String], firstLine: Int, file: String) throws(WalkthroughFileError) -> [WalkthroughStep] {
        func fail(_ line: Int, _ problem: String) -> WalkthroughFileError { WalkthroughFileError(file: file, line: line, problem: problem) }
        var steps: [WalkthroughStep] = []
        var keyLines: [String: Int] = [:]
        var sections: [Section: [String]] = [:]
        var current: Section = .content
        var seen: Set<Section> = []
        var step: (key: String, title: String, line: Int)?
        var inFence = false
        func finish() throws(WalkthroughFileError) {
            guard let open = step else { return }
            let text = { (section: Section) in trimBlankLines(sections[section] ?? []) }
            steps.append(WalkthroughStep(key: open.key, title: open.title, introduction: text(.introduction), context: text(.context),
                                         content: text(.content), operations: text(.operations)))
            sections = [:]
            seen = []
            current = .content
        }
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, line.hasPrefix("## ") {
                try finish()
                let (title, explicitKey) = splitKey(String(line.dropFirst(3)))
                guard !title.isEmpty else { throw fail(number, "a step heading needs a title") }
                let key = explicitKey ?? slugify(title)
                guard isKey(key) else {
                    throw fail(number, explicitKey == nil ? "cannot make a step key from '\(title)'; add {#key}"
                                                           : "step key '\(key)' must be lower-case letters, digits and hyphens")
                }
                if let earlier = keyLines[key] { throw fail(number, "duplicate step key '\(key)' (also line \(earlier))") }
                keyLines[key] = number
                step = (key, title, number)
                continue
            }
            if !inFence, line.hasPrefix("### "), step != nil,
               let section = Section(rawValue: line.dropFirst(4).trimmingCharacters(in: .whitespaces).lowercased()) {
                if seen.contains(section) { throw fail(number, "this step already has a '\(line.dropFirst(4))' section") }
                if section == .content, !(sections[.content] ?? []).allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    throw fail(number, "this step has text before its first ### (the content for the user) and also a Content for user section")
                }
                seen.insert(section)
                current = section
                continue
            }
            guard step != nil else {
                if !trimmed.isEmpty { throw fail(number, "text before the first step: steps start with a `## ` heading") }
                continue
            }
            sections[current, default: []].append(line)
        }
        if inFence { throw fail(firstLine + lines.count - 1, "a code fence is not closed") }
        try finish()
        guard !steps.isEmpty else { throw fail(max(1, firstLine + lines.count - 1), "no steps: add `## ` headings after the front matter") }
        return steps
    }

    /// `Install the SDK {#install}` → ("Install the SDK", "install").
    static func splitKey(_ heading: String) -> (String, String?) {
        let text = heading.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return (text, nil) }
        let key = String(text[open.upperBound..<text.index(before: text.endIndex)])
        return (text[..<open.lowerBound].trimmingCharacters(in: .whitespaces), key)
    }

    /// A key from heading text: lower-case words joined by hyphens.
    static func slugify(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(63))
    }

    /// Whether `text` is a key: lower-case letters, digits and hyphens, not starting with a hyphen.
    public static func isKey(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 63 else { return false }
        let allowed = { (s: Unicode.Scalar) in ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-" }
        return allowed(first) && first != "-" && text.unicodeScalars.allSatisfy(allowed)
    }

    static func trimBlankLines(_ lines: [String]) -> String {
        var lines = lines.map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// Writes a walkthrough back in the file format; `parse(render(x)) == x`.
public enum WalkthroughWriter {
    public static func render(_ file: WalkthroughFile) -> String {
        func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        }
        func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }
        var out = "---\nslug: \(file.slug)\ntitle: \(quoted(file.title))\n"
        if !file.description.isEmpty { out += "description: \(quoted(file.description))\n" }
        out += "type: \(file.type)\n"
        if let status = file.status { out += "status: \(status)\n" }
        if let minutes = file.estimatedMinutes { out += "estimated_minutes: \(minutes)\n" }
        if !file.tags.isEmpty { out += "tags: \(list(file.tags))\n" }
        if let servers = file.servers { out += "servers: \(list(servers))\n" }
        if let position = file.position { out += "position: \(position)\n" }
        out += "---\n"
        for step in file.steps {
            out += "\n## \(step.title) {#\(step.key)}\n"
            if !step.content.isEmpty { out += "\n\(step.content)\n" }
            for (heading, text) in [("Introduction for agent", step.introduction), ("Context for agent", step.context),
                                    ("Operations for agent", step.operations)] where !text.isEmpty {
                out += "\n### \(heading)\n\n\(text)\n"
            }
        }
        return out
    }
}
