import Foundation
import Testing
@testable import mcplatformd

/// The built daemon, started as an operator starts it.
@Suite("Daemon process")
struct DaemonTests {
    /// Nothing set but the two listen addresses (port 0) and an empty HOME.
    func zeroConfigEnvironment(home: URL) -> [String: String] {
        ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"]
    }

    @Test("zero-config start serves /healthz and /metrics; a second start reuses the database and key")
    func zeroConfigStart() async throws {
        let home = try makeTemporaryHome()
        let dataDir = home.appendingPathComponent(".local/share/mcplatform")
        let daemon = try DaemonProcess([], environment: zeroConfigEnvironment(home: home))
        let publicPort = try await daemon.port(of: "public")
        let adminPort = try await daemon.port(of: "admin")

        let health = try await httpGet("http://127.0.0.1:\(publicPort)/healthz")
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        #expect(health.headers["x-request-id"]?.hasPrefix("req_") == true)
        let ready = try await httpGet("http://127.0.0.1:\(publicPort)/readyz")
        #expect(ready.status == 200)

        let metrics = try await httpGet("http://127.0.0.1:\(adminPort)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"hb_requests{http_route="/healthz",http_request_method="GET",http_response_status_code="200"}"#), "\(metrics.body)")
        #expect(metrics.body.contains(#"http_server_request_duration_bucket{http_route="/healthz""#))

        // The data directory, key and database were created with tight permissions.
        let attributes = try FileManager.default.attributesOfItem(atPath: dataDir.path)
        #expect(attributes[.posixPermissions] as? Int == 0o700)
        let keys = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("keys").path)
        #expect(keys.count == 1)
        let keyPath = dataDir.appendingPathComponent("keys/\(keys[0])").path
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        #expect(FileManager.default.fileExists(atPath: dataDir.appendingPathComponent("mcplatform.sqlite").path))
        #expect(daemon.logLines.filter { $0["msg"] as? String == "applied migration" }.count == Migration.all.count)
        #expect(await daemon.stop() == 0)

        let second = try DaemonProcess([], environment: zeroConfigEnvironment(home: home))
        let port = try await second.port(of: "public")
        #expect(try await httpGet("http://127.0.0.1:\(port)/readyz").status == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("keys").path) == keys)
        #expect(second.logLines.filter { $0["msg"] as? String == "applied migration" }.isEmpty)
        #expect(await second.stop() == 0)
        try? FileManager.default.removeItem(at: home)
    }

    @Test("X-Request-Id is accepted, echoed, and on every log line of the request")
    func requestID() async throws {
        let home = try makeTemporaryHome()
        let daemon = try DaemonProcess([], environment: zeroConfigEnvironment(home: home))
        let port = try await daemon.port(of: "public")
        let response = try await httpGet("http://127.0.0.1:\(port)/healthz", headers: ["X-Request-Id": "ci-check-42"])
        #expect(response.headers["x-request-id"] == "ci-check-42")
        let unsafe = try await httpGet("http://127.0.0.1:\(port)/healthz", headers: ["X-Request-Id": "bad id with spaces"])
        #expect(unsafe.headers["x-request-id"]?.hasPrefix("req_") == true)
        let logged = await eventually { daemon.logLines.contains { $0["request_id"] as? String == "ci-check-42" && $0["path"] as? String == "/healthz" } }
        #expect(logged, "\(daemon.stdout)")
        await daemon.stop()
        try? FileManager.default.removeItem(at: home)
    }

    @Test("SIGTERM: in-flight requests finish, then the daemon exits 0")
    func gracefulShutdown() async throws {
        let home = try makeTemporaryHome()
        var environment = zeroConfigEnvironment(home: home)
        environment["MCPLATFORM_DEBUG_ROUTES"] = "true"
        let daemon = try DaemonProcess([], environment: environment)
        let port = try await daemon.port(of: "public")
        let slow = Task { try await httpGet("http://127.0.0.1:\(port)/debug/sleep?ms=1500", headers: ["X-Request-Id": "slow-1"]) }
        let started = await eventually { daemon.logLines.contains { $0["msg"] as? String == "debug sleep started" } }
        #expect(started)
        kill(daemon.process.processIdentifier, SIGTERM)
        let response = try await slow.value
        #expect(response.status == 200)
        #expect(response.body.contains("slept 1500 ms"))
        #expect(await daemon.waitForExit() == 0)
        #expect(daemon.logLines.contains { $0["msg"] as? String == "stopped" })
        try? FileManager.default.removeItem(at: home)
    }

    @Test("bad configuration: one clear line, exit 2, nothing created", arguments: [
        ("MCPLATFORM_PUBLIC_LISTN", "127.0.0.1:0", "MCPLATFORM_PUBLIC_LISTN: unknown setting"),
        ("MCPLATFORM_PUBLIC_URL", "not-a-url", "MCPLATFORM_PUBLIC_URL: invalid value 'not-a-url'"),
        ("MCPLATFORM_DATABASE_URL", "mysql://db/x", "unsupported database scheme 'mysql'"),
        ("MCPLATFORM_ADMIN_LISTEN", "127.0.0.1:99999", "MCPLATFORM_ADMIN_LISTEN: invalid value"),
    ])
    func badConfiguration(name: String, value: String, message: String) async throws {
        let home = try makeTemporaryHome()
        var environment = zeroConfigEnvironment(home: home)
        environment[name] = value
        let result = try await runDaemonCommand([], environment: environment)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
        try? FileManager.default.removeItem(at: home)
    }

