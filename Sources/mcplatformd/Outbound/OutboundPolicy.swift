import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Where the daemon may send requests on a customer's behalf (webhooks, later client metadata
/// documents): http(s) URLs whose host resolves only to public addresses, unless the operator
/// allows private ones (`allow-private-addresses`, for development and tests).
///
/// The check resolves the host before each request, so a name that later points at a private
/// address is refused then. (The HTTP client resolves again when it connects; a DNS answer
/// changing between the two is not defended against.)
struct OutboundPolicy: Sendable {
    let allowPrivateAddresses: Bool

    /// The ranges no customer-supplied URL may reach: loopback, private, link-local (cloud
    /// metadata), carrier-grade NAT, unspecified, multicast and unique-local IPv6.
    static let blockedRanges: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    ].compactMap(AddressRange.init(parsing:))

    /// Refuses a URL that is not http(s) with a host (at creation time, before any lookup).
    static func validate(_ text: String) throws(OutboundError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil else {
            throw OutboundError("the URL must be http:// or https:// with a host and no credentials")
        }
        return url
    }

    /// Refuses `url` when its host is a blocked address literal or a loopback name — what can be
    /// told without a DNS lookup (used when a URL is saved; `check` runs before each request).
    func checkLiteral(_ url: URL) throws(OutboundError) {
        guard !allowPrivateAddresses else { return }
        guard let host = url.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased() else { throw OutboundError("the URL has no host") }
        if host == "localhost" || host.hasSuffix(".localhost") {
            throw OutboundError("\(host) is a loopback name; the daemon only sends to public addresses")
        }
        if let literal = AddressRange.bytes(of: host), Self.blockedRanges.contains(where: { $0.contains(literal) }) {
            throw OutboundError("\(host) is a private or loopback address; the daemon only sends to public addresses")
        }
    }

    /// Refuses `url` when its host is, or resolves to, an address this policy blocks.
    func check(_ url: URL) async throws(OutboundError) {
        guard !allowPrivateAddresses else { return }
        guard let host = url.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { throw OutboundError("the URL has no host") }
        let addresses: [[UInt8]]
        if let literal = AddressRange.bytes(of: host) {
            addresses = [literal]
        } else {
            addresses = await Self.resolve(host)
            guard !addresses.isEmpty else { throw OutboundError("cannot resolve \(host)") }
        }
        if addresses.contains(where: { address in Self.blockedRanges.contains { $0.contains(address) } }) {
            throw OutboundError("\(host) is a private or loopback address; the daemon only sends to public addresses")
        }
    }

    /// The addresses `host` resolves to, looked up off the event loops.
    private static func resolve(_ host: String) async -> [[UInt8]] {
        (try? await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
            defer { freeaddrinfo(first) }
            var addresses: [[UInt8]] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let entry = cursor?.pointee {
                if let address = entry.ai_addr {
                    switch Int32(entry.ai_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                            var ip = pointer.pointee.sin_addr
                            addresses.append(withUnsafeBytes(of: &ip) { Array($0) })
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                            var ip = pointer.pointee.sin6_addr
                            addresses.append(withUnsafeBytes(of: &ip) { Array($0) })
                        }
                    default: break
                    }
                }
                cursor = entry.ai_next
            }
            return addresses
        }) ?? []
    }

    /// The client for requests to customer URLs: no redirects (each hop would need checking),
    /// short timeouts. Process-wide, like `HTTPClient.shared`.
    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))
}

/// A URL the daemon refuses to send to.
struct OutboundError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
