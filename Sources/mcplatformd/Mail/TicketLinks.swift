import Crypto
import Foundation

/// The signed links in the emails: the ticket page (expires after 30 days) and unsubscribe
/// (does not expire). A link carries what it names and an HMAC-SHA256 over it with a key derived
/// from the daemon's secret; the signature is checked in constant time, and nothing is stored.
struct TicketLinks: Sendable {
    static let pageLifetime: Duration = .seconds(30 * 86_400)
    static let pagePath = "/support/tickets/"
    static let unsubscribePath = "/support/unsubscribe/"

    let key: SymmetricKey

    init(secret: SymmetricKey) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data("mcplatform ticket links".utf8), outputByteCount: 32)
    }

    /// The token of `ticketID`'s page, valid until `expires` (epoch seconds).
    func pageToken(ticketID: String, expires: Int64) -> String {
        "\(ticketID).\(expires).\(signature("page:\(ticketID):\(expires)"))"
    }

    /// A new page token valid for `pageLifetime` from `now`.
    func pageToken(ticketID: String, now: Date = Date()) -> String {
        pageToken(ticketID: ticketID, expires: Int64(now.timeIntervalSince1970) + Self.pageLifetime.components.seconds)
    }

    /// Why a page token is refused.
    enum Refusal: Error, Equatable {
        case malformed, tampered, expired
    }

    /// The ticket a page token names, when its signature holds and it has not expired.
    func ticketID(fromPage token: String, now: Date = Date()) throws(Refusal) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 64, let expires = Int64(parts[1]) else { throw .malformed }
        let ticketID = String(parts[0])
        guard verify(String(parts[2]), "page:\(ticketID):\(expires)") else { throw .tampered }
        guard Int64(now.timeIntervalSince1970) < expires else { throw .expired }
        return ticketID
    }

    /// The token that unsubscribes `address` from `organizationID`'s mail.
    func unsubscribeToken(organizationID: String, address: String) -> String {
        let encoded = Data(address.lowercased().utf8).base64URLEncoded()
        return "\(organizationID).\(encoded).\(signature("unsubscribe:\(organizationID):\(address.lowercased())"))"
    }

    /// The organization and address an unsubscribe token names, when its signature holds.
    func unsubscribe(_ token: String) throws(Refusal) -> (organizationID: String, address: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 64, parts[1].count <= 400,
              let data = Data(base64URLEncoded: String(parts[1])), let address = String(data: data, encoding: .utf8) else { throw .malformed }
        let organizationID = String(parts[0])
        guard verify(String(parts[2]), "unsubscribe:\(organizationID):\(address)") else { throw .tampered }
        return (organizationID, address)
    }

    /// The reply form's CSRF token: bound to the ticket and to the browser's random cookie value
    /// (double submit, signed), so a form posted from elsewhere carries no valid one.
    func csrfToken(ticketID: String, nonce: String) -> String {
        signature("csrf:\(ticketID):\(nonce)")
    }

    /// Whether `token` is the CSRF token of `ticketID` for the browser holding `nonce` (constant time).
    func verifyCSRF(_ token: String, ticketID: String, nonce: String) -> Bool {
        verify(token, "csrf:\(ticketID):\(nonce)")
    }

    private func signature(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).base64URLEncoded()
    }

    private func verify(_ signature: String, _ text: String) -> Bool {
        // Only the canonical spelling: the last character's unused bits must not make a second valid link.
        guard signature.count <= 64, let code = Data(base64URLEncoded: signature), code.base64URLEncoded() == signature else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data(text.utf8), using: key)
    }
}

extension Data {
    /// Decodes base64url without padding (RFC 4648 §5); nil when `text` is not that.
    init?(base64URLEncoded text: String) {
        guard text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
