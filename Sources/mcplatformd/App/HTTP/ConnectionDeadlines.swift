import NIOCore

/// Closes a connection whose client is too slow or too quiet: a request head must arrive
/// within `headTimeout` of its first byte (or of connecting), its body within `bodyTimeout` of
/// the head, and a keep-alive connection may idle `idleTimeout` between requests. While the
/// daemon answers a request nothing is timed here.
///
/// It sits first in the pipeline, where it sees the raw bytes (the start of a head that NIO's
/// decoder has not finished); `DirectRequestHandler` tells it when a head or a whole request has
/// been read and when an answer is written.
///
/// On the hot path this is a field write per step: one timer per connection is armed for the
/// nearest deadline and, when it fires early (the deadline moved on), re-arms itself, so a
/// keep-alive request costs no timer scheduling.
final class ConnectionDeadlines: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum Phase {
        /// Waiting for the first byte of a request (a new connection, or between requests).
        case waiting
        /// Bytes of a head have come, not the whole head.
        case head
        /// The head has come; the body is being read.
        case body
        /// The request is complete and being answered: nothing is timed.
        case answering
    }

    private let limits: ListenerLimits
    private var phase = Phase.waiting
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerAt: NIODeadline?
    private var context: ChannelHandlerContext?

    init(limits: ListenerLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .waiting = phase {
            phase = .head
            deadline = .now() + limits.headTimeout.timeAmount
        }
        context.fireChannelRead(data)
        // The decoder and the request handler have seen these bytes; if the request is still
        // being read, its deadline must be armed (usually the whole request came at once and
        // it is being answered).
        switch phase {
        case .head, .body:
            if let deadline { arm(deadline) }
        case .waiting, .answering:
            break
        }
    }

    /// The head of a request has been read: its body has `bodyTimeout`.
    func headRead() {
        phase = .body
        deadline = .now() + limits.bodyTimeout.timeAmount
    }

    /// The whole request has been read; answering it is not timed.
    func requestRead() {
        phase = .answering
        deadline = nil
    }

    /// An answer has been written; the connection may now idle up to `idleTimeout`.
    func answerWritten() {
        phase = .waiting
        let next = NIODeadline.now() + limits.idleTimeout.timeAmount
        deadline = next
        arm(next)
    }

    /// The rest of an oversized body is being read and dropped: for at most `bodyTimeout`.
    func draining() {
        phase = .body
        let next = NIODeadline.now() + limits.bodyTimeout.timeAmount
        deadline = next
        arm(next)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard timer == nil, case .waiting = phase else { return }
        // A new connection has the head timeout to send its first request.
        let first = NIODeadline.now() + limits.headTimeout.timeAmount
        deadline = first
        arm(first)
    }

    /// Makes sure the timer fires no later than `at`.
    private func arm(_ at: NIODeadline) {
        if let timerAt, timer != nil, timerAt <= at { return }
        timer?.cancel()
        guard let context else { return }
        timerAt = at
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: at) { self.fire() }
    }

    private func fire() {
        timer = nil
        timerAt = nil
        guard let deadline, let context else { return }
        guard NIODeadline.now() >= deadline else {
            arm(deadline)
            return
        }
        self.deadline = nil
        context.close(promise: nil)
    }
}

extension Duration {
    /// The same span as NIO's `TimeAmount`.
    var timeAmount: TimeAmount { .milliseconds(milliseconds) }
}
