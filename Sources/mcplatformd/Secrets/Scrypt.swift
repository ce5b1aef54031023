import Crypto
import _CryptoExtras

/// scrypt as the daemon uses it: for password hashes and for backup passphrases.
enum Scrypt {
    /// Parameters this program writes. Stored ones are input too: anything outside these bounds
    /// (which also keep the memory bound below from overflowing) is refused before use.
    static func isAcceptable(rounds: Int, blockSize: Int, parallelism: Int) -> Bool {
        (1 << 10 ... 1 << 20).contains(rounds) && rounds.nonzeroBitCount == 1 && (1...32).contains(blockSize) && (1...16).contains(parallelism)
    }

    /// 32 bytes derived from `secret` and `salt`.
    static func derive(_ secret: [UInt8], salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: secret, salt: salt, outputByteCount: 32, rounds: rounds, blockSize: blockSize, parallelism: parallelism,
                                 maxMemory: 128 * rounds * blockSize * parallelism + 1 << 20)
    }

    /// A fresh random salt.
    static func salt(count: Int = 16) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }
}
