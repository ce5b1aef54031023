import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// HTTP/1.1 on the wire for `DirectRequestHandler`: NIO's parsed request head turned into
/// HTTPTypes', and a whole response (head and body) encoded into one buffer.
enum HTTP1Wire {
    /// How a response goes out, decided from the request it answers.
    struct Framing: Sendable {
        /// A `HEAD` request: the head says what a `GET` would carry, no body follows.
        let omitsBody: Bool
        /// The connection closes after the response (`Connection: close`, or HTTP/1.0 without
        /// keep-alive, or a refused request).
        let closing: Bool
        /// An HTTP/1.0 client asked to keep the connection: the answer says it is kept.
        let confirmsKeepAlive: Bool

        init(_ head: HTTPRequestHead, closing: Bool = false) {
            let keepAlive = head.isKeepAlive && !closing
            omitsBody = head.method == .HEAD
            self.closing = !keepAlive
            confirmsKeepAlive = keepAlive && head.version.major == 1 && head.version.minor == 0
        }
    }

    /// The request head as HTTPTypes', as `NIOHTTPTypesHTTP1` converts it: the first `Host`
    /// becomes the authority. An origin-form target (`/path?query`, every request a server
    /// gets but a proxy's) is the path as it is, without a URL parse.
    static func request(_ head: HTTPRequestHead) throws -> HTTPRequest {
        guard head.uri.utf8.first == UInt8(ascii: "/") else {
            return try HTTPRequest(head, secure: false, splitCookie: false)
        }
        let method = try HTTPRequest.Method(head.method)
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        var authority: String?
        for (name, value) in head.headers {
            if authority == nil, name.utf8.count == 4, name.lowercased() == "host" {
                authority = value
            } else if let fieldName = HTTPField.Name(name) {
                fields.append(HTTPField(name: fieldName, value: value))
            }
        }
        return HTTPRequest(method: method, scheme: "http", authority: authority, path: head.uri, headerFields: fields)
    }

    /// `response` as bytes: status line, its fields (with `Date`, `Server`, `Connection` and
    /// `Content-Length` set here, and no `Transfer-Encoding`: the body is whole), then the
    /// body. `nil` when writing the body failed.
    static func encode(_ response: Response, framing: Framing, serverName: String, allocator: ByteBufferAllocator) async -> ByteBuffer? {
        let collector = BodyCollector()
        do {
            try await response.body.write(collector)
        } catch {
            return nil
        }
        let status = response.status
        let mayHaveBody = status.kind != .informational && status != .noContent && status != .notModified
        let body = collector.body
        var buffer = allocator.buffer(capacity: 320 + (framing.omitsBody ? 0 : body?.readableBytes ?? 0))
        buffer.writeStaticString("HTTP/1.1 ")
        writeCode(status.code, to: &buffer)
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        var contentLength: String?
        for field in response.headers {
            switch field.name {
            case .contentLength:
                contentLength = field.value
            case .date, .server, .connection, .transferEncoding:
                break
            default:
                buffer.writeString(field.name.rawName)
                buffer.writeStaticString(": ")
                buffer.writeString(field.value)
                buffer.writeStaticString("\r\n")
            }
        }
        buffer.writeStaticString("Date: ")
        buffer.writeString(HTTPDate.now())
        buffer.writeStaticString("\r\nServer: ")
        buffer.writeString(serverName)
        buffer.writeStaticString("\r\n")
        if framing.closing {
            buffer.writeStaticString("Connection: close\r\n")
        } else if framing.confirmsKeepAlive {
            buffer.writeStaticString("Connection: keep-alive\r\n")
        }
        // A HEAD answer states the length a GET would carry, as the handler gave it.
        if mayHaveBody, let length = framing.omitsBody ? contentLength : String(body?.readableBytes ?? 0) {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(length)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        if mayHaveBody, !framing.omitsBody, let body {
            buffer.writeImmutableBuffer(body)
        }
        return buffer
    }

    /// The answer to malformed HTTP, before the connection closes.
    static func badRequest(allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 64)
        buffer.writeStaticString("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        return buffer
    }

    /// A status code as its three digits (HTTPTypes keeps codes within 0...999).
    private static func writeCode(_ code: Int, to buffer: inout ByteBuffer) {
        let zero = UInt8(ascii: "0")
        buffer.writeInteger(zero + UInt8(code / 100 % 10))
        buffer.writeInteger(zero + UInt8(code / 10 % 10))
        buffer.writeInteger(zero + UInt8(code % 10))
    }
}

/// Collects a response body so that it is encoded with its head in one buffer.
/// (The daemon has no streaming responses; every body is bounded.)
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Written by the one task writing the body, read by it after the body is written.
    var body: ByteBuffer?

    func write(_ buffer: ByteBuffer) async throws {
        if body == nil {
            body = buffer
        } else {
            var next = buffer
            body?.writeBuffer(&next)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
