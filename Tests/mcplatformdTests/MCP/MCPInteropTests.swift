import Foundation
import Shared
import Testing
@testable import mcplatformd

/// The official Python `mcp` SDK client (2.3.0, from the venv `scripts/test` makes) against the
/// real daemon binary, on both engines and in both protocol eras.
@Suite("MCP interop with the Python SDK client")
struct MCPInteropTests {
    /// The venv's python: `MCP_TEST_PYTHON`, else `.build-venv/bin/python` in the package.
    static var python: String? {
        if let configured = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"], !configured.isEmpty { return configured }
        let local = repositoryRoot
            .appendingPathComponent(".build-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : nil
    }

    /// A daemon on a fresh database of `engine` with organization `acme`, server `acme-docs`, and
    /// mcpctl's environment for its owner.
    struct RunningDaemon {
        let daemon: DaemonProcess
        let publicPort: Int
        let ctlEnvironment: [String: String]
    }

    static func startDaemon(_ database: TestDatabase, home: URL, extra: [String: String] = [:]) async throws -> RunningDaemon {
        let environment = ["HOME": home.path, "MCPLATFORM_DATABASE_URL": database.url.raw, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0",
                           "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0", "MCPLATFORM_MCP_TOOL_CALLS_PER_MINUTE_PER_ADDRESS": "0"].merging(extra) { $1 }
        let daemon = try DaemonProcess([], environment: environment)
        let admin = try await daemon.port(of: "admin")
        let publicPort = try await daemon.port(of: "public")
        return RunningDaemon(daemon: daemon, publicPort: publicPort,
                             ctlEnvironment: ["HOME": home.path, "MCPCTL_URL": "http://127.0.0.1:\(admin)"])
    }

    static func bootstrap(_ database: TestDatabase, home: URL) async throws -> String {
        try await bootstrapOther(database, home: home, email: "owner@acme.test", org: "acme")
    }

    /// An owner API token of organization `org`, created (with its owner `email`) by `mcplatformd bootstrap`.
    static func bootstrapOther(_ database: TestDatabase, home: URL, email: String, org: String) async throws -> String {
        let result = try await runDaemonCommand(["bootstrap", "--email", email, "--org", org, "--json"],
                                                environment: ["HOME": home.path, "MCPLATFORM_DATABASE_URL": database.url.raw])
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(outcome["token"] as? String)
    }

    static func ctl(_ arguments: [String], _ environment: [String: String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runDaemonCommand(arguments, environment: environment, program: "mcpctl")
    }

    @Test("connect, list tools, call get_support; the ticket and end user show in mcpctl", arguments: TestEngine.all, ["legacy", "2026-07-28"])
    func sdkClient(engine: TestEngine, mode: String) async throws {
        let python = try #require(Self.python, "no Python venv with mcp 2.3.0: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "mcp_client", withExtension: "py"))
        let database = try await TestDatabase.create(engine)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await Self.bootstrap(database, home: home)
        let running = try await Self.startDaemon(database, home: home)
        var env = running.ctlEnvironment
        env["MCPCTL_TOKEN"] = token
        #expect(try await Self.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], env).status == 0)

        let url = "http://127.0.0.1:\(running.publicPort)/s/acme-docs/api/mcpserver/sdk-user-1/mcp"
        let client = try await runDaemonCommand([script.path, url, mode], environment: ["HOME": home.path], timeout: .seconds(120),
                                                program: "python3-via-env-path:\(python)")
        #expect(client.status == 0, "\(client.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any], "\(client.stdout)\n\(client.stderr)")
        #expect(output["tools"] as? [String] == ["get_support", "get_my_tickets", "reply_to_ticket"])
        #expect((output["text"] as? String)?.contains("ticket #1") == true)
        #expect(output["is_error"] as? Bool == false)
        // The SDK validated the structured content against the outputSchema before returning it.
        let structured = try #require(output["structured"] as? [String: Any], "\(output)")
        #expect(structured["opened"] as? Bool == true && structured["ticket_number"] as? Int == 1 && structured["status"] as? String == "open")
        #expect((output["has_output_schema"] as? [String: Bool])?["get_support"] == true)
        let hints = try #require((output["annotations"] as? [String: Any])?["get_support"] as? [String: Any], "\(output)")
        #expect(hints["readOnlyHint"] as? Bool == false && hints["idempotentHint"] as? Bool == false && hints["title"] as? String == "Get Acme support")

        let tickets = try await Self.ctl(["tickets", "list", "-o", "json"], env)
        #expect(tickets.status == 0, "\(tickets.stderr)")
        let ticketList = try #require(try JSONSerialization.jsonObject(with: Data(tickets.stdout.utf8)) as? [[String: Any]])
        #expect(ticketList.count == 1)
        #expect(ticketList.first?["title"] as? String == "Interop \(mode)" && ticketList.first?["status"] as? String == "open")
        #expect(ticketList.first?["email"] as? String == "sdk@example.com")
        let users = try await Self.ctl(["users", "list", "-o", "json"], env)
        let userList = try #require(try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]])
        #expect(userList.count == 1)
        #expect(userList.first?["tracking_ids"] as? [String] == ["sdk-user-1"] && userList.first?["email"] as? String == "sdk@example.com")
        let table = try await Self.ctl(["users", "list"], env)
        #expect(table.stdout.contains("sdk-user-1") && table.stdout.contains("sdk@example.com"))
        let sessions = try await Self.ctl(["sessions", "list", "-o", "json"], env)
        let sessionList = try #require(try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]])
        #expect(sessionList.map { $0["era"] as? String } == [mode == "legacy" ? "legacy" : "modern"])
        #expect(sessionList.first?["client_name"] as? String == "mcp")
        #expect(await running.daemon.stop() == 0)
    }

    @Test("two daemons on one PostgreSQL: a legacy session initialized on one is served by the other", arguments: TestEngine.all.filter { $0 == .postgres })
    func sessionAcrossReplicas(engine: TestEngine) async throws {
        let database = try await TestDatabase.create(engine)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await Self.bootstrap(database, home: home)
        let first = try await Self.startDaemon(database, home: home)
        let second = try await Self.startDaemon(database, home: home)
        var env = first.ctlEnvironment
        env["MCPCTL_TOKEN"] = token
        #expect(try await Self.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], env).status == 0)

        let initialized = try await mcpSend(port: first.publicPort, "/s/acme-docs/mcp",
                                            body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#)
        let session = try #require(initialized.sessionID, "\(initialized.text)")
        let call = try await mcpSend(port: second.publicPort, "/s/acme-docs/mcp",
                                     body: #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}}"#,
                                     headers: ["Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"])
        #expect(call.status == .ok && call.toolText?.contains("ticket #1") == true, "\(call.text)")
        // Ended on the second, refused on the first (its cache lives at most two seconds).
        #expect(try await mcpSend(port: second.publicPort, "/s/acme-docs/mcp", method: .delete, headers: ["Mcp-Session-Id": session]).status == .ok)
        let refused = try await eventually(timeout: .seconds(10)) {
            try await mcpSend(port: first.publicPort, "/s/acme-docs/mcp", body: #"{"jsonrpc":"2.0","id":3,"method":"ping"}"#,
                              headers: ["Mcp-Session-Id": session]).status == .notFound
        }
        #expect(refused)
        #expect(await first.daemon.stop() == 0)
        #expect(await second.daemon.stop() == 0)
    }
}
