import Foundation
import Shared
import Testing
@testable import mcplatformd

/// Support staff in the shell: mcpctl against the real daemon, on tickets the Python `mcp`
/// client opens with get_support.
@Suite("mcpctl tickets against the daemon")
struct TicketsCLITests {
    /// A daemon with organization `acme` and server `acme-docs`, and mcpctl logged in as the
    /// owner (a login token, so `@me` means the owner).
    struct Desk {
        let running: MCPInteropTests.RunningDaemon
        let env: [String: String]
        let home: URL

        func ctl(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
            try await runDaemonCommand(arguments, environment: env, program: "mcpctl", stdin: stdin)
        }

        func json<T: Decodable>(_ type: T.Type, _ arguments: [String]) async throws -> T {
            let result = try await ctl(arguments + ["-o", "json"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return try APICoding.makeDecoder().decode(type, from: Data(result.stdout.utf8))
        }

        /// get_support through the official Python SDK client; returns the tool's answer.
        func sdkTicket(python: String) async throws -> String {
            let script = try #require(Bundle.module.url(forResource: "mcp_client", withExtension: "py"))
            let url = "http://127.0.0.1:\(running.publicPort)/s/acme-docs/mcp"
            let client = try await runDaemonCommand([script.path, url, "legacy"], environment: ["HOME": home.path], timeout: .seconds(120),
                                                    program: "python3-via-env-path:\(python)")
            #expect(client.status == 0, "\(client.stderr)")
            let output = try #require(try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any], "\(client.stdout)")
            return output["text"] as? String ?? ""
        }
    }

    static func withDesk(_ engine: TestEngine, _ body: (Desk) async throws -> Void) async throws {
        let database = try await TestDatabase.create(engine)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let bootstrap = try await runDaemonCommand(["bootstrap", "--email", "owner@acme.test", "--org", "acme", "--password-stdin", "--json"],
                                                   environment: ["HOME": home.path, "MCPLATFORM_DATABASE_URL": database.url.raw], stdin: "correct horse battery\n")
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let running = try await MCPInteropTests.startDaemon(database, home: home)
        let env = running.ctlEnvironment.merging(["MCPCTL_ORG": "acme", "NO_COLOR": "1"]) { $1 }
        let desk = Desk(running: running, env: env, home: home)
        let login = try await desk.ctl(["login", "--email", "owner@acme.test", "--password-stdin"], stdin: "correct horse battery\n")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(try await desk.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"]).status == 0)
        try await body(desk)
        #expect(await running.daemon.stop() == 0)
    }

    @Test("the lifecycle: SDK get_support → list → show → comment → assign @me → priority → close → reopen; the timeline names each actor",
          arguments: TestEngine.all)
    func lifecycle(engine: TestEngine) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv with mcp 2.3.0: run scripts/test (or set MCP_TEST_PYTHON)")
        try await Self.withDesk(engine) { desk in
            #expect(try await desk.sdkTicket(python: python).contains("ticket #1"))
            let listed = try await desk.json([APITicket].self, ["tickets", "list", "--status", "open"])
            #expect(listed.map(\.number) == [1] && listed.first?.email == "sdk@example.com")
            let table = try await desk.ctl(["tickets", "list"])
            #expect(table.stdout.contains("#1") && table.stdout.contains("Interop legacy"))

            let shown = try await desk.ctl(["tickets", "show", "1"])
            #expect(shown.status == 0 && shown.stdout.contains("sdk@example.com") && shown.stdout.contains("get_support ok"), "\(shown.stdout)")
            #expect(try await desk.ctl(["tickets", "comment", "1", "--body", "Looking into it"]).status == 0)
            #expect(try await desk.ctl(["tickets", "comment", "#1", "--public", "--body-file", "-"], stdin: "Fixed in 1.4.2\n").status == 0)
            #expect(try await desk.ctl(["tickets", "assign", "1", "@me"]).status == 0)
            #expect(try await desk.ctl(["tickets", "update", "1", "--priority", "high"]).status == 0)
            #expect(try await desk.ctl(["tickets", "close", "1"]).status == 0)
            #expect(try await desk.ctl(["tickets", "reopen", "#1"]).status == 0)

            let ticket = try await desk.json(APITicket.self, ["tickets", "show", "1"])
            #expect(ticket.status == "open" && ticket.priority == "high" && ticket.assigneeEmail == "owner@acme.test" && ticket.resolvedAt != nil)
            let events = try #require(ticket.events)
            #expect(events.map(\.kind) == ["created", "comment", "comment", "assigned", "priority_changed", "status_changed", "status_changed"])
            #expect(events.map(\.visibility) == [nil, "internal", "public", nil, nil, nil, nil])
            #expect(events.dropFirst().allSatisfy { $0.actorEmail == "owner@acme.test" }, "every staff change names its actor")
            #expect(events[0].actorEndUserId == ticket.endUserId)
            let timeline = try await desk.ctl(["tickets", "show", "1"])
            #expect(timeline.stdout.contains("replied (public): Fixed in 1.4.2 — owner@acme.test"), "\(timeline.stdout)")
            #expect(timeline.stdout.contains("status closed → open — owner@acme.test"))
            #expect(try await desk.json([APITicket].self, ["tickets", "list", "--assignee", "@me", "--priority", "high"]).map(\.number) == [1])
            #expect(try await desk.json([APITicket].self, ["tickets", "list", "--assignee", "none"]).isEmpty)

            // Bad input: a clear message, the exit code of docs/CLI.md, and nothing changes.
            let before = events.count
            let badPriority = try await desk.ctl(["tickets", "update", "1", "--priority", "asap"])
            #expect(badPriority.status == 2 && badPriority.stderr.contains("--priority"))
            #expect(try await desk.ctl(["tickets", "update", "1"]).status == 2)
            #expect(try await desk.ctl(["tickets", "comment", "1"]).status == 2, "no body and no terminal")
            #expect(try await desk.ctl(["tickets", "assign", "1", "stranger@example.com"]).status == 2)
            #expect(try await desk.ctl(["tickets", "show", "99"]).status == 3)
            #expect(try await desk.ctl(["tickets", "list", "--since", "yesterday"]).status == 2)
            #expect(try await desk.ctl(["tickets", "close", "1"]).status == 0)
            let conflict = try await desk.ctl(["tickets", "update", "1", "--status", "in_progress"])
            #expect(conflict.status == 5 && conflict.stderr.contains("reopen"), "\(conflict.stderr)")
            #expect(try await desk.json(APITicket.self, ["tickets", "show", "1"]).events?.count == before + 1)
        }
    }

    @Test("watch -o json receives a new ticket promptly; resuming from the last cursor misses nothing", arguments: TestEngine.all)
    func watch(engine: TestEngine) async throws {
        try await Self.withDesk(engine) { desk in
            let watcher = try DaemonProcess(["tickets", "watch", "-o", "json"], environment: desk.env, program: "mcpctl")
            let lines = { watcher.stdout.split(separator: "\n").compactMap { try? APICoding.makeDecoder().decode(APITicketEvent.self, from: Data($0.utf8)) } }
            // The watcher starts from "now"; wait until its first long poll is in place, then open a ticket.
            let session = try #require(try await mcpSend(port: desk.running.publicPort, "/s/acme-docs/mcp",
                                                         body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#).sessionID)
            var opened = 0
            let seen = try await eventually(timeout: .seconds(15), every: .milliseconds(500)) {
                if opened == 0 || lines().isEmpty {
                    opened += 1
                    _ = try await mcpSend(port: desk.running.publicPort, "/s/acme-docs/mcp",
                                          body: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}}"#,
                                          headers: ["Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"])
                }
                return !lines().isEmpty
            }
            #expect(seen, "watch printed: \(watcher.stdout) \(watcher.stderr)")
            let first = try #require(lines().first)
            #expect(first.kind == "created" && first.ticketNumber >= 1)
            // Each line carries what a person or a script needs without another call.
            #expect(first.ticket == APITicketSummary(number: first.ticketNumber, title: "Build fails", status: "open", priority: "normal",
                                                     serverSlug: "acme-docs", email: "ada@example.com"), "\(watcher.stdout)")
            let raw = try #require(watcher.stdout.split(separator: "\n").first.map(String.init))
            #expect(raw.contains(#""ticket":{"#) && raw.contains(#""server_slug":"acme-docs""#) && raw.contains(#""email":"ada@example.com""#), "\(raw)")
            #expect(await watcher.stop() != -1)

