import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 only.
enum PKCE {
    /// `BASE64URL(SHA256(verifier))`.
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded()
    }

    /// A verifier or challenge: 43 to 128 characters of `[A-Za-z0-9-._~]`.
    static func isWellFormed(_ value: String) -> Bool {
        (43...128).contains(value.utf8.count) && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
        }
    }

    /// Whether `verifier` matches `challenge`, compared in constant time.
    static func verify(_ verifier: String, challenge: String) -> Bool {
        isWellFormed(verifier) && constantTimeEquals(Array(Self.challenge(for: verifier).utf8), Array(challenge.utf8))
    }

    /// A fresh verifier (for the daemon's own requests to an upstream provider).
    static func makeVerifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded()
    }
}
