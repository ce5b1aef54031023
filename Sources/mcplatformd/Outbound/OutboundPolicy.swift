import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Where the daemon may send requests on a customer's behalf (webhooks, Client ID Metadata
/// Documents, identity providers' discovery and token endpoints): http(s) URLs whose host
/// resolves only to public addresses, unless the operator allows private ones
/// (`allow-private-addresses`, for development and tests).
///
/// The host is resolved once per request and the connection goes to an address that was
/// checked (AsyncHTTPClient's DNS override, on a client made for the request), so a name whose
/// answer changes between the check and the connection (DNS rebinding) cannot reach a private
/// address. Names are resolved by the configured `dns-resolver` when there is one, else by the
/// system (`getaddrinfo`).
struct OutboundPolicy: Sendable {
    let allowPrivateAddresses: Bool
    /// The DNS server to resolve names with; nil: the system resolver.
    var resolver: DNSClient?

    /// The ranges no customer-supplied URL may reach: loopback, private, link-local (cloud
    /// metadata), carrier-grade NAT, unspecified, multicast and unique-local IPv6, and the IPv6
    /// ranges that carry an IPv4 address inside (NAT64, 6to4, Teredo, IPv4-compatible), which
    /// could otherwise smuggle a private IPv4 address past the IPv4 ranges.
    static let blockedRanges: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
        "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32", "::/96",
    ].compactMap(AddressRange.init(parsing:))

    /// Refuses a URL that is not http(s) with a host (at creation time, before any lookup).
    static func validate(_ text: String) throws(OutboundError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil else {
            throw OutboundError("the URL must be http:// or https:// with a host and no credentials")
        }
        if let port = url.port, !(1...65535).contains(port) { throw OutboundError("the URL's port must be from 1 to 65535") }
        return url
    }

    /// Refuses `url` when its host is a blocked address literal or a loopback name — what can be
    /// told without a DNS lookup (used when a URL is saved; `send` checks before each request).
    func checkLiteral(_ url: URL) throws(OutboundError) {
        guard !allowPrivateAddresses else { return }
        guard let host = url.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased() else { throw OutboundError("the URL has no host") }
        if host == "localhost" || host.hasSuffix(".localhost") {
            throw OutboundError("\(host) is a loopback name; the daemon only sends to public addresses")
        }
        if let literal = AddressRange.bytes(of: host), Self.isBlocked(literal) {
            throw OutboundError("\(host) is a private or loopback address; the daemon only sends to public addresses")
        }
    }

    static func isBlocked(_ address: [UInt8]) -> Bool {
        blockedRanges.contains { $0.contains(address) }
    }

    /// Where a request to `url` connects: nil to let the client connect by itself (an address
    /// literal, or private addresses allowed without a resolver of our own), else the one
    /// checked address of its host.
    func pinnedAddress(for url: URL) async throws(OutboundError) -> String? {
        guard let host = url.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty else {
            throw OutboundError("the URL has no host")
        }
        if let literal = AddressRange.bytes(of: host) {
            if !allowPrivateAddresses, Self.isBlocked(literal) {
                throw OutboundError("\(host) is a private or loopback address; the daemon only sends to public addresses")
            }
            return nil
        }
        if allowPrivateAddresses, resolver == nil { return nil }
        let addresses: [[UInt8]]
        if let resolver {
            do {
                addresses = try await resolver.addresses(of: host)
            } catch {
                throw OutboundError("cannot resolve \(host): \(error)")
            }
        } else {
            addresses = await Self.resolve(host)
        }
        guard let first = addresses.first else { throw OutboundError("cannot resolve \(host)") }
        if !allowPrivateAddresses, addresses.contains(where: Self.isBlocked) {
            throw OutboundError("\(host) is a private or loopback address; the daemon only sends to public addresses")
        }
        guard let text = AddressRange.text(of: first) else { throw OutboundError("cannot resolve \(host)") }
        return text
    }

    /// Sends `request` to `url` (its URL) and hands the response to `read` while the
    /// connection is open; the connection goes only to an address this policy checked.
    func send<T: Sendable>(_ request: HTTPClientRequest, url: URL, timeout: TimeAmount,
                           _ read: (HTTPClientResponse) async throws -> T) async throws -> T {
        guard let address = try await pinnedAddress(for: url), let host = url.host else {
            return try await read(try await Self.client.execute(request, timeout: timeout))
        }
        var configuration = Self.configuration
        configuration.dnsOverride = [host: address]
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let result = try await read(try await client.execute(request, timeout: timeout))
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
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

    /// How requests to customer URLs are made: no redirects (each hop would need checking),
    /// short timeouts.
    static let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))

    /// The client for requests that need no pinned address. Process-wide, like `HTTPClient.shared`.
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}

/// A URL the daemon refuses to send to.
struct OutboundError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
