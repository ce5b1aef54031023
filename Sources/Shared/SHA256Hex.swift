import Crypto
import Foundation

/// Lower-case hex SHA-256, the content hashes both programs compare.
public enum SHA256Hex {
    public static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func digest(_ text: String) -> String {
        digest(Data(text.utf8))
    }
}
