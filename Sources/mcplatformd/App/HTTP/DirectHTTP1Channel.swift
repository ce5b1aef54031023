import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// HTTP/1.1 connections of the public listener, answered by the same router and middleware as
/// Hummingbird's own channel, but without NIO's async channel bridge.
///
/// Hummingbird's HTTP1 channel runs each connection as a task reading request parts from an
/// `NIOAsyncChannel` and writing response parts back through it: several hand-offs between the
/// event loop and the task per request. On the MCP hot path that bridge cost more than
/// everything between the router and the database. Here the event loop collects a request
/// (its body up to `maxBodyBytes`), one task runs the responder, and one hop back to the event
/// loop writes the whole response.
///
/// What the connection does is otherwise the same as Hummingbird's: NIO's pipelining assistance
/// keeps one request in flight per connection, `Connection: close` closes after the response,
/// malformed HTTP gets NIO's 400 and a close, and `HTTPConnectionStateHandler` closes idle
/// connections on graceful shutdown (and busy ones after their response).
struct DirectHTTP1Channel<Responder: HTTPResponder>: ServerChildChannel where Responder.Context == AppRequestContext {
    /// The connection's channel: everything happens in its handlers.
    struct Value: ServerChildChannelValue {
        let channel: any Channel
    }

    let responder: Responder
    let serverName: String
    /// The largest request body read; a larger one gets `oversized`'s answer and the connection
    /// is closed.
    let maxBodyBytes: Int
    /// The answer to a request whose body is larger than `maxBodyBytes` (a 413).
    let oversized: @Sendable (HTTPRequest, Int) -> Response

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            // Outbound fields are HTTPTypes' and were validated when they were set.
            try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true, withOutboundHeaderValidation: false)
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(logger: logger))
            try pipeline.addHandler(DirectRequestHandler(settings: self, logger: logger))
            return Value(channel: channel)
        }
    }

    /// Waits for the connection to close; cancelled (the server stopping hard), it closes it.
    func handle(value: Value, logger: Logger) async {
        await withTaskCancellationHandler {
            try? await value.channel.closeFuture.get()
        } onCancel: {
            value.channel.close(promise: nil)
        }
    }
}

/// Collects one request at a time on the event loop and answers it from a task.
private final class DirectRequestHandler<Responder: HTTPResponder>: ChannelInboundHandler, RemovableChannelHandler
where Responder.Context == AppRequestContext {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        case idle
        case reading(HTTPRequest, ByteBuffer?)
        /// The body was too large: answered, closing, the rest of the request ignored.
        case refused
    }

    /// The listener's responder and limits.
    private let settings: DirectHTTP1Channel<Responder>
    private let logger: Logger
    private var state = State.idle

    init(settings: DirectHTTP1Channel<Responder>, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), _):
            state = .reading(head, nil)
        case (.body(var chunk), .reading(let head, let body)):
            let size = (body?.readableBytes ?? 0) + chunk.readableBytes
            guard size <= settings.maxBodyBytes else {
                state = .refused
                refuse(head, channel: context.channel)
                return
            }
            if var body {
                body.writeBuffer(&chunk)
                state = .reading(head, body)
            } else {
                state = .reading(head, chunk)
            }
        case (.end, .reading(let head, let body)):
            state = .idle
            respond(to: head, body: body ?? ByteBuffer(), channel: context.channel)
        case (.body, _), (.end, _):
            break
        }
    }

    /// NIO has answered malformed HTTP with a 400 already; any error ends the connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequest, body: ByteBuffer, channel: any Channel) {
        let request = Request(head: head, body: RequestBody(buffer: body))
        let requestContext = AppRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let closeAfter = head.headerFields[.connection]?.lowercased() == "close"
        let responder = settings.responder
        let serverName = settings.serverName
        Task {
            let response: Response
            do {
                response = try await responder.respond(to: request, context: requestContext)
            } catch {
                requestContext.logger.debug("unhandled error", metadata: ["error.type": "\(type(of: error))"])
                response = Response(status: .internalServerError)
            }
            await ResponseSender.send(response, serverName: serverName, closeAfter: closeAfter, on: channel)
        }
    }

    /// A body larger than the limit: the listener's answer for it, then close.
    private func refuse(_ head: HTTPRequest, channel: any Channel) {
        let response = settings.oversized(head, settings.maxBodyBytes)
        let serverName = settings.serverName
        Task { await ResponseSender.send(response, serverName: serverName, closeAfter: true, on: channel) }
    }
}

/// Writes responses of `DirectHTTP1Channel` connections.
private enum ResponseSender {
    /// Writes `response` in one hop to the event loop (its body collected first), closing the
    /// connection afterwards when asked to or when the body fails half way.
    static func send(_ response: Response, serverName: String, closeAfter: Bool, on channel: any Channel) async {
        var head = response.head
        head.headerFields[.date] = HTTPDate.now()
        head.headerFields[.server] = serverName
        if closeAfter { head.headerFields[.connection] = "close" }
        let collector = BodyCollector()
        do {
            let body = response.body
            try await body.write(collector)
        } catch {
            channel.close(promise: nil)
            return
        }
        let parts = collector.parts
        channel.eventLoop.execute { [head] in
            channel.write(HTTPResponsePart.head(head), promise: nil)
            for part in parts { channel.write(HTTPResponsePart.body(part), promise: nil) }
            let end = channel.writeAndFlush(HTTPResponsePart.end(nil))
            if closeAfter { end.whenComplete { _ in channel.close(promise: nil) } }
        }
    }
}

/// Collects a response body so that it goes to the event loop in one hop with its head.
/// (The daemon has no streaming responses; every body is bounded.)
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Written by the one task writing the body, read by it after the body is written.
    var parts: [ByteBuffer] = []

    func write(_ buffer: ByteBuffer) async throws {
        parts.append(buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// The `Date` response header (RFC 9110 IMF-fixdate), formatted once per second.
enum HTTPDate {
    private static let cache = SharedValue<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current time as a header value.
    static func now() -> String {
        let second = time(nil)
        let cached = cache.value
        if cached.second == second { return cached.text }
        let text = format(second)
        cache.update { $0 = (second, text) }
        return text
    }

    /// `seconds` since the epoch as an IMF-fixdate, e.g. `Tue, 01 Dec 2026 18:04:37 GMT`.
    static func format(_ seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
