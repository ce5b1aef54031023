import Foundation

/// An email address fit for an SMTP envelope and a header: printable ASCII, one `@`, a dotted
/// domain, and none of the characters that end an address or start another header (CR, LF,
/// `<`, `>`, `,`, `;`, quotes, whitespace). Anything else is refused before mail is queued,
/// so that no value from outside can add a recipient or a header.
enum MailAddress {
    static func isSafe(_ text: String) -> Bool {
        guard EmailAddress.isPlausible(text) else { return false }
        return text.utf8.allSatisfy { byte in
            (0x21...0x7E).contains(byte) && !"<>(),;:\"[]\\".utf8.contains(byte)
        }
    }
}

/// One outgoing message, rendered as RFC 5322 text: plain text and simple HTML as
/// `multipart/alternative`, UTF-8 throughout (headers as RFC 2047 encoded words, bodies in
/// base64), with the threading headers that keep one ticket's messages in one thread.
struct EmailMessage: Sendable, Equatable {
    /// The sender's display name (the product's, say) and address.
    var fromName: String
    var fromAddress: String
    var to: String
    var replyTo: String?
    var subject: String
    /// Without angle brackets: `ticket-42.ev-7@mcp.example.com`.
    var messageID: String
    /// The message this one answers (the ticket's first message), without angle brackets.
    var inReplyTo: String?
    /// The thread so far, oldest first, without angle brackets.
    var references: [String] = []
    /// An https URL that unsubscribes the recipient (also offered as one-click, RFC 8058).
    var unsubscribeURL: String?
    var text: String
    var html: String
    var date: Date

    /// Why a message cannot be rendered: an address that is not safe to put in a header.
    struct UnsafeAddress: Error, Equatable {
        let field: String
    }

    /// The message as sent: CRLF line ends, every line within 998 octets.
    func rendered(boundary: String = "=_mcplatform_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")) throws(UnsafeAddress) -> String {
        for (field, address) in [("from", fromAddress), ("to", to), ("reply-to", replyTo ?? fromAddress)] where !MailAddress.isSafe(address) {
            throw UnsafeAddress(field: field)
        }
        for id in [messageID] + (inReplyTo.map { [$0] } ?? []) + references where !Self.isSafeID(id) {
            throw UnsafeAddress(field: "message-id")
        }
        var headers = [
            "Date: " + Self.rfc5322Date(date),
            "From: " + Self.encodedWords(Self.oneLine(fromName), quotedIfPlain: true) + " <\(fromAddress)>",
            "To: <\(to)>",
        ]
        if let replyTo { headers.append("Reply-To: <\(replyTo)>") }
        headers.append("Subject: " + Self.encodedWords(Self.oneLine(subject), quotedIfPlain: false))
        headers.append("Message-ID: <\(messageID)>")
        if let inReplyTo { headers.append("In-Reply-To: <\(inReplyTo)>") }
        if !references.isEmpty { headers.append("References: " + references.map { "<\($0)>" }.joined(separator: "\r\n "))}
        if let unsubscribeURL, unsubscribeURL.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ">") }) {
            headers.append("List-Unsubscribe: <\(unsubscribeURL)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        headers.append("Auto-Submitted: auto-generated")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var lines = headers
        lines.append("")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines.append(contentsOf: Self.base64Lines(body))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    /// `left@right` of printable ASCII without brackets or whitespace.
    private static func isSafeID(_ id: String) -> Bool {
        id.contains("@") && id.utf8.count <= 200 && id.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// Text for a one-line header: control characters (CR and LF above all) become spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// Plain printable ASCII as is (a display name quoted), anything else as RFC 2047 `B`
    /// encoded words of at most 75 characters, folded onto continuation lines.
    static func encodedWords(_ text: String, quotedIfPlain: Bool) -> String {
        let plain = text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        if plain && text.utf8.count <= 900 {
            guard quotedIfPlain else { return text }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        // 39 bytes of UTF-8 make 52 characters of base64: `=?UTF-8?B?` + 52 + `?=` = 64, so even
        // the first line (`Subject: ` and a word) stays within 78. Split on character boundaries
        // so that no word ends inside a character.
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 39, !chunk.isEmpty {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// Base64 of `text`'s UTF-8 in lines of 76 characters.
    private static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded.isEmpty ? [""] : encoded.components(separatedBy: "\r\n")
    }

    /// `Sat, 05 Dec 2026 07:41:12 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
