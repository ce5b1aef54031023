import Foundation

/// A passage of a document as indexed: the headings above it and its text.
struct DocumentChunk: Sendable, Equatable {
    /// `Install › Linux`: the headings it sits under (empty before the first one).
    let heading: String
    let content: String
}

/// Splits markdown-shaped text into passages for search: by headings first (each passage
/// carries its breadcrumb), then by size on paragraph boundaries, with the last paragraph of a
/// passage repeated at the start of the next (overlap) when it is short and leaves room. Fenced code blocks are
/// never split inside, nor read as headings.
struct DocumentChunker: Sendable {
    var targetSize = 1200
    var overlapLimit = 400

    func chunks(of text: String) -> [DocumentChunk] {
        var chunks: [DocumentChunk] = []
        for section in sections(of: text) {
            var current: [String] = []
            var size = 0
            for block in section.blocks.flatMap(split) {
                if size + block.count > targetSize, !current.isEmpty {
                    chunks.append(DocumentChunk(heading: section.heading, content: current.joined(separator: "\n\n")))
                    let last = current[current.count - 1]
                    let carry = last.count <= overlapLimit && last.count + block.count + 2 <= targetSize && !last.hasPrefix("```")
                    current = carry ? [last] : []
                    size = current.first?.count ?? 0
                }
                current.append(block)
                size += block.count + 2
            }
            if !current.isEmpty {
                chunks.append(DocumentChunk(heading: section.heading, content: current.joined(separator: "\n\n")))
            }
        }
        return chunks
    }

    /// The document's first `#` heading, outside code fences.
    static func firstHeading(in text: String) -> String? {
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
            if !inFence, let (level, title) = heading(trimmed), level == 1 { return title }
        }
        return nil
    }

    private struct Section {
        let heading: String
        var blocks: [String]
    }

    /// Sections under each heading, as paragraphs and whole code blocks.
    private func sections(of text: String) -> [Section] {
        var sections: [Section] = []
        var path: [(level: Int, title: String)] = []
        var blocks: [String] = []
        var paragraph: [String] = []
        var fence: [String]?
        func endParagraph() {
            if !paragraph.isEmpty { blocks.append(paragraph.joined(separator: "\n")) }
            paragraph = []
        }
        func endSection() {
            endParagraph()
            if !blocks.isEmpty { sections.append(Section(heading: path.map(\.title).joined(separator: " › "), blocks: blocks)) }
            blocks = []
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var open = fence {
                open.append(line)
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    blocks.append(open.joined(separator: "\n"))
                    fence = nil
                } else {
                    fence = open
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                endParagraph()
                fence = [line]
            } else if let (level, title) = Self.heading(trimmed) {
                endSection()
                path.removeAll { $0.level >= level }
                path.append((level, title))
            } else if trimmed.isEmpty {
                endParagraph()
            } else {
                paragraph.append(line)
            }
        }
        if let open = fence { blocks.append(open.joined(separator: "\n")) }
        endSection()
        return sections
    }

    /// `## Title` as (2, "Title").
    private static func heading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix { $0 == "#" }.count
        guard level <= 6, line.dropFirst(level).first == " " else { return nil }
        let title = line.dropFirst(level).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#"))
            .trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : (level, title)
    }

    /// A block over the target size, cut at sentence or word boundaries (code blocks by lines).
    private func split(_ block: String) -> [String] {
        guard block.count > targetSize else { return [block] }
        var pieces: [String] = []
        var current = ""
        let separator: Character = block.hasPrefix("```") ? "\n" : " "
        for word in block.split(separator: separator, omittingEmptySubsequences: false) {
            if current.count + word.count + 1 > targetSize, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : String(separator) + word
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
