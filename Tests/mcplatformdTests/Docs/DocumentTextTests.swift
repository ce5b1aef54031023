import Foundation
import Testing
@testable import mcplatformd

@Suite("Document text and chunking")
struct DocumentTextTests {
    @Test("chunks follow headings with breadcrumbs; fenced code is never a heading nor split; long sections split with overlap")
    func chunking() {
        let text = """
            # Install

            Intro paragraph.

            ## Linux

            Use apt.

            ```sh
            # not a heading
            apt install acme
            ```

            ### Debian

            Debian notes.

            # Configure

            Configure it.
            """
        let chunks = DocumentChunker().chunks(of: text)
        #expect(chunks.map(\.heading) == ["Install", "Install › Linux", "Install › Linux › Debian", "Configure"])
        #expect(chunks[1].content.contains("# not a heading") && chunks[1].content.contains("apt install acme"))
        #expect(DocumentChunker.firstHeading(in: "```\n# fenced\n```\n\n# Real title\n") == "Real title")

        let paragraphs = (1...12).map { "Paragraph \($0) " + String(repeating: "word ", count: 40) }
        let long = DocumentChunker(targetSize: 600, overlapLimit: 400).chunks(of: "# Big\n\n" + paragraphs.joined(separator: "\n\n"))
        #expect(long.count > 3 && long.allSatisfy { $0.heading == "Big" && $0.content.count <= 600 })
        for (previous, next) in zip(long, long.dropFirst()) {
            let lastParagraph = previous.content.components(separatedBy: "\n\n").last ?? ""
            #expect(next.content.hasPrefix(lastParagraph), "a short last paragraph is repeated as overlap")
        }
        let all = long.map(\.content).joined(separator: "\n\n")
        #expect(paragraphs.allSatisfy { all.contains($0) }, "nothing is lost")
        let giant = DocumentChunker(targetSize: 300).chunks(of: String(repeating: "x ", count: 1000))
        #expect(giant.count >= 6 && giant.allSatisfy { $0.content.count <= 300 })
    }

    @Test("HTML becomes markdown-shaped text: title, headings, paragraphs, lists, pre; scripts, styles and nav vanish; entities decode")
    func html() {
        let html = """
            <!doctype html><html><head><title>Rate limits &amp; quotas</title><style>body{color:red}</style></head>
            <body><nav><a href="/">Home</a></nav><h1>Rate   limits</h1><p>Requests are <b>throttled</b> per&nbsp;key.</p>
            <script>var secret = 1;</script><ul><li>One</li><li>Two &#x2713;</li></ul><h2>Headers</h2><pre>X-RateLimit: 10
            Retry-After: 5</pre><p>Caf&eacute; &lt;ok&gt; &#169;</p></body></html>
            """
        let (text, title) = HTMLText.convert(html)
        #expect(title == "Rate limits & quotas")
        #expect(text.contains("# Rate limits") && text.contains("## Headers"), "\(text)")
        #expect(text.contains("Requests are throttled per key."))
        #expect(text.contains("- One") && text.contains("- Two ✓"))
        #expect(text.contains("X-RateLimit: 10\n") && text.contains("Retry-After: 5"))
        #expect(!text.contains("secret") && !text.contains("color:red") && !text.contains("Home"))
        #expect(text.contains("<ok> ©"))
        let chunks = DocumentChunker().chunks(of: text)
        #expect(chunks.map(\.heading) == ["Rate limits", "Rate limits › Headers"])
    }
}
