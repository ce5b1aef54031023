import Crypto
import Foundation
import Shared
import Testing
@testable import mcplatformd

@Suite("Visitor keys")
struct VisitorKeyTests {
    @Test("a visitor key is the day's salted HMAC of the request's traits; it changes with the day and with any trait")
    func derivation() {
        let secret = SymmetricKey(size: .bits256)
        let keys = VisitorKey(secret: secret)
        let client = ClientInfo(name: "claude", version: "1.2")
        let now: EpochMillis = 1_764_590_000_000
        let key = keys.key(serverID: "srv_1", client: client, remoteAddress: "203.0.113.9", userAgent: "agent/1", now: now)
        // The definition: HMAC-SHA256 keyed with HMAC(secret, "visitor-salt:<day>") over the
        // traits joined with U+001F, first 16 bytes in hex, after "v<day>_".
        let day = now / 86_400_000
        let salt = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("visitor-salt:\(day)".utf8), using: secret)))
        let material = ["srv_1", "claude", "1.2", "203.0.113.9", "agent/1"].joined(separator: "\u{1F}")
        let expected = "v\(day)_" + Hex.lowercase(Data(HMAC<SHA256>.authenticationCode(for: Data(material.utf8), using: salt)).prefix(16))
        #expect(key == expected)
        #expect(keys.key(serverID: "srv_1", client: client, remoteAddress: "203.0.113.9", userAgent: "agent/1", now: now + 1000) == key)
        #expect(keys.key(serverID: "srv_1", client: client, remoteAddress: "203.0.113.9", userAgent: "agent/1", now: now + 86_400_000) != key)
        #expect(keys.key(serverID: "srv_1", client: client, remoteAddress: "203.0.113.10", userAgent: "agent/1", now: now) != key)
        #expect(keys.key(serverID: "srv_1", client: ClientInfo(name: "claude", version: nil), remoteAddress: "203.0.113.9",
                         userAgent: "agent/1", now: now) != key)
    }
}
