import Foundation
import Testing
@testable import mcplatformd

@Suite("Readiness")
struct ReadinessTests {
    /// A TCP proxy in front of the test PostgreSQL that the test closes and reopens.
    final class Proxy: Sendable {
        let process: Process
        let input: Pipe
        let output: FileHandle
        let port: Int

        init(upstreamHost: String, upstreamPort: Int) throws {
            guard let script = Bundle.module.url(forResource: "tcp_proxy", withExtension: "py") else {
                throw DaemonError("tcp_proxy.py is not in the test bundle")
            }
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-u", script.path, upstreamHost, String(upstreamPort)]
            input = Pipe()
            let stdout = Pipe()
            process.standardInput = input
            process.standardOutput = stdout
            try process.run()
            output = stdout.fileHandleForReading
            guard let line = Self.readLine(output), line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
                throw DaemonError("proxy did not start")
            }
            self.port = port
        }

        /// Sends `open` or `close` and waits for the acknowledgement.
        func send(_ command: String) throws {
            input.fileHandleForWriting.write(Data((command + "\n").utf8))
            guard Self.readLine(output) == "ok \(command)" else { throw DaemonError("proxy did not acknowledge \(command)") }
        }

        func stop() async {
            try? input.fileHandleForWriting.close()
            if !(await eventually(timeout: .seconds(2)) { !process.isRunning }) {
                kill(process.processIdentifier, SIGKILL)
            }
        }

        private static func readLine(_ handle: FileHandle) -> String? {
            var bytes: [UInt8] = []
            while true {
                let byte = handle.readData(ofLength: 1)
                guard let first = byte.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
                if first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(first)
            }
        }
    }

    @Test("/readyz is 503 with a JSON reason while PostgreSQL is unreachable, 200 when it is back",
          .enabled(if: TestEngine.all.contains(.postgres)))
    func readinessFollowsDatabase() async throws {
        let database = try await TestDatabase.create(.postgres)
        guard case .postgres(let pg) = database.url.target else { return }
        let proxy = try Proxy(upstreamHost: pg.host, upstreamPort: pg.port)
        let proxied = "postgres://\(pg.username):\(pg.password ?? "")@127.0.0.1:\(proxy.port)/\(pg.database)"
        let home = try makeTemporaryHome()
        let daemon = try DaemonProcess([], environment: [
            "HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0",
            "MCPLATFORM_DATABASE_URL": proxied, "MCPLATFORM_LOG_LEVEL": "debug",
        ])
        let port = try await daemon.port(of: "public")
        let url = "http://127.0.0.1:\(port)/readyz"
        #expect(try await httpGet(url).status == 200)
        try proxy.send("close")
        var outage: (status: Int, headers: [String: String], body: String)?
        let down = try await eventually(timeout: .seconds(20)) {
            outage = try await httpGet(url)
            return outage?.status == 503
        }
        #expect(down)
        #expect(outage?.headers["content-type"] == "application/json")
        let body = try JSONSerialization.jsonObject(with: Data((outage?.body ?? "").utf8)) as? [String: String]
        #expect(body?["status"] == "unavailable")
        #expect(body?["reason"]?.contains("database unreachable") == true)
        #expect(try await httpGet("http://127.0.0.1:\(port)/healthz").status == 200)

        try proxy.send("open")
        let back = try await eventually(timeout: .seconds(60), every: .milliseconds(200)) { try await httpGet(url).status == 200 }
        #expect(back)
        let code = await daemon.stop(timeout: .seconds(60))
        let interesting = daemon.stdout.split(separator: "\n").filter { !$0.contains("Server State") && !$0.contains("\"request\"") }
        #expect(code == 0, "exit \(code); last log lines:\n\(interesting.suffix(25).joined(separator: "\n"))")
        await proxy.stop()
        await database.destroy()
        try? FileManager.default.removeItem(at: home)
    }
}
