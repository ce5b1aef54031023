import Crypto
import Foundation

/// Password hashing with scrypt (memory-hard) and constant-time verification.
///
/// The stored form records its parameters — `scrypt$<N>$<r>$<p>$<salt>$<hash>` — so the work
/// factor can be raised later without invalidating existing hashes.
struct PasswordHasher: Sendable {
    /// scrypt cost parameter N (a power of two). The default, 2^15 with r = 8, uses 32 MiB and
    /// takes on the order of 100 ms per hash.
    var rounds: Int = 1 << 15
    var blockSize: Int = 8
    var parallelism: Int = 1

    /// Hashes `password` with a fresh random salt.
    func hash(_ password: String) throws -> String {
        let salt = Scrypt.salt()
        let derived = try derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", "\(rounds)", "\(blockSize)", "\(parallelism)",
                Data(salt).base64EncodedString(), Data(derived).base64EncodedString()].joined(separator: "$")
    }

    /// True when `password` matches `stored`; the comparison takes the same time for every
    /// wrong password of the same length of hash.
    func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let rounds = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
              // A stored hash is input too: parameters outside what this hasher writes match nothing.
              Scrypt.isAcceptable(rounds: rounds, blockSize: blockSize, parallelism: parallelism),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              let derived = try? derive(password, salt: Array(salt), rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        return constantTimeEquals(derived, Array(expected))
    }

    private func derive(_ password: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        try Scrypt.derive(Array(password.utf8), salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
            .withUnsafeBytes { Array($0) }
    }
}

/// Compares two byte strings in time that depends only on their lengths.
func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
}
