import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import mcplatformd

/// The public listener's connections (`DirectHTTP1Channel`), over real sockets: what a client
/// sees on the wire must be what Hummingbird's own channel gives.
@Suite("Direct HTTP/1.1 channel")
struct DirectHTTP1ChannelTests {
    static let limit = 1024
    /// Requests that reached the `/counted` handler.
    static let counted = Mutex(0)
    /// Whether `/slow` has been called, and whether it may answer.
    static let slowStarted = Mutex(false)
    static let slowGate = Mutex(false)

    func router() -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.get("hello") { _, _ in "hi" }
        router.post("echo") { request, _ in String(buffer: try await request.body.collect(upTo: 1 << 20)) }
        router.post("counted") { _, _ in
            Self.counted.withLock { $0 += 1 }
            return "counted"
        }
        router.get("fails") { _, _ -> String in throw HTTPError(.conflict, message: "taken") }
        router.get("nothing") { _, _ in Response(status: .noContent) }
        router.head("hello") { _, _ in Response(status: .ok, headers: [.contentLength: "2", .contentType: "text/plain"]) }
        router.get("slow") { _, _ -> String in
            Self.slowStarted.withLock { $0 = true }
            _ = await eventually(timeout: .seconds(20)) { Self.slowGate.withLock { $0 } }
            return "late"
        }
        return router
    }

    /// The public listener's settings with a small body limit (and `configure`'s changes).
    static func listener(_ configure: (inout DaemonConfiguration) -> Void = { _ in }) throws -> ListenerSettings {
        var configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
        configure(&configuration)
        var settings = ListenerSettings.publicListener(configuration)
        settings.maxBodyBytes = limit
        return settings
    }

    func withListener(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let app = buildApplication(name: "public", router: router(), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                   logger: TestDatabase.logger, listener: try Self.listener())
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    /// The listener under a service group of its own, for tests that stop it; with its port.
    func runningListener() async throws -> (RunningServices, Int) {
        let port = Mutex<Int?>(nil)
        let app = buildApplication(name: "public", router: router(), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                   logger: TestDatabase.logger, listener: try Self.listener()) { bound in
            port.withLock { $0 = bound.port }
        }
        let services = RunningServices([app])
        #expect(await eventually { port.withLock { $0 } != nil })
        return (services, try #require(port.withLock { $0 }))
    }

    @Test("pipelined requests on one keep-alive connection are answered in order, with Date and Server")
    func pipelining() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde"
                + "GET /fails HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try await connection.readResponse()
            let second = try await connection.readResponse()
            let third = try await connection.readResponse()
            #expect(first.status == 200 && first.body == "hi")
            #expect(second.status == 200 && second.body == "abcde")
            #expect(third.status == 409)
            #expect(first.headers["server"] == "mcplatformd")
            #expect(first.headers["date"]?.hasSuffix(" GMT") == true)
            // Still open for more.
            try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponse().body == "hi")
        }
    }

    @Test("a body sent in several pieces is read whole")
    func chunkedBody() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
            try connection.send("4\r\ndefg\r\n0\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.status == 200 && response.body == "abcdefg")
        }
    }

    @Test("Connection: close is answered, then the connection closes")
    func connectionClose() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try await connection.readResponse().body == "hi")
            #expect(try await connection.readsEndOfStream())
        }
    }

    @Test("a body over the limit is 413 in the error envelope, nothing reaches the handler, and the connection closes")
    func bodyTooLarge() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            let body = String(repeating: "x", count: Self.limit + 1)
            try connection.send("POST /counted HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            let response = try await connection.readResponse()
            #expect(response.status == 413)
            #expect(response.headers["content-type"] == "application/json")
            let envelope = try JSONDecoder().decode(ErrorEnvelopeProbe.self, from: Data(response.body.utf8))
            #expect(envelope.error.code == "payload_too_large")
            #expect(try await connection.readsEndOfStream())
            #expect(Self.counted.withLock { $0 } == 0)
            // On an MCP path the refusal is a JSON-RPC error.
            let mcp = try RawHTTPConnection(port: port)
            try mcp.send("POST /s/acme/mcp HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            let refused = try await mcp.readResponse()
            #expect(refused.status == 413)
            let error = try JSONDecoder().decode(JSONRPCErrorProbe.self, from: Data(refused.body.utf8))
            #expect(error.error.code == MCPError.invalidRequest && error.jsonrpc == "2.0")
            #expect(try await mcp.readsEndOfStream())
            // A body exactly at the limit passes.
            let exact = try RawHTTPConnection(port: port)
            let fits = String(repeating: "y", count: Self.limit)
            try exact.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(fits.utf8.count)\r\n\r\n" + fits)
            #expect(try await exact.readResponse().body == fits)
        }
    }

    @Test("malformed HTTP is answered 400 and closed; the listener keeps serving")
    func malformed() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.send("NOT HTTP AT ALL\r\n\r\n")
            #expect(try await connection.readResponse().status == 400)
            #expect(try await connection.readsEndOfStream())
            let next = try RawHTTPConnection(port: port)
            try next.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await next.readResponse().body == "hi")
        }
    }

    @Test("graceful shutdown closes an idle keep-alive connection and the listener stops")
    func gracefulShutdown() async throws {
        let (services, port) = try await runningListener()
        let connection = try RawHTTPConnection(port: port)
        try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await connection.readResponse().body == "hi")
        try await services.stop()
        #expect(try await connection.readsEndOfStream())
    }

    @Test("HEAD gets its head and no body, 204 no Content-Length; the connection stays usable")
    func bodylessResponses() async throws {
        try await withListener { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try await connection.readResponse(bodyless: true)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "2")
            #expect(head.headers["transfer-encoding"] == nil)
            try connection.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")
            let nothing = try await connection.readResponse(bodyless: true)
            #expect(nothing.status == 204)
            #expect(nothing.headers["content-length"] == nil && nothing.headers["transfer-encoding"] == nil)
            // No stray body bytes came after either: the next answer parses from its first byte.
            try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let next = try await connection.readResponse()
            #expect(next.status == 200 && next.body == "hi" && next.headers["content-length"] == "2")
        }
    }

    @Test("HTTP/1.0 closes after the response unless it asks for keep-alive, which the answer confirms")
    func http10() async throws {
        try await withListener { port in
            let plain = try RawHTTPConnection(port: port)
            try plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let answer = try await plain.readResponse()
            #expect(answer.body == "hi" && answer.headers["connection"] == "close")
            #expect(try await plain.readsEndOfStream())
            let kept = try RawHTTPConnection(port: port)
            try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await kept.readResponse().headers["connection"] == "keep-alive")
            try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await kept.readResponse().body == "hi")
        }
    }

    @Test("graceful shutdown lets a request in progress finish, then closes its connection")
    func shutdownWhileBusy() async throws {
        Self.slowGate.withLock { $0 = false }
        Self.slowStarted.withLock { $0 = false }
        let (services, bound) = try await runningListener()
        let connection = try RawHTTPConnection(port: bound)
        try connection.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await eventually { Self.slowStarted.withLock { $0 } })
        let stopping = Task { try await services.stop() }
        // Shutdown has begun once the listener takes no new connections; only then may /slow answer.
        #expect(await eventually { (try? RawHTTPConnection(port: bound)) == nil })
        Self.slowGate.withLock { $0 = true }
        let response = try await connection.readResponse()
        #expect(response.status == 200 && response.body == "late")
        #expect(try await connection.readsEndOfStream())
        try await stopping.value
    }

    @Test("the Date header is an IMF-fixdate, as Foundation formats it")
    func dateHeader() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for seconds in [0, 951_782_400, 1_796_148_277, 4_102_444_799] {
            #expect(HTTPDate.format(seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}

/// The shape of a JSON-RPC error response.
private struct JSONRPCErrorProbe: Decodable {
    struct Failure: Decodable {
        let code: Int
        let message: String
    }
    let jsonrpc: String
    let error: Failure
}

@Suite("Connection worker")
struct ConnectionWorkerTests {
    @Test("jobs run one after another on one task; after finish nothing more runs")
    func oneTask() async {
        let worker = ConnectionWorker()
        let seen = Mutex<[Int]>([])
        for index in 0..<5 {
            // As the handler does: the next job only once the previous one is done.
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                worker.submit {
                    let task = withUnsafeCurrentTask { $0?.hashValue } ?? -1
                    seen.withLock { $0.append(task) }
                    done.resume()
                }
            }
            #expect(seen.withLock { $0.count } == index + 1)
        }
        let tasks = seen.withLock { $0 }
        #expect(Set(tasks).count == 1 && tasks[0] != -1)
        worker.finish()
        #expect(worker.submit { seen.withLock { $0.append(0) } } == false)
        #expect(seen.withLock { $0.count } == 5)
    }
}
