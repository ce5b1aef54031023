import Crypto
import Foundation

/// Lower-case hex SHA-256, the content hashes both programs compare.
public enum SHA256Hex {
    public static func digest(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    public static func digest(_ text: String) -> String {
        digest(Data(text.utf8))
    }
}

/// Lower-case hex of bytes (digests, MACs), without `String(format:)` per byte.
public enum Hex {
    @usableFromInline static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    @inlinable
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
