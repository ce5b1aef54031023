import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// HTTP/1.1 connections of the public listener, answered by the same router and middleware as
/// Hummingbird's own channel, with one handler of this project's in place of five.
///
/// Hummingbird's HTTP1 channel runs each connection as a task reading request parts from an
/// `NIOAsyncChannel` and writing response parts back through it: several hand-offs between the
/// event loop and the task per request. On top of it, every request and response part goes
/// through NIO's pipelining, error and encoding handlers and is converted between NIO's HTTP
/// types and HTTPTypes'. On the MCP hot path that cost more than everything between the router
/// and the database. Here NIO's HTTP/1 decoder (llhttp) parses the bytes, `DirectRequestHandler`
/// collects a request (its body up to `maxBodyBytes`), one task runs the responder and encodes
/// the response (`HTTP1Wire`), and one hop back to the event loop writes it.
///
/// What a client sees is otherwise what Hummingbird's channel gives: pipelined requests are
/// answered one at a time and in order, `Connection: close` (or an HTTP/1.0 request without
/// keep-alive) closes after the response, malformed HTTP gets a 400 and a close, and graceful
/// shutdown closes idle connections at once and busy ones after their response.
///
/// Both listeners use it, each with its limits (`ListenerLimits`): a connection over the caps
/// of `connections` is closed at once, a slow or idle client is cut off by
/// `ConnectionDeadlines`, and a body over `maxBodyBytes` is answered by `oversized` without
/// being buffered (a declared `Content-Length` over the limit is refused before any of it is read).
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
    /// Time limits of a connection.
    let limits: ListenerLimits
    /// The listener's connection caps.
    let connections: ConnectionLimiter
    /// Peers whose `X-Forwarded-*` headers are believed.
    let trustedProxies: [AddressRange]

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let connections = self.connections
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            guard let admission = connections.admit(channel.remoteAddress) else {
                try pipeline.addHandler(RefusedConnection())
                return Value(channel: channel)
            }
            channel.closeFuture.whenComplete { _ in connections.release(admission) }
            let deadlines = ConnectionDeadlines(limits: limits)
            try pipeline.addHandler(deadlines)
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try pipeline.addHandler(DirectRequestHandler(settings: self, deadlines: deadlines, logger: logger))
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

/// Closes a connection over the listener's caps as soon as it is active, reading nothing.
private final class RefusedConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