            // While nobody watches, the ticket is answered and closed; resuming from the cursor shows exactly that.
            #expect(try await desk.ctl(["tickets", "comment", "\(first.ticketNumber)", "--body", "On it"]).status == 0)
            #expect(try await desk.ctl(["tickets", "close", "\(first.ticketNumber)"]).status == 0)
            let resumed = try await desk.ctl(["tickets", "watch", "-o", "json", "--cursor", "\(first.seq)", "--max-events", "2"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let missed = resumed.stdout.split(separator: "\n").compactMap { try? APICoding.makeDecoder().decode(APITicketEvent.self, from: Data($0.utf8)) }
            #expect(missed.map(\.kind) == ["comment", "status_changed"] && missed.map(\.seq) == [first.seq + 1, first.seq + 2], "\(resumed.stdout)")
            #expect(missed.allSatisfy { $0.ticket?.status == "closed" && $0.ticket?.title == "Build fails" }, "the ticket as it is now")
            let table = try await desk.ctl(["tickets", "watch", "--cursor", "\(first.seq)", "--max-events", "1"])
            #expect(table.stdout.contains("Build fails") && table.stdout.contains("acme-docs"), "\(table.stdout)")
            #expect(try await desk.ctl(["tickets", "watch", "--cursor", "-3"]).status == 2)
        }
    }

