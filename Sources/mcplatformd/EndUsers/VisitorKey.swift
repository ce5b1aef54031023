import Crypto
import Foundation

/// The anonymous visitor key of the stateless era: a salted hash of (server, client
/// name/version, remote address, User-Agent) whose salt changes every UTC day, the way
/// privacy-friendly web analytics count visitors without cookies. The salt is derived from the
/// daemon's secret key, so every replica computes the same key and no raw address is stored.
struct VisitorKey: Sendable {
    let secret: SymmetricKey

    /// The key for one request on the day containing `now`.
    func key(serverID: String, client: ClientInfo, remoteAddress: String, userAgent: String, now: EpochMillis) -> String {
        let day = now / 86_400_000
        let salt = HMAC<SHA256>.authenticationCode(for: Data("visitor-salt:\(day)".utf8), using: secret)
        let material = [serverID, client.name ?? "", client.version ?? "", remoteAddress, userAgent].joined(separator: "\u{1F}")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(material.utf8), using: SymmetricKey(data: Data(salt)))
        return "v\(day)_" + Data(mac).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
