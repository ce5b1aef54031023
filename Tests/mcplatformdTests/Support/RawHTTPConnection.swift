import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One loopback TCP connection speaking bytes, for tests about what goes over the wire (pipelining,
/// `Connection: close`, malformed requests). Reads give up after `timeout`, so a test never hangs,
/// and block a queue of their own, never the concurrency pool the server under test runs on.
final class RawHTTPConnection: @unchecked Sendable {
    private let queue = DispatchQueue(label: "raw-http")
    private let socket: Int32
    private var received: [UInt8] = []

    init(port: Int, timeout: Int = 10) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw RawHTTPError("socket() failed") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw RawHTTPError("connect() to port \(port) failed")
        }
    }

    deinit { close(socket) }

    /// Sends `text` as it is.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw RawHTTPError("send() failed") }
            offset += sent
        }
    }

    /// The next complete response (headers and a `Content-Length` body; only the head when
    /// `bodyless`, as for an answer to `HEAD`).
    func readResponse(bodyless: Bool = false) async throws -> RawHTTPResponse {
        try await offPool { try self.blockingReadResponse(bodyless: bodyless) }
    }

    /// Whether the server closed the connection (end of stream) with nothing more sent.
    func readsEndOfStream() async throws -> Bool {
        try await offPool { try self.blockingReadsEndOfStream() }
    }

    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    private func blockingReadResponse(bodyless: Bool) throws -> RawHTTPResponse {
        while true {
            if let response = RawHTTPResponse(parsing: &received, bodyless: bodyless) { return response }
            guard try fill() else { throw RawHTTPError("the connection closed before a complete response") }
        }
    }

    private func blockingReadsEndOfStream() throws -> Bool {
        while received.isEmpty {
            guard try fill() else { return true }
        }
        return false
    }

    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw RawHTTPError("recv() failed or timed out (errno \(errno))") }
        received += buffer[0..<count]
        return count > 0
    }
}

/// A response read off the wire: status, lower-cased header names, body text.
struct RawHTTPResponse: Sendable {
    let status: Int
    let headers: [String: String]
    let body: String

    init?(parsing bytes: inout [UInt8], bodyless: Bool = false) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = bodyless ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = end + separator.count
        guard bytes.count >= bodyStart + length else { return nil }
        self.status = status
        self.headers = headers
        self.body = String(decoding: bytes[bodyStart..<(bodyStart + length)], as: UTF8.self)
        bytes.removeFirst(bodyStart + length)
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