    /// Runs mcpctl in a pseudo-terminal through `pty_script.py`, playing `steps` ([expect, send or NSNull]).
    static func inTerminal(_ arguments: [String], env: [String: String], steps: [[Any]], home: URL) async throws -> [String: Any] {
        let script: [String: Any] = ["argv": [DaemonProcess.binary(named: "mcpctl").path] + arguments, "env": env, "steps": steps, "timeout": 60]
        let file = home.appendingPathComponent("pty-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: script).write(to: file)
        let driver = try #require(Bundle.module.url(forResource: "pty_script", withExtension: "py"))
        let run = try await runDaemonCommand([driver.path, file.path], environment: ["HOME": home.path], timeout: .seconds(90), program: "python3-via-env")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    @Test("triage in a terminal: comment on and close the oldest open ticket, view, assign, prioritize, reply via $EDITOR, skip; without a terminal it refuses (exit 2)",
          arguments: TestEngine.all)
    func triage(engine: TestEngine) async throws {
        try await Self.withDesk(engine) { desk in
            let session = try #require(try await mcpSend(port: desk.running.publicPort, "/s/acme-docs/mcp",
                                                         body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#).sessionID)
            for title in ["Oldest problem", "Newer problem"] {
                let call = try await mcpSend(port: desk.running.publicPort, "/s/acme-docs/mcp",
                                             body: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_support","arguments":{"title":"\#(title)","problem_description":"details","email":"ada@example.com"}}}"#,
                                             headers: ["Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"])
                #expect(call.toolText?.contains("ticket #") == true)
            }
            let refused = try await desk.ctl(["tickets", "triage"])
            #expect(refused.status == 2 && refused.stderr.contains("needs a terminal") && refused.stderr.contains("hint:"), "\(refused.stderr)")

            let prompt = "q ?] > "
            let editor = desk.home.appendingPathComponent("editor.sh")
            try "#!/bin/sh\necho 'Written in the editor' >> \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
            let terminalEnv = desk.env.merging(["PATH": "/usr/bin:/bin", "PAGER": "cat", "EDITOR": editor.path]) { $1 }
            let steps: [[Any]] = [
                [prompt, "c"], ["comment (empty: open $EDITOR) > ", "Triaged from the terminal"], [prompt, "x"],
                ["Newer problem", NSNull()], [prompt, "v"], ["description: details", NSNull()], [prompt, "a"], ["assign to (email, @me, none) > ", "@me"],
                [prompt, "p"], ["priority (low, normal, high, urgent) > ", "high"], [prompt, "r"], ["(empty: open $EDITOR) > ", ""],
                [prompt, "n"], ["no more open tickets", NSNull()],
            ]
            let report = try await Self.inTerminal(["tickets", "triage"], env: terminalEnv, steps: steps, home: desk.home)
            let screen = report["screen"] as? String ?? ""
            #expect(report["status"] as? Int == 0 && report["steps_done"] as? Int == steps.count, "\(screen)")
            #expect(screen.contains("Oldest problem") && screen.contains("commented on #1") && screen.contains("#1 closed"), "\(screen)")
            #expect(screen.contains("#2 assigned to owner@acme.test") && screen.contains("#2 priority high"), "\(screen)")
            #expect(screen.contains("triaged 1 ticket, skipped 1"))
            #expect(screen.contains("replied on #2; not emailed"), "the reply key says what became of the email: \(screen)")

            // `tickets comment` without --body on a terminal opens $EDITOR.
            let edited = try await Self.inTerminal(["tickets", "comment", "2"], env: terminalEnv, steps: [], home: desk.home)
            #expect(edited["status"] as? Int == 0, "\(edited["screen"] ?? "")")
            let second = try await desk.json(APITicket.self, ["tickets", "show", "2"])
            #expect(second.status == "open" && second.priority == "high" && second.assigneeEmail == "owner@acme.test")
            #expect(second.events?.filter { $0.kind == "comment" }.map(\.body) == ["Written in the editor", "Written in the editor"])
            #expect(second.events?.filter { $0.kind == "comment" }.map(\.visibility) == ["public", "internal"])

            let oldest = try await desk.json(APITicket.self, ["tickets", "show", "1"])
            #expect(oldest.status == "closed")
            #expect(oldest.events?.contains { $0.kind == "comment" && $0.body == "Triaged from the terminal" && $0.actorEmail == "owner@acme.test" } == true)
            #expect(try await desk.json(APITicket.self, ["tickets", "show", "2"]).status == "open")
            let history = try String(contentsOf: desk.home.appendingPathComponent(".config/mcpctl/triage_history"), encoding: .utf8)
            #expect(history.contains("Triaged"), "answers go to the history file: \(history)")
        }
    }
}
