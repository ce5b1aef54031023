import Foundation
import Shared

/// SVG charts written by `mcpctl analytics --svg`: self-contained, labelled, with a legend.
enum Charts {
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func document(width: Int, height: Int, title: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="24" text-anchor="middle" font-size="16" font-weight="bold">\(escape(title))</text>
        \(body)</svg>

        """
    }

    private static func legend(_ names: [String], x: Int, y: Int) -> String {
        var out = "<g class=\"legend\">\n"
        for (index, name) in names.enumerated() {
            let top = y + index * 18
            out += "<rect x=\"\(x)\" y=\"\(top)\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
            out += "<text x=\"\(x + 18)\" y=\"\(top + 10)\">\(escape(name))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A line per series over time, with axes, ticks and a legend.
    static func lines(title: String, labels: [String], series: [(name: String, values: [Int])]) -> String {
        let width = 900, height = 420, left = 60, right = 200, top = 40, bottom = 60
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maximum = max(1, series.flatMap(\.values).max() ?? 1)
        let count = max(1, labels.count - 1)
        let x = { (index: Int) in left + plotWidth * index / count }
        let y = { (value: Int) in top + plotHeight - plotHeight * value / maximum }
        var body = "<g class=\"axes\" stroke=\"#333\"><line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\"/>"
        body += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotHeight)\"/></g>\n"
        for tick in [0, maximum / 2, maximum] {
            body += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(tick)</text>\n"
        }
        for index in Set([0, labels.count / 2, labels.count - 1]).sorted() where index >= 0 && index < labels.count {
            body += "<text x=\"\(x(index))\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(escape(labels[index]))</text>\n"
        }
        for (index, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            body += "<polyline class=\"series\" data-name=\"\(escape(line.name))\" fill=\"none\" stroke=\"\(palette[index % palette.count])\" stroke-width=\"2\" points=\"\(points)\"/>\n"
        }
        body += legend(series.map(\.name), x: width - right + 20, y: top)
        return document(width: width, height: height, title: title, body: body)
    }

    /// Horizontal bars, one group per label, one bar per series.
    static func bars(title: String, labels: [String], series: [(name: String, values: [Int])]) -> String {
        let width = 900, left = 220, right = 180, top = 50, barHeight = 16
        let groupHeight = barHeight * series.count + 10
        let height = top + groupHeight * max(1, labels.count) + 30
        let maximum = max(1, series.flatMap(\.values).max() ?? 1)
        let plotWidth = width - left - right
        var body = ""
        for (row, label) in labels.enumerated() {
            let groupTop = top + row * groupHeight
            body += "<text x=\"\(left - 8)\" y=\"\(groupTop + groupHeight / 2)\" text-anchor=\"end\">\(escape(label))</text>\n"
            for (index, line) in series.enumerated() {
                let value = row < line.values.count ? line.values[row] : 0
                let barWidth = plotWidth * value / maximum
                let barTop = groupTop + index * barHeight
                body += "<rect class=\"bar\" data-name=\"\(escape(line.name))\" x=\"\(left)\" y=\"\(barTop)\" width=\"\(barWidth)\" height=\"\(barHeight - 2)\" fill=\"\(palette[index % palette.count])\"/>"
                body += "<text x=\"\(left + barWidth + 4)\" y=\"\(barTop + barHeight - 5)\">\(value)</text>\n"
            }
        }
        body += legend(series.map(\.name), x: width - right + 20, y: top)
        return document(width: width, height: height, title: title, body: body)
    }

    /// A Sankey diagram: nodes in columns (by their distance from the first node), links as
    /// bands whose width is the number of end users.
    static func sankey(title: String, flow: APIAnalyticsFlow) -> String {
        var column: [String: Int] = [:]
        if let first = flow.nodes.first { column[first] = 0 }
        for _ in flow.nodes {
            for link in flow.links { if let from = column[link.source] { column[link.target] = max(column[link.target] ?? 0, from + 1) } }
        }
        let nodes = flow.nodes.filter { name in flow.links.contains { $0.source == name || $0.target == name } }
        let value = { (node: String) in
            max(saturatingSum(flow.links.filter { $0.target == node }.map(\.users)), saturatingSum(flow.links.filter { $0.source == node }.map(\.users)))
        }
        let columns = (column.values.max() ?? 0) + 1
        let width = 960, height = 480, top = 50, nodeWidth = 14, gap = 24
        let scaleBase = (0..<columns).map { c in saturatingSum(nodes.filter { column[$0] == c }.map(value)) }.max() ?? 1
        let usable = Double(height - top - 30 - gap * 4)
        let scale = usable / Double(max(1, scaleBase))
        var position: [String: (x: Int, y: Int, height: Int)] = [:]
        for c in 0..<columns {
            var y = top
            for node in nodes where column[node] == c {
                let h = max(2, pixels(Double(value(node)) * scale))
                position[node] = (40 + c * (width - 240) / max(1, columns - 1), y, h)
                y += h + gap
            }
        }
        var outOffset: [String: Int] = [:], inOffset: [String: Int] = [:]
        var body = ""
        for (index, link) in flow.links.enumerated() {
            guard let from = position[link.source], let to = position[link.target] else { continue }
            let band = max(1, pixels(Double(link.users) * scale))
            let y0 = from.y + (outOffset[link.source] ?? 0) + band / 2, y1 = to.y + (inOffset[link.target] ?? 0) + band / 2
            outOffset[link.source, default: 0] += band
            inOffset[link.target, default: 0] += band
            let x0 = from.x + nodeWidth, x1 = to.x, mid = (x0 + x1) / 2
            body += "<path class=\"link\" data-source=\"\(escape(link.source))\" data-target=\"\(escape(link.target))\" d=\"M\(x0),\(y0) C\(mid),\(y0) \(mid),\(y1) \(x1),\(y1)\" "
                + "fill=\"none\" stroke=\"\(palette[index % palette.count])\" stroke-opacity=\"0.45\" stroke-width=\"\(band)\"><title>\(escape(link.source)) → \(escape(link.target)): \(link.users)</title></path>\n"
        }
        for node in nodes {
            guard let at = position[node] else { continue }
            body += "<rect class=\"node\" data-name=\"\(escape(node))\" x=\"\(at.x)\" y=\"\(at.y)\" width=\"\(nodeWidth)\" height=\"\(at.height)\" fill=\"#333\"/>"
            body += "<text x=\"\(at.x + nodeWidth + 6)\" y=\"\(at.y + at.height / 2 + 4)\">\(escape(node)) (\(value(node)))</text>\n"
        }
        body += "<text x=\"20\" y=\"\(height - 10)\" fill=\"#555\">Band width: end users on that path</text>\n"
        return document(width: width, height: height, title: title, body: body)
    }

    /// `▁▂▃▅▇` for a series, for terminals.
    static func sparkline(_ values: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let maximum = max(1, values.max() ?? 1)
        return String(values.map { blocks[min(blocks.count - 1, $0 * (blocks.count - 1) / maximum)] })
    }

    /// A bar of `width` cells for `value` out of `maximum`.
    static func bar(_ value: Int, of maximum: Int, width: Int = 24) -> String {
        String(repeating: "█", count: maximum == 0 ? 0 : max(value > 0 ? 1 : 0, value * width / maximum))
    }
}

/// The sum of counts a report answered, saturating instead of overflowing (the numbers come from
/// the daemon, so they are not trusted to fit).
private func saturatingSum<T: FixedWidthInteger>(_ values: [T]) -> T {
    values.reduce(0) { $0.addingSaturating($1) }
}

/// A length in pixels, bounded to what a chart can draw (never a trapping conversion).
private func pixels(_ length: Double) -> Int {
    guard length.isFinite else { return 0 }
    return Int(min(max(length, 0), 100_000))
}
