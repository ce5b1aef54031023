import Foundation
import Testing
@testable import mcplatformd

/// The libcurl SMTP transport against a real SMTP server process (aiosmtpd): plain on loopback,
/// STARTTLS with a throwaway CA, STARTTLS demanded but not offered, an untrusted certificate,
/// and a 451 answered by a later retry.
@Suite("SMTP transport")
struct SMTPTransportTests {
    /// A running `smtp_server.py`; `received` reads the messages it accepted.
    struct SMTPServer: Sendable {
        let process: DaemonProcess
        let port: Int
        let directory: URL

        var caFile: String { directory.appendingPathComponent("smtp-ca.pem").path }

        var received: [[String: Any]] {
            let text = (try? String(contentsOf: directory.appendingPathComponent("mail.jsonl"), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    static func startSMTP(_ options: [String] = []) async throws -> SMTPServer {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "smtp_server", withExtension: "py"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = try DaemonProcess([script.path, directory.appendingPathComponent("mail.jsonl").path] + options, environment: [:],
                                        program: "python3-via-env-path:\(python)")
        var port: Int?
        _ = await eventually(timeout: .seconds(30)) {
            port = process.stdout.split(separator: "\n").first { $0.hasPrefix("port ") }.flatMap { Int($0.dropFirst(5)) }
            return port != nil || !process.process.isRunning
        }
        guard let port else { throw DaemonError("the SMTP server did not start: \(process.stderr)") }
        return SMTPServer(process: process, port: port, directory: directory)
    }

    static let message = "From: Acme support <support@acme.test>\r\nTo: ada@example.com\r\nSubject: Hello\r\n\r\nHello Ada.\r\n"

    @Test("plain SMTP on loopback when allowed; STARTTLS with the CA of smtp-ca-file; the envelope and text arrive as sent")
    func delivers() async throws {
        let plain = try await Self.startSMTP()
        defer { plain.process.process.terminate() }
        let insecure = SMTPTransport(url: "smtp://127.0.0.1:\(plain.port)", caFile: nil, allowInsecure: true)
        try await insecure.send(from: "support@acme.test", to: ["ada@example.com"], message: Self.message)
        let got = try #require(plain.received.first)
        #expect(got["mail_from"] as? String == "support@acme.test" && got["rcpt_tos"] as? [String] == ["ada@example.com"])
        #expect(got["tls"] as? Bool == false && (got["data"] as? String)?.contains("Hello Ada.") == true, "\(got)")

        let secure = try await Self.startSMTP(["--starttls"])
        defer { secure.process.process.terminate() }
        let tls = SMTPTransport(url: "smtp://127.0.0.1:\(secure.port)", caFile: secure.caFile, allowInsecure: false)
        try await tls.send(from: "support@acme.test", to: ["ada@example.com", "bob@example.com"], message: Self.message)
        let sealed = try #require(secure.received.first)
        #expect(sealed["tls"] as? Bool == true && sealed["rcpt_tos"] as? [String] == ["ada@example.com", "bob@example.com"], "\(sealed)")
    }

    @Test("TLS required but not offered, or a certificate nobody trusts: the delivery fails with the reason and nothing arrives")
    func refusesWithoutTLS() async throws {
        let plain = try await Self.startSMTP()
        defer { plain.process.process.terminate() }
        let demanding = SMTPTransport(url: "smtp://127.0.0.1:\(plain.port)", caFile: nil, allowInsecure: false, timeoutSeconds: 10)
        await #expect(throws: MailDeliveryError.self) { try await demanding.send(from: "a@acme.test", to: ["b@example.com"], message: Self.message) }
        do {
            try await demanding.send(from: "a@acme.test", to: ["b@example.com"], message: Self.message)
        } catch {
            #expect(error.reason.localizedCaseInsensitiveContains("ssl") || error.reason.localizedCaseInsensitiveContains("tls"), "\(error)")
        }
        #expect(plain.received.isEmpty)

        let secure = try await Self.startSMTP(["--starttls"])
        defer { secure.process.process.terminate() }
        let untrusting = SMTPTransport(url: "smtp://127.0.0.1:\(secure.port)", caFile: plain.directory.appendingPathComponent("none.pem").path,
                                       allowInsecure: false, timeoutSeconds: 10)
        await #expect(throws: MailDeliveryError.self) { try await untrusting.send(from: "a@acme.test", to: ["b@example.com"], message: Self.message) }
        #expect(secure.received.isEmpty)
    }

    @Test("a 451 fails the attempt with its code; the next attempt delivers exactly once")
    func temporaryFailure() async throws {
        let server = try await Self.startSMTP(["--fail-first", "1"])
        defer { server.process.process.terminate() }
        let transport = SMTPTransport(url: "smtp://127.0.0.1:\(server.port)", caFile: nil, allowInsecure: true)
        do {
            try await transport.send(from: "a@acme.test", to: ["b@example.com"], message: Self.message)
            Issue.record("the first attempt should have failed")
        } catch {
            #expect(error.smtpCode == 451, "\(error)")
        }
        #expect(server.received.isEmpty)
        try await transport.send(from: "a@acme.test", to: ["b@example.com"], message: Self.message)
        #expect(server.received.count == 1)
    }
}
