import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// One connection of `DirectHTTP1Channel`: collects one request at a time on the event loop,
/// answers it on the connection's task (`ConnectionWorker`), and writes the encoded response
/// in one hop back.
///
/// Requests pipelined behind the one being answered wait in order, and the socket is not read
/// meanwhile (a `read` asked for then is held until the response is written).
final class DirectRequestHandler<Responder: HTTPResponder>: ChannelDuplexHandler, RemovableChannelHandler
where Responder.Context == AppRequestContext {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Reading {
        case idle
        case request(HTTPRequestHead, ByteBuffer?)
        /// The body was too large: it is read and dropped while the 413 goes out, so that the
        /// client, still sending, gets to read the answer; the connection closes at its end.
        case discarding
        /// Nothing more is read: the request was malformed, the connection is closing or closed.
        case done
    }

    /// The listener's responder and limits.
    private let settings: DirectHTTP1Channel<Responder>
    /// Times the client's reading and idling.
    private let deadlines: ConnectionDeadlines
    private let logger: Logger
    private var reading = Reading.idle
    /// A response is being produced; request parts arriving meanwhile wait in `queued`.
    private var answering = false
    private var queued = CircularBuffer<HTTPServerRequestPart>()
    /// The channel asked to read while a response was being produced.
    private var readPending = false
    /// Close once the response being produced is written (graceful shutdown, malformed HTTP behind it).
    private var closeAfterResponse = false
    /// The connection's task, started with its first request.
    private var worker: ConnectionWorker?

    init(settings: DirectHTTP1Channel<Responder>, deadlines: ConnectionDeadlines, logger: Logger) {
        self.settings = settings
        self.deadlines = deadlines
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if answering || !queued.isEmpty {
            queued.append(part)
        } else {
            take(part, context: context)
        }
    }

    func read(context: ChannelHandlerContext) {
        if answering {
            readPending = true
        } else {
            context.read()
        }
    }

    /// NIO's decoder reports malformed HTTP here: a 400 when no response is under way (else
    /// that response first), then close. Any other error closes at once.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.close(promise: nil)
            return
        }
        reading = .done
        queued.removeAll()
        if answering {
            closeAfterResponse = true
        } else {
            write(HTTP1Wire.badRequest(allocator: context.channel.allocator), closing: true, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            // The client has sent all it will (it closed, or half-closed its side): close once
            // the request being answered, if any, is written; a request cut short is dropped.
            reading = .done
            queued.removeAll()
            if answering {
                closeAfterResponse = true
            } else {
                context.close(promise: nil)
            }
            return
        }
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if case .idle = reading, !answering {
            reading = .done
            context.close(promise: nil)
        } else {
            closeAfterResponse = true
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        reading = .done
        queued.removeAll()
        worker?.finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        worker?.finish()
    }

    private func take(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch (part, reading) {
        case (_, .done):
            break
        case (.end, .discarding):
            reading = .done
            if !answering { context.close(promise: nil) }
        case (_, .discarding):
            break
        case (.head(let head), _):
            deadlines.headRead()
            // A declared length over the limit is refused before any of the body is read.
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > settings.maxBodyBytes {
                reading = .request(head, nil)
                refuse(head, context: context)
                return
            }
            reading = .request(head, nil)
        case (.body(var chunk), .request(let head, var body)):
            reading = .idle  // `body` is the only reference while it grows
            let size = (body?.readableBytes ?? 0) + chunk.readableBytes
            guard size <= settings.maxBodyBytes else {
                refuse(head, context: context)
                return
            }
            if body == nil {
                body = chunk
            } else {
                body?.writeBuffer(&chunk)
            }
            reading = .request(head, body)
        case (.end, .request(let head, let body)):
            reading = .idle
            answer(head, body: body ?? ByteBuffer(), context: context)
        case (.body, .idle), (.end, .idle):
            break
        }
    }

    private func answer(_ head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        deadlines.requestRead()
        let request: HTTPRequest
        do {
            request = try HTTP1Wire.request(head)
        } catch {
            reading = .done
            write(HTTP1Wire.badRequest(allocator: context.channel.allocator), closing: true, context: context)
            return
        }
        let framing = HTTP1Wire.Framing(head)
        var newContext = AppRequestContext(source: ApplicationRequestContextSource(channel: context.channel, logger: logger))
        newContext.bodyLimit = settings.maxBodyBytes
        if !settings.trustedProxies.isEmpty {
            let forwarded = ForwardedClient.resolve(peer: context.channel.remoteAddress, headers: head.headers, trustedProxies: settings.trustedProxies)
            newContext.forwardedClient = forwarded.address
            newContext.scheme = forwarded.scheme
        }
        let requestContext = newContext
        let responder = settings.responder
        respond(framing: framing, context: context) {
            do {
                return try await responder.respond(to: Request(head: request, body: RequestBody(buffer: body)), context: requestContext)
            } catch {
                requestContext.logger.debug("unhandled error", metadata: ["error.type": "\(type(of: error))"])
                return Response(status: .internalServerError)
            }
        }
    }

    /// A body larger than the limit: the listener's answer for it; the rest of the body is read
    /// and dropped, then the connection closes.
    private func refuse(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        deadlines.requestRead()
        reading = .discarding
        guard let request = try? HTTP1Wire.request(head) else {
            reading = .done
            write(HTTP1Wire.badRequest(allocator: context.channel.allocator), closing: true, context: context)
            return
        }
        let oversized = settings.oversized
        let limit = settings.maxBodyBytes
        respond(framing: HTTP1Wire.Framing(head, closing: true), context: context) { oversized(request, limit) }
    }

    /// Runs `makeResponse` on the connection's task, encodes its response there, and writes it
    /// from the event loop.
    private func respond(framing: HTTP1Wire.Framing, context: ChannelHandlerContext,
                         _ makeResponse: @escaping @Sendable () async -> Response) {
        answering = true
        let serverName = settings.serverName
        let allocator = context.channel.allocator
        let loop = context.eventLoop
        let handler = NIOLoopBound((self, context), eventLoop: loop)
        let worker = self.worker ?? ConnectionWorker()
        self.worker = worker
        worker.submit {
            let bytes = await HTTP1Wire.encode(await makeResponse(), framing: framing, serverName: serverName, allocator: allocator)
            loop.execute {
                let (self_, context) = handler.value
                self_.answered(bytes, closing: framing.closing, context: context)
            }
        }
    }

    /// The response is ready (`nil`: its body failed half way): writes it, then goes on with the
    /// requests waiting behind it, or closes.
    private func answered(_ bytes: ByteBuffer?, closing: Bool, context: ChannelHandlerContext) {
        answering = false
        guard let bytes else {
            reading = .done
            context.close(promise: nil)
            return
        }
        if case .discarding = reading {
            // The answer to an oversized body: sent and the sending side closed, while the
            // rest of the body is still read (for at most the body timeout) so the client reads it.
            queued.removeAll()
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(bytes)).whenComplete { _ in
                channel.close(mode: .output).whenFailure { _ in channel.close(promise: nil) }
            }
            deadlines.draining()
            if readPending {
                readPending = false
                context.read()
            }
            return
        }
        if closing || closeAfterResponse {
            reading = .done
            queued.removeAll()
            write(bytes, closing: true, context: context)
            return
        }
        write(bytes, closing: false, context: context)
        deadlines.answerWritten()
        while !answering, let part = queued.popFirst() {
            take(part, context: context)
        }
        if !answering, readPending {
            readPending = false
            context.read()
        }
    }

    private func write(_ bytes: ByteBuffer, closing: Bool, context: ChannelHandlerContext) {
        guard closing else {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
            return
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(bytes)).whenComplete { _ in channel.close(promise: nil) }
    }
}
