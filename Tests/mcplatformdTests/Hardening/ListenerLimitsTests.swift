import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
@testable import mcplatformd

/// Both listeners' limits over real sockets: slow and idle clients are cut off, connection caps
/// close what is over them while open connections and the operator's `/healthz` keep working,
/// and a body over the admin limit is refused with a 413 before it is read.
@Suite("Listener limits")
struct ListenerLimitsTests {
    func router() -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.get("hello") { _, _ in "hi" }
        router.get("healthz") { _, _ in "ok" }
        return router
    }

    /// A listener with these limits; loopback is not in metrics-allow unless `privileged`.
    func withListener(headTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60), maxConnections: Int = 8192,
                      perAddress: Int = 256, privileged: Bool = false,
                      _ body: @escaping @Sendable (Int, ConnectionLimiter) async throws -> Void) async throws {
        var configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
        configuration.listener.headTimeout = headTimeout
        configuration.listener.idleTimeout = idleTimeout
        configuration.listener.maxConnections = maxConnections
        configuration.listener.maxConnectionsPerAddress = perAddress
        configuration.metricsAllow = privileged ? AddressRange.loopback : [AddressRange(parsing: "10.255.255.0/24")].compactMap { $0 }
        let listener = ListenerSettings.publicListener(configuration)
        // Under a service group of its own rather than HummingbirdTesting's live client, which
        // would hold a connection of its own against the caps.
        let port = Mutex<Int?>(nil)
        let app = buildApplication(name: "public", router: router(), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                   logger: TestDatabase.logger, listener: listener) { bound in
            port.withLock { $0 = bound.port }
        }
        let services = RunningServices([app])
        #expect(await eventually { port.withLock { $0 } != nil })
        do {
            try await body(try #require(port.withLock { $0 }), listener.connections)
        } catch {
            try? await services.stop()
            throw error
        }
        try await services.stop()
    }

    @Test("many half-sent request heads do not stop a normal client, and are closed after the head timeout")
    func slowClients() async throws {
        try await withListener(headTimeout: .seconds(2), perAddress: 1000) { port, limiter in
            var slow: [RawHTTPConnection] = []
            for _ in 0..<300 {
                let connection = try RawHTTPConnection(port: port, timeout: 20)
                try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                slow.append(connection)
            }
            #expect(await eventually { limiter.open >= 300 })
            let normal = try RawHTTPConnection(port: port)
            try normal.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let answer = try await normal.readResponse()
            #expect(answer.status == 200 && answer.body == "hi")
            // Every half-sent head is closed once its time is up: each reads end of stream.
            for connection in slow {
                #expect(try await connection.readsEndOfStream())
            }
            #expect(await eventually { limiter.open <= 1 })
        }
    }

    @Test("an idle keep-alive connection is closed after the idle timeout; one that never sends is closed after the head timeout")
    func idleClients() async throws {
        try await withListener(headTimeout: .seconds(1), idleTimeout: .seconds(2)) { port, _ in
            let silent = try RawHTTPConnection(port: port, timeout: 20)
            let idle = try RawHTTPConnection(port: port, timeout: 20)
            try idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await idle.readResponse().status == 200)
            let started = ContinuousClock.now
            #expect(try await silent.readsEndOfStream())
            #expect(try await idle.readsEndOfStream())
            // Closed by the idle limit (2 s), not the head limit (1 s) that a fresh connection has.
            #expect(ContinuousClock.now - started >= .milliseconds(1500))
        }
    }

    @Test("over the per-address cap a new connection is closed at once; the open ones keep working")
    func perAddressCap() async throws {
        try await withListener(perAddress: 5) { port, limiter in
            var open: [RawHTTPConnection] = []
            for count in 1...5 {
                open.append(try RawHTTPConnection(port: port))
                #expect(await eventually { limiter.open == count })
            }
            let refused = try RawHTTPConnection(port: port)
            #expect(try await refused.readsEndOfStream())
            for connection in open {
                try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await connection.readResponse().body == "hi")
            }
            #expect(limiter.open == 5)
            // A connection that closes frees its place.
            open.removeLast()
            #expect(await eventually { limiter.open == 4 })
            let admitted = try RawHTTPConnection(port: port)
            try admitted.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await admitted.readResponse().body == "hi")
        }
    }

    @Test("at the total cap, metrics-allow addresses still get the reserved connections, so /healthz answers")
    func reservedForMonitoring() async throws {
        // Loopback is in metrics-allow here, so it may use the reserved connections and is not
        // counted per address; the limiter is asked directly for the unprivileged side.
        try await withListener(maxConnections: 64, privileged: true) { port, limiter in
            #expect(limiter.reserved == 8)
            let outsider = try SocketAddress(ipAddress: "203.0.113.7", port: 1)
            var admitted: [ConnectionLimiter.Admission] = []
            while let admission = limiter.admit(outsider) { admitted.append(admission) }
            // The per-address cap (256) is above the total: the total minus the reserve stopped it.
            #expect(admitted.count == 64 - 8)
            let health = try RawHTTPConnection(port: port)
            try health.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await health.readResponse().body == "ok")
            admitted.forEach(limiter.release)
        }
    }

    @Test("the admin listener answers a 50 MB body with a 413 envelope, without reading it; a chunked one too", arguments: TestEngine.all)
    func adminBodyLimit(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            var configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
            configuration.listener.adminMaxBodyBytes = 1 << 20
            let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
            let services = try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                       keyRing: ring, jobs: JobQueue(database: database))
            let app = buildApplication(name: "admin", router: try buildAdminRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                       logger: TestDatabase.logger, listener: .admin(configuration))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let declared = try RawHTTPConnection(port: port)
                try declared.send("POST /v1/orgs/acme/servers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer mcpt_nothing\r\nContent-Length: 52428800\r\n\r\n{\"slug\":\"")
                let refused = try await declared.readResponse()
                #expect(refused.status == 413)
                #expect(refused.body.contains(#""code":"payload_too_large""#), "\(refused.body)")
                #expect(refused.headers["connection"] == "close")

                let chunked = try RawHTTPConnection(port: port)
                try chunked.send("POST /v1/account/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                let chunk = String(repeating: "a", count: 256 * 1024)
                for _ in 0..<5 { try? chunked.send(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n") }
                let chunkedAnswer = try await chunked.readResponse()
                #expect(chunkedAnswer.status == 413 && chunkedAnswer.body.contains("payload_too_large"))

                // The listener still serves.
                let health = try RawHTTPConnection(port: port)
                try health.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try await health.readResponse().status == 200)
            }
        }
    }
}
