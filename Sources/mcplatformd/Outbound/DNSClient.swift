import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A small DNS client (RFC 1035) over UDP to one server: A, AAAA and TXT questions.
///
/// The daemon resolves names itself, rather than through `getaddrinfo`, when the operator names
/// a resolver (`dns-resolver`): then the addresses the outbound policy checks are exactly the
/// ones it connects to, and the tests can serve their own zone. TXT records (custom-domain
/// verification) always come through here, from `dns-resolver` or the first `nameserver` of
/// `/etc/resolv.conf`.
///
/// Every length and offset in an answer is checked before it is used: the answer is input.
struct DNSClient: Sendable {
    /// The server's address (IPv4 or IPv6) and port.
    let server: String
    let port: Int
    var timeout: Duration = .seconds(3)

    enum RecordType: UInt16, Sendable {
        case a = 1
        case txt = 16
        case aaaa = 28
    }

    /// The client of `resolver` (`IP` or `IP:PORT`, `[IPv6]:PORT`), or of the system's first
    /// name server when it is nil.
    static func make(resolver: String?) -> DNSClient? {
        if let resolver { return parse(resolver) }
        guard let text = try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 2, words[0] == "nameserver", AddressRange.bytes(of: String(words[1])) != nil {
                return DNSClient(server: String(words[1]), port: 53)
            }
        }
        return nil
    }

    /// `IP`, `IP:PORT` or `[IPv6]:PORT`; nil when it is none of these.
    static func parse(_ text: String) -> DNSClient? {
        if AddressRange.bytes(of: text) != nil { return DNSClient(server: text, port: 53) }
        guard let address = ListenAddress(parsing: text), address.port > 0, AddressRange.bytes(of: address.host) != nil else { return nil }
        return DNSClient(server: address.host, port: address.port)
    }

    /// The IPv4 and IPv6 addresses of `name` (A, then AAAA), as bytes.
    func addresses(of name: String) async throws(DNSError) -> [[UInt8]] {
        let v4 = try await query(name, .a).filter { $0.count == 4 }
        let v6 = (try? await query(name, .aaaa))?.filter { $0.count == 16 } ?? []
        return v4 + v6
    }

    /// The TXT records of `name`, each one's strings joined.
    func texts(of name: String) async throws(DNSError) -> [String] {
        try await query(name, .txt).map { data in
            var text = "", index = 0
            while index < data.count {
                let length = Int(data[index])
                let end = min(data.count, index + 1 + length)
                text += String(decoding: data[(index + 1)..<end], as: UTF8.self)
                index = end
            }
            return text
        }
    }

    /// The RDATA of every answer of `type` to the question `name`.
    func query(_ name: String, _ type: RecordType) async throws(DNSError) -> [[UInt8]] {
        guard let question = Self.encode(name: name) else { throw .badName(name) }
        let id = UInt16.random(in: 0...UInt16.max)
        var packet: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        packet += question
        packet += [UInt8(type.rawValue >> 8), UInt8(type.rawValue & 0xFF), 0, 1]
        let server = self.server, port = self.port, timeout = self.timeout
        let request = packet
        let answer: [UInt8]
        do {
            answer = try await NIOThreadPool.singleton.runIfActive { try Self.exchange(request, server: server, port: port, timeout: timeout, id: id) }
        } catch let error as DNSError {
            throw error
        } catch {
            throw .unreachable("\(error)")
        }
        return try Self.answers(answer, type: type)
    }

    /// `name` in wire form (labels of 1 to 63 bytes, 255 in all), or nil.
    static func encode(name: String) -> [UInt8]? {
        var out: [UInt8] = []
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count) else { return nil }
            out.append(UInt8(bytes.count))
            out += bytes
        }
        out.append(0)
        return out.count <= 255 ? out : nil
    }

    /// Sends `request` and waits for the answer with the same id (blocking; on a pool thread).
    private static func exchange(_ request: [UInt8], server: String, port: Int, timeout: Duration, id: UInt16) throws -> [UInt8] {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        var v4 = in_addr()
        var v6 = in6_addr()
        let networkPort = in_port_t(UInt16(clamping: port).bigEndian)
        if inet_pton(AF_INET, server, &v4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    address.pointee.sin_family = sa_family_t(AF_INET)
                    address.pointee.sin_port = networkPort
                    address.pointee.sin_addr = v4
                }
            }
        } else if inet_pton(AF_INET6, server, &v6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = networkPort
                    address.pointee.sin6_addr = v6
                }
            }
        } else {
            throw DNSError.unreachable("\(server) is not an IP address")
        }
        let descriptor = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw DNSError.unreachable("socket() failed (errno \(errno))") }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + timeout
        let sent = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(descriptor, request, request.count, 0, $0, length) }
        }
        guard sent == request.count else { throw DNSError.unreachable("cannot send to \(server):\(port) (errno \(errno))") }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw DNSError.timedOut("\(server):\(port)") }
            let micros = max(1000, left.milliseconds * 1000)
            var wait = timeval(tv_sec: Int(micros / 1_000_000), tv_usec: Int(micros % 1_000_000))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            let received = recv(descriptor, &buffer, buffer.count, 0)
            if received < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                throw DNSError.unreachable("cannot read from \(server):\(port) (errno \(errno))")
            }
            guard received >= 12, UInt16(buffer[0]) << 8 | UInt16(buffer[1]) == id else { continue }
            return Array(buffer[0..<received])
        }
    }

    /// The RDATA of the answers of `type` in a response.
    static func answers(_ message: [UInt8], type: RecordType) throws(DNSError) -> [[UInt8]] {
        guard message.count >= 12 else { throw .malformed }
        let rcode = message[3] & 0x0F
        if rcode == 3 { return [] }  // NXDOMAIN: no such name
        guard rcode == 0 else { throw .refused(Int(rcode)) }
        let questions = Int(message[4]) << 8 | Int(message[5])
        let answerCount = Int(message[6]) << 8 | Int(message[7])
        var index = 12
        for _ in 0..<questions {
            index = try skipName(message, from: index) + 4
        }
        var found: [[UInt8]] = []
        for _ in 0..<answerCount {
            index = try skipName(message, from: index)
            guard index + 10 <= message.count else { throw .malformed }
            let recordType = UInt16(message[index]) << 8 | UInt16(message[index + 1])
            let length = Int(message[index + 8]) << 8 | Int(message[index + 9])
            index += 10
            guard index + length <= message.count else { throw .malformed }
            if recordType == type.rawValue { found.append(Array(message[index..<(index + length)])) }
            index += length
        }
        return found
    }

    /// The offset after the (possibly compressed) name at `start`.
    private static func skipName(_ message: [UInt8], from start: Int) throws(DNSError) -> Int {
        var index = start
        var steps = 0
        while true {
            guard index < message.count, steps < 128 else { throw .malformed }
            steps += 1
            let length = Int(message[index])
            if length == 0 { return index + 1 }
            if length & 0xC0 == 0xC0 { return index + 2 }  // a pointer ends the name here
            index += 1 + length
        }
    }
}

/// Why a DNS question got no answer.
enum DNSError: Error, CustomStringConvertible, Equatable {
    case badName(String)
    case unreachable(String)
    case timedOut(String)
    case refused(Int)
    case malformed

    var description: String {
        switch self {
        case .badName(let name): "'\(name.prefix(80))' is not a domain name"
        case .unreachable(let why): "the DNS server cannot be reached: \(why)"
        case .timedOut(let server): "the DNS server \(server) did not answer in time"
        case .refused(let code): "the DNS server refused the question (rcode \(code))"
        case .malformed: "the DNS server's answer is malformed"
        }
    }
}
