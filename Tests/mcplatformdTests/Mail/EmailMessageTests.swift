import Foundation
import Testing
@testable import mcplatformd

/// Outgoing messages as Python's email package reads them: UTF-8 headers and bodies, threading
/// and unsubscribe headers, CRLF and line lengths; and no way to inject a header or recipient.
@Suite("Email messages")
struct EmailMessageTests {
    static func sample() -> EmailMessage {
        EmailMessage(fromName: "Äcme \"Cloud\" support", fromAddress: "support@mcp.example.com", to: "ada@example.com",
                     replyTo: "help@acme.test", subject: "[Äcme support #42] Build fails 🚀\r\nBcc: eve@evil.test",
                     messageID: "ticket-42.ev-7@mcp.example.com", inReplyTo: "ticket-42@mcp.example.com",
                     references: ["ticket-42@mcp.example.com", "ticket-42.ev-3@mcp.example.com"],
                     unsubscribeURL: "https://mcp.example.com/t/unsubscribe?token=abc",
                     text: "Hello Ada,\n\nTry 1.4.2 — it fixes the crash.\n" + String(repeating: "long line ", count: 300),
                     html: "<p>Hello Ada,</p><p>Try 1.4.2 — it fixes the crash.</p>", date: Date(timeIntervalSince1970: 1_796_000_000))
    }

    static func parse(_ rendered: String) async throws -> [String: Any] {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "parse_email", withExtension: "py"))
        let run = try await runDaemonCommand([script.path], environment: ["HOME": "/tmp"], program: "python3-via-env-path:\(python)", stdin: rendered)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
    }

    @Test("Python's email package reads back every header and both parts; CR/LF in the subject is a space, never a header")
    func roundTrip() async throws {
        let message = Self.sample()
        let parsed = try await Self.parse(try message.rendered())
        let headers = try #require(parsed["headers"] as? [String: [String]])
        #expect(headers["subject"] == ["[Äcme support #42] Build fails 🚀  Bcc: eve@evil.test"], "\(headers)")
        #expect(headers["bcc"] == nil && headers["to"] == ["ada@example.com"])
        #expect(headers["from"] == [#""Äcme \"Cloud\" support" <support@mcp.example.com>"#], "\(headers["from"] ?? [])")
        #expect(headers["reply-to"] == ["help@acme.test"])
        #expect(headers["message-id"] == ["<ticket-42.ev-7@mcp.example.com>"] && headers["in-reply-to"] == ["<ticket-42@mcp.example.com>"])
        #expect(headers["references"]?.first?.contains("<ticket-42@mcp.example.com>") == true
                && headers["references"]?.first?.contains("<ticket-42.ev-3@mcp.example.com>") == true)
        #expect(headers["list-unsubscribe"] == ["<https://mcp.example.com/t/unsubscribe?token=abc>"])
        #expect(headers["list-unsubscribe-post"] == ["List-Unsubscribe=One-Click"])
        #expect(headers["date"] == ["Mon, 30 Nov 2026 00:53:20 +0000"])
        let parts = try #require(parsed["parts"] as? [String: String])
        #expect(parts["text/plain"] == message.text && parts["text/html"] == message.html)
        #expect(parsed["bare_lf"] as? Bool == false && (parsed["longest_line"] as? Int ?? 999) <= 998)
        #expect((parsed["defects"] as? [String])?.isEmpty == true, "\(parsed["defects"] ?? "")")
    }

    @Test("a very long UTF-8 subject is folded into encoded words; lines stay within 998 octets")
    func longSubject() async throws {
        var message = Self.sample()
        message.subject = String(repeating: "Ünïcødé ", count: 400)
        let rendered = try message.rendered()
        #expect(rendered.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 78 || !$0.contains("=?UTF-8?B?") })
        let parsed = try await Self.parse(rendered)
        #expect((parsed["headers"] as? [String: [String]])?["subject"] == [message.subject])
    }

    @Test("addresses that could add a header or a recipient are refused before anything is rendered")
    func unsafeAddresses() throws {
        for bad in ["ada@example.com\r\nBcc: eve@evil.test", "ada@example.com\nX: y", "a@b.c>", "<a@b.c>", "a,b@c.d", "a@b.c;d@e.f",
                    "\"a b\"@c.d", "ädä@example.com", "a@b", "", "a\u{0}@b.c"] {
            #expect(!MailAddress.isSafe(bad), "\(bad.debugDescription)")
            var message = Self.sample()
            message.to = bad
            #expect(throws: EmailMessage.UnsafeAddress(field: "to")) { try message.rendered() }
        }
        for good in ["ada@example.com", "ada+tag@sub.example.co.uk", "o'brien@example.ie"] {
            #expect(MailAddress.isSafe(good), "\(good)")
        }
        var message = Self.sample()
        message.messageID = "x>\r\nBcc: eve@evil.test"
        #expect(throws: EmailMessage.UnsafeAddress(field: "message-id")) { try message.rendered() }
    }
}
