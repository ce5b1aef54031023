import Crypto
import Foundation
import Shared

/// The anonymous visitor key of the stateless era: a salted hash of (server, client
/// name/version, remote address, User-Agent) whose salt changes every UTC day, the way
/// privacy-friendly web analytics count visitors without cookies. The salt is derived from the
/// daemon's secret key, so every replica computes the same key and no raw address is stored.
struct VisitorKey: Sendable {
    let secret: SymmetricKey
    /// The current day's salt, derived once per day rather than on every request.
    private let salt = SharedValue<DailySalt?>(nil)

    init(secret: SymmetricKey) {
        self.secret = secret
    }

    /// The key for one request on the day containing `now`.
    func key(serverID: String, client: ClientInfo, remoteAddress: String, userAgent: String, now: EpochMillis) -> String {
        let day = now / 86_400_000
        // The day's HMAC state is keyed once and copied; the parts go in without joining them.
        var mac = keyed(for: day)
        for (index, part) in [serverID, client.name ?? "", client.version ?? "", remoteAddress, userAgent].enumerated() {
            if index > 0 { mac.update(data: Self.separator) }
            var text = part
            text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        }
        return "v\(day)_" + Hex.lowercase(mac.finalize().prefix(16))
    }

    private static let separator = Array("\u{1F}".utf8)

    private func keyed(for day: Int64) -> HMAC<SHA256> {
        if let cached = salt.value, cached.day == day { return cached.mac }
        let derived = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("visitor-salt:\(day)".utf8), using: secret)))
        let mac = HMAC<SHA256>(key: derived)
        salt.update { $0 = DailySalt(day: day, mac: mac) }
        return mac
    }
}

/// One day's salt of the visitor key.
private struct DailySalt: Sendable {
    let day: Int64
    /// HMAC keyed with the day's salt, before any message.
    let mac: HMAC<SHA256>
}
