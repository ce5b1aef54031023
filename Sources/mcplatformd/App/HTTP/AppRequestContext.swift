import Hummingbird
import NIOCore

/// The request context of both listeners: Hummingbird's core context plus the peer address
/// (for `/metrics` allow lists and trusted proxies) and the request id.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// The `X-Request-Id` of this request (given by the client or generated).
    var requestID: String = ""

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
