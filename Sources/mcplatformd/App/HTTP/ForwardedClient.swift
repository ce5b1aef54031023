import NIOCore
import NIOHTTP1
import Shared

/// Who sent a request, as the one function every per-address decision and log line uses:
/// login throttling, OAuth rate limits, MCP abuse limits, visitor keys, the access log.
///
/// A request from a peer outside `trusted-proxies` is from that peer. From a trusted proxy:
/// - the client is the rightmost address of `X-Forwarded-For` that is not itself a trusted
///   proxy (each proxy appends the address it saw; only the entries our own proxies appended
///   can be believed, and the first untrusted one from the right is who talked to them); when
///   every entry is a trusted proxy, the leftmost; an entry that is not an address ends the walk;
/// - the scheme is `X-Forwarded-Proto`'s first value (`http` or `https`).
enum ForwardedClient {
    /// The client's address and the scheme it used.
    static func resolve(peer: SocketAddress?, headers: HTTPHeaders, trustedProxies: [AddressRange]) -> (address: String, scheme: String) {
        let peerText = peer?.ipAddress ?? "unknown"
        guard !trustedProxies.isEmpty, let peerBytes = peer?.ipAddress.flatMap(AddressRange.bytes(of:)),
              trustedProxies.contains(where: { $0.contains(peerBytes) }) else { return (peerText, "http") }
        var scheme = "http"
        if let proto = headers.first(name: "x-forwarded-proto")?.split(separator: ",").first?.trimmingWhitespace().lowercased(),
           proto == "https" || proto == "http" {
            scheme = proto
        }
        let entries = headers["x-forwarded-for"].flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
        var client = peerText
        for entry in entries.reversed() {
            guard let address = address(in: entry), let bytes = AddressRange.bytes(of: address) else { break }
            client = address
            if !trustedProxies.contains(where: { $0.contains(bytes) }) { break }
        }
        return (client, scheme)
    }

    /// The address of an `X-Forwarded-For` entry: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or
    /// `[2001:db8::1]:5678`.
    static func address(in entry: String) -> String? {
        if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
            return String(entry[entry.index(after: entry.startIndex)..<close])
        }
        if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
            return String(entry[..<colon])
        }
        return entry.isEmpty ? nil : entry
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
