import Foundation
import Testing
@testable import mcplatformd

/// A crash costs the service seconds (a supervisor restarts it), but it must leave evidence: the
/// signal, the requests in flight and a backtrace, in the daemon's log (standard error).
@Suite("Crash evidence")
struct CrashEvidenceTests {
    @Test("a fatal signal leaves the signal, the ids of the requests in flight and the runtime's backtrace on standard error")
    func fatalSignal() async throws {
        let database = try await TestDatabase.create(.sqlite)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await MCPInteropTests.bootstrap(database, home: home)
        // The crashed thread only: symbolicating every thread of a debug build takes a minute.
        let running = try await MCPInteropTests.startDaemon(database, home: home,
                                                            extra: ["SWIFT_BACKTRACE": "threads=crashed,registers=none,images=none"])
        let admin = try #require(running.ctlEnvironment["MCPCTL_URL"])
        // A long poll stays in flight until the crash.
        let probe = Task {
            try? await httpGet("\(admin)/v1/orgs/acme/ticket-events?after=0&wait=30",
                               headers: ["Authorization": "Bearer \(token)", "X-Request-Id": "crash-probe-7"], timeout: 40)
        }
        defer { probe.cancel() }
        // In flight: two active GETs (the long poll, and the /metrics request that counts).
        let inFlight = await eventually(timeout: .seconds(20)) {
            guard let metrics = try? await httpGet("\(admin)/metrics").body else { return false }
            return metrics.split(separator: "\n").contains { line in
                line.hasPrefix("http_server_active_requests{") && line.contains("GET") && (Double(line.split(separator: " ").last ?? "") ?? 0) >= 2
            }
        }
        #expect(inFlight)
        kill(running.daemon.process.processIdentifier, SIGSEGV)
        let started = ContinuousClock.now
        let status = await running.daemon.waitForExit(timeout: .seconds(120))
        // The process ends by the signal itself (a kill(2) is not repeated like a fault, so the
        // handler must end it), not by the test's timeout.
        #expect(status == SIGSEGV && running.daemon.process.terminationReason == .uncaughtSignal,
                "status \(status) after \(ContinuousClock.now - started)")
        let log = running.daemon.stderr
        #expect(log.contains("mcplatformd: fatal signal \(SIGSEGV); requests in flight:"), "\(log.prefix(2000))")
        #expect(log.contains("crash-probe-7"), "\(log.prefix(2000))")
        // Fewer requests than slots: none is counted as overflow.
        #expect(!log.contains(" more)"), "\(log.prefix(2000))")
        #expect(log.contains("Program crashed"), "the Swift runtime's backtracer did not run: \(log.prefix(2000))")
    }
}
