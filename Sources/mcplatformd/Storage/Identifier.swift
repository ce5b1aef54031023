/// Prefixed random identifiers such as `org_3k9x…`, readable in logs and safe in URLs.
enum Identifier {
    /// Lower-case Crockford base32, without the letters easily confused with digits.
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// A new identifier: `prefix_` followed by 20 random base32 characters (100 bits).
    static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var id = prefix + "_"
        id.reserveCapacity(prefix.count + 21)
        for _ in 0..<20 {
            id.append(alphabet[Int(generator.next(upperBound: UInt8(32)))])
        }
        return id
    }
}
