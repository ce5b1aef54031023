import Foundation
import Testing
@testable import mcplatformd

/// The fuzz campaigns of `fuzz/` against the real daemon binary: the admin API with schemathesis
/// (from `openapi.json`, stateless and stateful), the MCP endpoint, the OAuth endpoints and the ticket pages with
/// Hypothesis. Each script fails on any 5xx; afterwards the daemon must be the same process and
/// `/healthz` must answer. Bounded for CI (about three minutes in all); `fuzz/run` runs them longer.
@Suite("Fuzzing", .serialized)
struct FuzzTests {
    @Test("the admin API, the MCP endpoint, the OAuth endpoints and the ticket pages take generated input without a 5xx or a crash",
          arguments: ["admin_api.py", "mcp_endpoint.py", "oauth.py", "ticket_pages.py"])
    func campaign(script: String) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let database = try await TestDatabase.create(.sqlite)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let result = try await runDaemonCommand(["bootstrap", "--email", "owner@acme.test", "--org", "acme", "--json"],
                                                environment: ["HOME": home.path, "MCPLATFORM_DATABASE_URL": database.url.raw])
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let running = try await MCPInteropTests.startDaemon(database, home: home, extra: ["MCPLATFORM_OAUTH_ALLOW_INSECURE_HTTP": "true"])
        let admin = try #require(running.ctlEnvironment["MCPCTL_URL"])
        let pid = running.daemon.process.processIdentifier
        let environment = ["ADMIN_URL": admin, "PUBLIC_URL": "http://127.0.0.1:\(running.publicPort)",
                           "TOKEN": try #require(outcome["token"] as? String), "EMAIL": "owner@acme.test",
                           "PASSWORD": try #require(outcome["generated_password"] as? String), "HOME": home.path]
        let fuzz = try await runDaemonCommand([repositoryRoot.appendingPathComponent("fuzz/\(script)").path], environment: environment,
                                              timeout: .seconds(300), program: "python3-via-env-path:" + python)
        #expect(fuzz.status == 0, "\(script) found a failure:\n\(fuzz.stdout.suffix(4000))\n\(fuzz.stderr.suffix(4000))")
        #expect(running.daemon.process.isRunning && running.daemon.process.processIdentifier == pid, "the daemon died: \(running.daemon.stderr.suffix(2000))")
        #expect(try await httpGet("http://127.0.0.1:\(running.publicPort)/healthz").status == 200)
        _ = await running.daemon.stop()
    }
}
