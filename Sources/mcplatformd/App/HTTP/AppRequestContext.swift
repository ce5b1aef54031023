import Foundation
import Hummingbird
import Shared
import NIOCore

/// The request context of both listeners: Hummingbird's core context plus the peer address
/// (for `/metrics` allow lists and trusted proxies) and the request id.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// The `X-Request-Id` of this request (given by the client or generated).
    var requestID: String = ""
    /// Who the bearer token speaks for (admin API), set by `AuthenticationMiddleware`.
    var principal: Principal?
    /// The listener's body limit: what its channel read at most, and so what a handler may
    /// collect or decode.
    var bodyLimit = 2 << 20

    var maxUploadSize: Int { bodyLimit }
    /// Who sent the request: the peer, or the client a trusted proxy forwarded for
    /// (`ForwardedClient`). Every per-address limit, visitor key and log line uses this.
    /// Computed when asked (formatting an address is not free, and most requests ask once).
    var clientAddress: String { forwardedClient ?? remoteAddress?.ipAddress ?? "unknown" }
    /// The client a trusted proxy forwarded for, when the peer is one.
    var forwardedClient: String?
    /// `http`, or what a trusted proxy says the client used.
    var scheme = "http"

    var requestDecoder: APIRequestDecoder { APIRequestDecoder() }
    var responseEncoder: JSONEncoder { APICoding.makeEncoder() }

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
