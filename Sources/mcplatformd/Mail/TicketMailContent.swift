import Foundation

/// The words of the emails about a ticket: a subject, plain text and simple HTML. The
/// confirmation never carries the end user's own text (the address is only claimed).
struct TicketMailContent: Sendable, Equatable {
    let subject: String
    let text: String
    let html: String

    /// What one message is about.
    struct Facts: Sendable {
        let kind: TicketEmailKind
        let number: Int64
        let title: String
        let product: String
        /// The team's reply, for `.reply`.
        let reply: String?
        let pageURL: String
        let unsubscribeURL: String
        /// Whether replies to the email reach the team (the organization set a Reply-To).
        let hasReplyTo: Bool
    }

    init(_ facts: Facts) {
        let tag = "[\(facts.product) support #\(facts.number)]"
        var paragraphs: [Paragraph]
        switch facts.kind {
        case .confirmation:
            subject = "\(tag) We received your request"
            paragraphs = [.text("Hello,"),
                          .text("We received your support request #\(facts.number). The \(facts.product) team will answer it by email."),
                          .link("Follow it and add to it on its page:", facts.pageURL)]
        case .reply:
            subject = "\(tag) \(facts.title)"
            paragraphs = [.text(facts.reply ?? ""), .text("— The \(facts.product) team")]
        case .resolved:
            subject = "\(tag) Resolved: \(facts.title)"
            paragraphs = [.text("The \(facts.product) team marked your support request #\(facts.number) as resolved."),
                          .link("If something is still wrong, answer on its page and it opens again:", facts.pageURL)]
        }
        paragraphs.append(.rule)
        if facts.hasReplyTo {
            paragraphs.append(.text("You can answer by replying to this email."))
        } else {
            paragraphs.append(.text("Replies to this email are not read. Answer in your editor (your AI assistant's reply_to_ticket tool) or on the ticket page."))
        }
        if facts.kind == .reply { paragraphs.append(.link("Ticket page:", facts.pageURL)) }
        paragraphs.append(.small("The ticket page link works for 30 days."))
        paragraphs.append(.link("To get no more email from \(facts.product) support:", facts.unsubscribeURL))
        text = paragraphs.map(\.text).joined(separator: "\n\n") + "\n"
        html = """
            <!doctype html><html><body style="font:15px/1.5 system-ui,sans-serif;color:#1d2330;max-width:40rem">
            \(paragraphs.map(\.html).joined(separator: "\n"))
            </body></html>
            """
    }

    private enum Paragraph {
        case text(String), link(String, String), small(String), rule

        var text: String {
            switch self {
            case .text(let words), .small(let words): words
            case .link(let words, let url): "\(words)\n\(url)"
            case .rule: "--"
            }
        }

        var html: String {
            switch self {
            case .text(let words): "<p>\(Self.escaped(words).replacingOccurrences(of: "\n", with: "<br>"))</p>"
            case .small(let words): "<p style=\"color:#5b6475;font-size:13px\">\(Self.escaped(words))</p>"
            case .link(let words, let url): "<p>\(Self.escaped(words))<br><a href=\"\(Self.escaped(url))\">\(Self.escaped(url))</a></p>"
            case .rule: "<hr style=\"border:0;border-top:1px solid #dde1e8\">"
            }
        }

        static func escaped(_ text: String) -> String { HTMLEscaping.escaped(text) }
    }
}
