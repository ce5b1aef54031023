/// Prefixed random identifiers such as `org_3k9x…`, readable in logs and safe in URLs.
enum Identifier {
    /// Lower-case Crockford base32, without the letters easily confused with digits.
    private static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// A new identifier: `prefix_` followed by 20 random base32 characters (100 bits).
    ///
    /// Two 64-bit draws from the system's CSPRNG give the 100 bits: the hot path makes several
    /// identifiers per request, and one draw per character would be one syscall per character.
    static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + 21)
        bytes.append(UInt8(ascii: "_"))
        for index in 0..<20 {
            if index < 10 {
                bytes.append(alphabet[Int(high & 31)])
                high >>= 5
            } else {
                bytes.append(alphabet[Int(low & 31)])
                low >>= 5
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