    @Test("a port in use and an unusable data directory are configuration errors (exit 2, nothing created)")
    func unusableResources() async throws {
        let home = try makeTemporaryHome()
        let holder = try DaemonProcess([], environment: zeroConfigEnvironment(home: home))
        let taken = try await holder.port(of: "public")

        let otherHome = try makeTemporaryHome()
        var environment = zeroConfigEnvironment(home: otherHome)
        environment["MCPLATFORM_PUBLIC_LISTEN"] = "127.0.0.1:\(taken)"
        let busy = try await runDaemonCommand([], environment: environment)
        #expect(busy.status == 2)
        #expect(busy.stderr.contains("public-listen: 127.0.0.1:\(taken) is already in use"), "\(busy.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: otherHome.path).isEmpty)
        await holder.stop()

        // A data directory below a regular file cannot be created (root ignores mode bits).
        let file = otherHome.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let result = try await runDaemonCommand(["--data-dir", file.appendingPathComponent("data").path], environment: zeroConfigEnvironment(home: otherHome))
        #expect(result.status == 2)
        #expect(result.stderr.contains("data-dir: cannot create"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: otherHome.path) == ["plain-file"])
        try? FileManager.default.removeItem(at: home)
        try? FileManager.default.removeItem(at: otherHome)
    }

    @Test("subcommands: version, help with examples, config (redacted), migrate, unknown flags")
    func subcommands() async throws {
        let home = try makeTemporaryHome()
        let environment = ["HOME": home.path]
        let version = try await runDaemonCommand(["version"], environment: environment)
        // The commit of this tree, written at build time (a tree outside git says "dev").
        let commit = try gitCommit() ?? "dev"
        #expect(version.status == 0 && version.stdout == "mcplatformd 0.1.0 (commit \(commit))\n", "\(version.stdout)")

        let help = try await runDaemonCommand(["--help"], environment: environment)
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("migrate"))
        for sub in ["serve", "migrate", "config", "rotate-key", "jobs", "version"] {
            let subHelp = try await runDaemonCommand([sub, "--help"], environment: environment)
            #expect(subHelp.status == 0 && subHelp.stdout.contains("Example"), "\(sub) --help lacks an example")
        }

        let config = try await runDaemonCommand(["config", "--database-url", "postgres://mcp:hunter2@db:5432/mcp"],
                                                environment: environment.merging(["MCPLATFORM_LOG_LEVEL": "debug"]) { $1 })
        #expect(config.status == 0)
        #expect(!config.stdout.contains("hunter2"))
        #expect(config.stdout.contains(#"database-url = "postgres://mcp:***@db:5432/mcp"  # flag"#))
        #expect(config.stdout.contains(#"log-level = "debug"  # environment"#))
        #expect(config.stdout.contains(#"public-listen = "127.0.0.1:8080"  # default"#))

        let first = try await runDaemonCommand(["migrate"], environment: environment)
        #expect(first.status == 0 && first.stdout.contains("\(Migration.all.count) migrations applied"), "\(first.stderr)")
        let status = try await runDaemonCommand(["migrate", "status"], environment: environment)
        #expect(status.status == 0)
        for migration in Migration.all {
            #expect(status.stdout.contains("\(migration.version)\t\(migration.name)\t20"), "\(status.stdout)")
        }
        let second = try await runDaemonCommand(["migrate"], environment: environment)
        #expect(second.status == 0 && second.stdout == first.stdout)

        let unknown = try await runDaemonCommand(["serve", "--no-such-flag"], environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no-such-flag"))
        try? FileManager.default.removeItem(at: home)
    }

    @Test("rotate-key adds a current key and queues re-sealing; --prune removes the old key")
    func rotateKey() async throws {
        let home = try makeTemporaryHome()
        let environment = ["HOME": home.path]
        let keysDir = home.appendingPathComponent(".local/share/mcplatform/keys").path
        #expect(try await runDaemonCommand(["migrate"], environment: environment).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: keysDir)
        let rotate = try await runDaemonCommand(["rotate-key"], environment: environment)
        #expect(rotate.status == 0 && rotate.stdout.contains("re-sealing queued as job job_"), "\(rotate.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keysDir).count == 2)
        let jobs = try await runDaemonCommand(["jobs", "list", "--kind", "secrets.reseal", "--json"], environment: environment)
        let listed = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]]
        #expect(listed?.first?["state"] as? String == "pending")
        let prune = try await runDaemonCommand(["rotate-key", "--prune"], environment: environment)
        #expect(prune.status == 0 && prune.stdout.contains("removed 1 old key"), "\(prune.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: keysDir)
        #expect(after.count == 1 && after != before)
        let missing = try await runDaemonCommand(["jobs", "show", "job_nope"], environment: environment)
        #expect(missing.status == 3)
        try? FileManager.default.removeItem(at: home)
    }
}
