import Crypto
import Foundation
import Shared

/// Bearer tokens the platform issues (API tokens, login tokens, invitations, MCP tokens).
///
/// A token is `<kind prefix>_<43 random base64url characters>` (256 bits). Only its SHA-256 is
/// stored; the first characters are kept as a `displayPrefix` so people can tell tokens apart
/// in `tokens list` without the secret.
struct PlatformToken: Sendable {
    /// The secret, shown once.
    let secret: String

    /// A fresh random token whose text starts with `kind_` (e.g. `mcpt` for API tokens).
    static func generate(kind: String) -> PlatformToken {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        return PlatformToken(secret: kind + "_" + Data(bytes).base64URLEncoded())
    }

    /// The hash stored in place of the token.
    var hash: String { Self.hash(secret) }

    /// What lists show: the kind and the first six secret characters.
    var displayPrefix: String {
        guard let underscore = secret.firstIndex(of: "_") else { return String(secret.prefix(8)) }
        return String(secret[...underscore] + secret[secret.index(after: underscore)...].prefix(6))
    }

    /// SHA-256 of `token` as lower-case hex.
    static func hash(_ token: String) -> String {
        SHA256Hex.digest(token)
    }

    /// Whether `secret` hashes to `hash`, compared in constant time.
    static func matches(_ secret: String, hash: String) -> Bool {
        constantTimeEquals(Array(Self.hash(secret).utf8), Array(hash.utf8))
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    func base64URLEncoded() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
