import Foundation
import Shared
import Testing
@testable import mcplatformd

/// Mail through the real daemon process and mcpctl: a delivery that fails with 451 is sent
/// exactly once after a daemon restart; `tickets comment --public` names the recipient;
/// `tickets show` lists each email; `orgs update` changes the mail settings.
@Suite("Ticket email through the daemon and mcpctl")
struct TicketMailCLITests {
    @Test("STARTTLS through smtp-ca-file; 451 then 250 across a daemon restart: the message arrives exactly once; the CLI shows where each email stands",
          arguments: TestEngine.all)
    func restart(engine: TestEngine) async throws {
        // STARTTLS with a throwaway CA passed through smtp-ca-file (no smtp-allow-insecure).
        let smtp = try await SMTPTransportTests.startSMTP(["--starttls", "--fail-first", "1"])
        defer { smtp.process.process.terminate() }
        let database = try await TestDatabase.create(engine)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let bootstrap = try await runDaemonCommand(["bootstrap", "--email", "owner@acme.test", "--org", "acme", "--password-stdin", "--json"],
                                                   environment: ["HOME": home.path, "MCPLATFORM_DATABASE_URL": database.url.raw], stdin: "correct horse battery\n")
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        // A retry delay long enough that the daemon is stopped before its second attempt.
        let mail = ["MCPLATFORM_SMTP_URL": "smtp://127.0.0.1:\(smtp.port)", "MCPLATFORM_SMTP_CA_FILE": smtp.caFile,
                    "MCPLATFORM_MAIL_RETRY_DELAY": "3s", "MCPLATFORM_BASE_DOMAIN": "mcp.test"]
        var running = try await MCPInteropTests.startDaemon(database, home: home, extra: mail)
        var env = running.ctlEnvironment.merging(["MCPCTL_ORG": "acme", "NO_COLOR": "1"]) { $1 }
        let ctl = { (arguments: [String]) in try await runDaemonCommand(arguments, environment: env, program: "mcpctl") }
        #expect(try await runDaemonCommand(["login", "--email", "owner@acme.test", "--password-stdin"], environment: env, program: "mcpctl",
                                           stdin: "correct horse battery\n").status == 0)
        #expect(try await ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"]).status == 0)
        let updated = try await ctl(["orgs", "update", "--mail-sender-name", "Acme Help", "--ticket-confirmations", "off"])
        #expect(updated.status == 0 && updated.stdout.contains("Acme Help"), "\(updated)")
        #expect(updated.stdout.split(separator: "\n").contains { $0.contains("ticket confirmations") && $0.hasSuffix("off") }, "\(updated.stdout)")
        let badReplyTo = try await ctl(["orgs", "update", "--mail-reply-to", "a@b.test\r\nBcc: eve@evil.test"])
        #expect(badReplyTo.status != 0 && badReplyTo.stderr.contains("mail_reply_to"), "\(badReplyTo)")
        let nothing = try await ctl(["orgs", "update"])
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing to change"))

        let opened = try await mcpSend(port: running.publicPort, "/s/acme-docs/mcp",
                                       body: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"}},"name":"get_support","arguments":\#(MCPHarness.supportArguments)}}"#,
                                       headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
        #expect(opened.toolText?.contains("ticket #1") == true, "\(opened.text)")
        let replied = try await ctl(["tickets", "comment", "1", "--public", "--body", "Try acme 1.4.2"])
        #expect(replied.status == 0 && replied.stdout.contains("emailed ada@example.com"), "\(replied)")

        let show = { () async throws -> APITicket in
            let result = try await ctl(["tickets", "show", "1", "-o", "json"])
            return try APICoding.makeDecoder().decode(APITicket.self, from: Data(result.stdout.utf8))
        }
        #expect(await eventually(timeout: .seconds(30)) { (try? await show())?.emails?.first?.lastError?.contains("451") == true })
        let waiting = try await ctl(["tickets", "show", "1"])
        #expect(waiting.stdout.contains("email (reply) to ada@example.com: queued, retrying after 1 failed attempt: SMTP 451"), "\(waiting.stdout)")
        #expect(await running.daemon.stop() == 0)
        #expect(smtp.received.isEmpty)

        running = try await MCPInteropTests.startDaemon(database, home: home, extra: mail)
        env = running.ctlEnvironment.merging(["MCPCTL_ORG": "acme", "NO_COLOR": "1"]) { $1 }
        #expect(try await runDaemonCommand(["login", "--email", "owner@acme.test", "--password-stdin"], environment: env, program: "mcpctl",
                                           stdin: "correct horse battery\n").status == 0)
        #expect(await eventually(timeout: .seconds(30)) { (try? await show())?.emails?.first?.state == .sent })
        let sent = try await ctl(["tickets", "show", "1"])
        #expect(sent.stdout.contains("email (reply) to ada@example.com: sent"), "\(sent.stdout)")
        #expect(smtp.received.count == 1 && smtp.received.first?["tls"] as? Bool == true)
        let message = try await EmailMessageTests.parse(try #require(smtp.received.first?["data"] as? String))
        #expect((message["headers"] as? [String: [String]])?["from"] == ["Acme Help <support@mcp.test>"])
        #expect(await running.daemon.stop() == 0)
        #expect(smtp.received.count == 1, "delivered exactly once")
    }

    @Test("without smtp-url, tickets show says once that nothing is emailed, and a public reply says why it was not", arguments: [TestEngine.sqlite])
    func notConfigured(engine: TestEngine) async throws {
        try await TicketsCLITests.withDesk(engine) { desk in
            _ = try await mcpSend(port: desk.running.publicPort, "/s/acme-docs/mcp",
                                  body: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"}},"name":"get_support","arguments":\#(MCPHarness.supportArguments)}}"#,
                                  headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
            let replied = try await desk.ctl(["tickets", "comment", "1", "--public", "--body", "Hello"])
            #expect(replied.stdout.contains("not emailed: this daemon has no smtp-url"), "\(replied)")
            let shown = try await desk.ctl(["tickets", "show", "1"])
            #expect(shown.stdout.components(separatedBy: "has no smtp-url").count == 2, "said once: \(shown.stdout)")
        }
    }
}
