import Crypto
import Foundation
import Shared

/// Signs webhook bodies: `X-Mcplatform-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
/// with the Unix `X-Mcplatform-Timestamp` in the signed text, so a captured request cannot be
/// replayed later with another timestamp (receivers reject old timestamps).
enum WebhookSigner {
    static let signatureHeader = "X-Mcplatform-Signature"
    static let timestampHeader = "X-Mcplatform-Timestamp"
    static let eventHeader = "X-Mcplatform-Event"
    static let deliveryHeader = "X-Mcplatform-Delivery"

    /// The signature header's value for `body` sent at `timestamp` (Unix seconds).
    static func signature(secret: String, timestamp: Int64, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "v1=" + Hex.lowercase(mac)
    }

    /// A new signing secret: `whsec_` and 32 random bytes in base64url.
    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "whsec_" + Data(bytes).base64URLEncoded()
    }
}
