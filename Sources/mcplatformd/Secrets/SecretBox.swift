import Crypto
import Foundation

/// Seals secrets for storage at rest with AES-GCM under the key ring's current key.
///
/// A sealed value is text: `v1.<key id>.<base64 of nonce ‖ ciphertext ‖ tag>`. The `context`
/// (for example `oauth_configs.client_secret`) is authenticated data, so a sealed value copied
/// into another column does not open.
struct SecretBox: Sendable {
    let keyRing: KeyRing

    /// Seals `plaintext` with the current key.
    func seal(_ plaintext: String, context: String) throws -> String {
        let (id, key) = try keyRing.currentKey()
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw SecretBoxError.malformed }
        return "v1.\(id).\(combined.base64EncodedString())"
    }

    /// Opens a value sealed by `seal` with the same `context`.
    func open(_ sealed: String, context: String) throws -> String {
        let (id, payload) = try Self.parse(sealed)
        let box = try AES.GCM.SealedBox(combined: payload)
        let plain = try AES.GCM.open(box, using: try keyRing.key(id: id), authenticating: Data(context.utf8))
        guard let text = String(data: plain, encoding: .utf8) else { throw SecretBoxError.malformed }
        return text
    }

    /// The id of the key a sealed value was sealed with.
    static func keyID(of sealed: String) throws -> String { try parse(sealed).keyID }

    private static func parse(_ sealed: String) throws -> (keyID: String, payload: Data) {
        let parts = sealed.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "v1", let payload = Data(base64Encoded: String(parts[2])) else {
            throw SecretBoxError.malformed
        }
        return (String(parts[1]), payload)
    }
}

/// A sealed value that cannot be read.
enum SecretBoxError: Error, CustomStringConvertible {
    case malformed
    var description: String { "sealed secret is malformed" }
}
