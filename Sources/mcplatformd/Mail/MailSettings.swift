import Foundation

/// The daemon's outgoing-mail settings (`smtp-*`, `mail-*`). Without `smtpURL` nothing is
/// emailed and the ticket timeline says so.
struct MailSettings: Sendable, Equatable {
    var smtpURL: SMTPURL?
    var caFile: String?
    var allowInsecure = false
    /// The envelope sender and `From:` address.
    var from = ""
    var retryDelay: Duration = .seconds(30)
    var perRecipientPerHour = 20
    var perOrganizationPerHour = 500

    /// Whether mail is sent at all.
    var isEnabled: Bool { smtpURL != nil }

    /// Why `smtp-allow-insecure` cannot be honoured: it is for an SMTP server on loopback only.
    var insecureProblem: String? {
        guard allowInsecure, let smtpURL, !smtpURL.isLoopback else { return nil }
        return "only for an SMTP server on loopback (127.0.0.1, ::1 or localhost); \(smtpURL.host) is not"
    }

    /// The transport these settings describe, when mail is on.
    var transport: SMTPTransport? {
        smtpURL.map { SMTPTransport(url: $0.text, caFile: caFile, allowInsecure: allowInsecure) }
    }
}

/// An `smtp://` or `smtps://` URL with a host and an optional port and credentials.
struct SMTPURL: Sendable, Equatable {
    let text: String
    let host: String

    /// Why `text` is not a usable SMTP URL, or nil when it is.
    static func problem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "expected smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://…"
        }
        guard scheme == "smtp" || scheme == "smtps" else { return "the scheme is smtp (STARTTLS) or smtps (TLS), not \(scheme)" }
        guard let host = components.host, !host.isEmpty else { return "the URL names no host" }
        if let port = components.port, !(1...65535).contains(port) { return "the port is from 1 to 65535" }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
            return "the URL has a path, query or fragment; give only [USER:PASSWORD@]HOST[:PORT]"
        }
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return "the URL contains spaces or control characters" }
        return nil
    }

    init?(_ text: String) {
        guard Self.problem(text) == nil, let host = URLComponents(string: text)?.host else { return nil }
        self.text = text
        self.host = host.lowercased()
    }

    var isLoopback: Bool { ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host) || host.hasPrefix("127.") }

    /// The URL with its password hidden.
    var redacted: String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "redacted"
        return components.string ?? "smtp://(redacted)"
    }
}

extension SettingKind where Value == SMTPURL {
    static let smtpURL = SettingKind(valueName: "url", expectation: "expected smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://…",
                                     parse: SMTPURL.init, format: { $0.redacted }, problem: SMTPURL.problem, formatRedacts: true)
}

extension SettingKind where Value == String {
    /// A path to a file that exists and can be read.
    static let file = SettingKind(valueName: "path", expectation: "expected the path of a readable file",
                                  parse: { FileManager.default.isReadableFile(atPath: $0) ? $0 : nil }, format: { $0 },
                                  problem: { "cannot read the file \($0)" })

    /// An email address fit for a header and an SMTP envelope.
    static let mailAddress = SettingKind(valueName: "address", expectation: "expected an email address such as support@example.com",
                                         parse: { MailAddress.isSafe($0) ? $0 : nil }, format: { $0 })
}
