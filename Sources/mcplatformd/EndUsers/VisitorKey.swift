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
        let material = [serverID, client.name ?? "", client.version ?? "", remoteAddress, userAgent].joined(separator: "\u{1F}")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(material.utf8), using: salt(for: day))
        return "v\(day)_" + Hex.lowercase(Data(mac).prefix(16))
    }

    private func salt(for day: Int64) -> SymmetricKey {
        if let cached = salt.value, cached.day == day { return cached.key }
        let derived = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("visitor-salt:\(day)".utf8), using: secret)))
        salt.update { $0 = DailySalt(day: day, key: derived) }
        return derived
    }
}

/// One day's salt of the visitor key.
private struct DailySalt: Sendable {
    let day: Int64
    let key: SymmetricKey
}
