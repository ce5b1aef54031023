import Metrics
import NIOCore
import Synchronization

/// Caps a listener's open connections, in total and per remote address, so that no client can
/// hold every socket the daemon has.
///
/// - A connection over a cap is closed at once; the ones already open keep working.
/// - Addresses in `metrics-allow` and `trusted-proxies` are not counted per address: behind a
///   reverse proxy every client shares the proxy's address, and the operator's monitoring must
///   get in.
/// - The last `reserved` connections of the total are kept for `metrics-allow` addresses, so
///   `/healthz` and `/metrics` still answer while the cap is hit.
final class ConnectionLimiter: Sendable {
    /// An admitted connection; released when its channel closes.
    struct Admission: Sendable {
        let key: [UInt8]?
    }

    private struct Counts {
        var total = 0
        var perAddress: [[UInt8]: Int] = [:]
    }

    let name: String
    let maxConnections: Int
    let maxPerAddress: Int
    /// Connections of the total only `privileged` addresses may use.
    let reserved: Int
    private let privileged: [AddressRange]
    private let uncounted: [AddressRange]
    private let counts = Mutex(Counts())

    init(name: String, maxConnections: Int, maxPerAddress: Int, privileged: [AddressRange], uncounted: [AddressRange]) {
        self.name = name
        self.maxConnections = max(1, maxConnections)
        self.maxPerAddress = max(1, maxPerAddress)
        self.reserved = min(16, self.maxConnections / 8)
        self.privileged = privileged
        self.uncounted = privileged + uncounted
    }

    /// Counts a new connection from `address`; nil when a cap refuses it.
    func admit(_ address: SocketAddress?) -> Admission? {
        let bytes = address?.ipAddress.flatMap(AddressRange.bytes(of:))
        let isPrivileged = bytes.map { bytes in privileged.contains { $0.contains(bytes) } } ?? false
        let key = bytes.flatMap { bytes in uncounted.contains { $0.contains(bytes) } ? nil : bytes }
        let limit = isPrivileged ? maxConnections : maxConnections - reserved
        let refusal: String? = counts.withLock { counts in
            guard counts.total < limit else { return "total" }
            if let key {
                let open = counts.perAddress[key, default: 0]
                guard open < maxPerAddress else { return "per_address" }
                counts.perAddress[key] = open + 1
            }
            counts.total += 1
            return nil
        }
        if let refusal {
            Counter(label: "http_connections_refused_total", dimensions: [("listener", name), ("cap", refusal)]).increment()
            return nil
        }
        return Admission(key: key)
    }

    /// A connection admitted earlier has closed.
    func release(_ admission: Admission) {
        counts.withLock { counts in
            counts.total -= 1
            if let key = admission.key {
                let open = counts.perAddress[key, default: 1] - 1
                counts.perAddress[key] = open > 0 ? open : nil
            }
        }
    }

    /// Open connections now (tests and metrics).
    var open: Int { counts.withLock { $0.total } }
}
