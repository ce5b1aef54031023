import Synchronization

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
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return spelled(prefix) { index in index < 10 ? high >> (5 * UInt64(index)) : low >> (5 * UInt64(index - 10)) }
    }

    /// The random part of ordered identifiers: SplitMix64 seeded once from the system's CSPRNG
    /// (unique and unpredictable enough for row keys, and no system call per identifier).
    private static let orderedBits = Mutex(SplitMix64(seed: { var system = SystemRandomNumberGenerator(); return system.next() }()))

    /// A new identifier that sorts by creation time: `prefix_`, ten base32 characters of the
    /// millisecond clock, then ten random ones (50 bits) — the same shape as `make`.
    ///
    /// For rows appended on the hot path (tool calls, tickets, their events): new keys land on
    /// the last page of each primary-key index instead of a random one, so a batch dirties a few
    /// pages rather than one per row. Not for anything whose id must be unguessable.
    static func ordered(_ prefix: String, now: EpochMillis = nowMillis()) -> String {
        let random = orderedBits.withLock { $0.next() }
        let clock = UInt64(max(0, now))
        return spelled(prefix) { index in index < 10 ? clock >> (5 * UInt64(9 - index)) : random >> (5 * UInt64(index - 10)) }
    }

    /// `prefix_` and 20 base32 characters, the low five bits of `bits(i)` giving character i;
    /// written in place (one allocation per id).
    private static func spelled(_ prefix: String, _ bits: (Int) -> UInt64) -> String {
        String(unsafeUninitializedCapacity: prefix.utf8.count + 21) { buffer in
            var at = buffer.initialize(fromContentsOf: prefix.utf8)
            buffer[at] = UInt8(ascii: "_")
            at += 1
            for index in 0..<20 {
                buffer[at] = alphabet[Int(bits(index) & 31)]
                at += 1
            }
            return at
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a fast 64-bit generator whose outputs never repeat
/// within its 2^64 period.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
