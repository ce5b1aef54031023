/// The POSIX ustar format, as much of it as a backup needs: regular files with short names.
///
/// Plain backups are tar files so that an operator can list and unpack one with `tar` when
/// mcplatformd is not at hand. Sizes that do not fit eleven octal digits (8 GiB and more) use
/// the base-256 form GNU tar reads.
enum TarFormat {
    static let blockSize = 512
    static let maxNameLength = 100
    /// The largest member this reader accepts (1 PiB): bounds the size arithmetic.
    static let maxMemberSize: UInt64 = 1 << 50

    /// The header block of a regular file `name` of `size` bytes, mode 0600.
    static func header(name: String, size: UInt64, modified: Int64) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        put(Array(name.utf8.prefix(maxNameLength)), at: 0, in: &block)
        put(octal(0o600, width: 8), at: 100, in: &block)
        put(octal(0, width: 8), at: 108, in: &block)
        put(octal(0, width: 8), at: 116, in: &block)
        if size < 0o100000000000 {
            put(octal(size, width: 12), at: 124, in: &block)
        } else {
            block[124] = 0x80
            for index in 0..<8 { block[135 - index] = UInt8(truncatingIfNeeded: size >> (8 * UInt64(index))) }
        }
        put(octal(UInt64(clamping: max(0, modified)), width: 12), at: 136, in: &block)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar\0".utf8), at: 257, in: &block)
        put(Array("00".utf8), at: 263, in: &block)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, in: &block)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(UInt64(sum), width: 7) , at: 148, in: &block)
        block[155] = UInt8(ascii: " ")
        return block
    }

    /// A member read from a header block.
    struct Member: Equatable {
        let name: String
        let size: UInt64
    }

    /// Parses a header block: nil for an end-of-archive (all-zero) block.
    static func parse(_ block: [UInt8]) throws(BackupError) -> Member? {
        guard block.count == blockSize else { throw .invalid("the backup is truncated") }
        if block.allSatisfy({ $0 == 0 }) { return nil }
        var unsigned = 0
        for (index, byte) in block.enumerated() { unsigned += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte) }
        guard let stored = parseOctal(block[148..<156]), stored == UInt64(unsigned) else {
            throw .invalid("the backup is corrupt: a tar header's checksum does not match")
        }
        guard block[156] == UInt8(ascii: "0") || block[156] == 0 else {
            throw .invalid("the backup is corrupt: it holds something other than regular files")
        }
        guard block[345..<500].allSatisfy({ $0 == 0 }) else { throw .invalid("the backup is corrupt: unexpected long member name") }
        let nameBytes = block[0..<maxNameLength].prefix { $0 != 0 }
        guard let name = String(validating: nameBytes, as: UTF8.self), !name.isEmpty else {
            throw .invalid("the backup is corrupt: a member has no readable name")
        }
        let size: UInt64
        if block[124] == 0x80 {
            var value: UInt64 = 0
            for byte in block[125..<136] {
                guard value <= maxMemberSize else { break }
                value = value << 8 | UInt64(byte)
            }
            size = value
        } else {
            guard let value = parseOctal(block[124..<136]) else { throw .invalid("the backup is corrupt: a member's size is unreadable") }
            size = value
        }
        guard size <= maxMemberSize else { throw .invalid("the backup is corrupt: a member's size is out of range") }
        return Member(name: name, size: size)
    }

    /// The zero padding after `size` bytes of data.
    static func padding(after size: UInt64) -> Int {
        let remainder = Int(size % UInt64(blockSize))
        return remainder == 0 ? 0 : blockSize - remainder
    }

    /// Two zero blocks end an archive.
    static let end = [UInt8](repeating: 0, count: 2 * blockSize)

    private static func put(_ bytes: [UInt8], at offset: Int, in block: inout [UInt8]) {
        for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
    }

    /// `value` in octal, zero-padded to `width - 1` digits and NUL-terminated.
    private static func octal(_ value: UInt64, width: Int) -> [UInt8] {
        let digits = Array(String(value, radix: 8).utf8)
        return Array(repeating: UInt8(ascii: "0"), count: max(0, width - 1 - digits.count)) + digits + [0]
    }

    /// An octal field (leading spaces, digits, then NUL or space); nil when it holds anything else
    /// or more than 17 digits.
    private static func parseOctal(_ field: ArraySlice<UInt8>) -> UInt64? {
        let trimmed = field.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }
        guard !trimmed.isEmpty, trimmed.count <= 17 else { return nil }
        var value: UInt64 = 0
        for byte in trimmed {
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else { return nil }
            value = value << 3 | UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
