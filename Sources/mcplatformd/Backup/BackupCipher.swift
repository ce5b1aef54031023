import Crypto
import Foundation

/// The encrypted form of a backup: the plain archive sealed with AES-256-GCM in frames, under a
/// key derived from a passphrase with scrypt.
///
/// Layout: the line `MCPLATFORM-BACKUP-ENCRYPTED-1`, one JSON line with the scrypt parameters
/// and salt, then frames of `[final flag: 1 byte][length: 4 bytes, big-endian][ciphertext+tag]`.
/// A frame's nonce is its index with the final flag, and every frame authenticates the two header
/// lines, so a frame that is changed, moved, dropped or added after the last fails to open, and
/// an archive cut short lacks its final frame.
enum BackupCipher {
    static let magic = Array("MCPLATFORM-BACKUP-ENCRYPTED-1\n".utf8)
    /// Plaintext bytes per frame.
    static let frameSize = 1 << 20

    /// scrypt parameters and salt, stored in the header.
    struct Parameters: Codable, Equatable {
        var kdf = "scrypt"
        var n: Int
        var r: Int
        var p: Int
        var salt: String

        static func fresh() -> Parameters {
            Parameters(n: 1 << 15, r: 8, p: 1, salt: Data(Scrypt.salt()).base64EncodedString())
        }

        /// The key for `passphrase`; parameters outside what this program writes are refused
        /// (they come from the file, and bound the memory scrypt takes).
        func key(passphrase: [UInt8]) throws(BackupError) -> SymmetricKey {
            guard kdf == "scrypt", Scrypt.isAcceptable(rounds: n, blockSize: r, parallelism: p),
                  let saltBytes = Data(base64Encoded: salt), (8...64).contains(saltBytes.count)
            else { throw .invalid("the backup is corrupt: its encryption header is not one this version writes") }
            do {
                return try Scrypt.derive(passphrase, salt: Array(saltBytes), rounds: n, blockSize: r, parallelism: p)
            } catch {
                throw .failed("cannot derive the backup key: \(error)")
            }
        }
    }

    static func nonce(index: UInt64, final: Bool) -> AES.GCM.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for shift in 0..<8 { bytes[10 - shift] = UInt8(truncatingIfNeeded: index >> (8 * UInt64(shift))) }
        bytes[11] = final ? 1 : 0
        // Twelve bytes is always a valid GCM nonce.
        return (try? AES.GCM.Nonce(data: bytes)) ?? AES.GCM.Nonce()
    }
}

/// Encrypts everything written to it into `output`.
final class EncryptingSink: ByteSink {
    private let output: any ByteSink
    private let key: SymmetricKey
    private let header: [UInt8]
    private var buffer: [UInt8] = []
    private var index: UInt64 = 0

    init(output: any ByteSink, passphrase: [UInt8]) throws(BackupError) {
        let parameters = BackupCipher.Parameters.fresh()
        key = try parameters.key(passphrase: passphrase)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let line = (try? encoder.encode(parameters)).map(Array.init) ?? []
        header = BackupCipher.magic + line + [UInt8(ascii: "\n")]
        self.output = output
        try output.write(header)
    }

    func write(_ bytes: [UInt8]) throws(BackupError) {
        buffer += bytes
        while buffer.count > BackupCipher.frameSize {
            try emit(Array(buffer.prefix(BackupCipher.frameSize)), final: false)
            buffer.removeFirst(BackupCipher.frameSize)
        }
    }

    func finish() throws(BackupError) {
        try emit(buffer, final: true)
        buffer = []
        try output.finish()
    }

    private func emit(_ plaintext: [UInt8], final: Bool) throws(BackupError) {
        let sealed: AES.GCM.SealedBox
        do {
            sealed = try AES.GCM.seal(plaintext, using: key, nonce: BackupCipher.nonce(index: index, final: final), authenticating: header)
        } catch {
            throw .failed("cannot encrypt the backup: \(error)")
        }
        index += 1
        let body = Array(sealed.ciphertext) + Array(sealed.tag)
        let length = UInt32(body.count)
        try output.write([final ? 1 : 0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + body)
    }
}

/// Decrypts an encrypted archive read from `input` (positioned after the magic line).
final class DecryptingSource: ByteSource {
    private let input: any ByteSource
    private let key: SymmetricKey
    private let header: [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var index: UInt64 = 0
    private var ended = false

    init(input: any ByteSource, passphrase: [UInt8]) throws(BackupError) {
        var line: [UInt8] = []
        while line.last != UInt8(ascii: "\n") {
            guard line.count < 1024 else { throw .invalid("the backup is corrupt: its encryption header is unreadable") }
            line += try input.readExactly(1)
        }
        guard let parameters = try? JSONDecoder().decode(BackupCipher.Parameters.self, from: Data(line)) else {
            throw .invalid("the backup is corrupt: its encryption header is unreadable")
        }
        key = try parameters.key(passphrase: passphrase)
        header = BackupCipher.magic + line
        self.input = input
    }

    func read(upTo count: Int) throws(BackupError) -> [UInt8] {
        while position == buffer.count && !ended { try nextFrame() }
        let end = min(buffer.count, position + count)
        defer { position = end }
        return Array(buffer[position..<end])
    }

    private func nextFrame() throws(BackupError) {
        let prefix = try input.readExactly(5)
        guard prefix[0] <= 1 else { throw .invalid("the backup is corrupt: a frame is damaged") }
        let final = prefix[0] == 1
        let length = Int(prefix[1]) << 24 | Int(prefix[2]) << 16 | Int(prefix[3]) << 8 | Int(prefix[4])
        guard (16...BackupCipher.frameSize + 16).contains(length) else { throw .invalid("the backup is corrupt: a frame is damaged") }
        let body = try input.readExactly(length)
        do {
            let box = try AES.GCM.SealedBox(nonce: BackupCipher.nonce(index: index, final: final),
                                            ciphertext: body.dropLast(16), tag: body.suffix(16))
            buffer = Array(try AES.GCM.open(box, using: key, authenticating: header))
            position = 0
        } catch {
            throw .invalid(index == 0 ? "wrong passphrase, or the backup is corrupt" : "the backup is corrupt: a frame does not authenticate")
        }
        index += 1
        if final {
            ended = true
            guard try input.read(upTo: 1).isEmpty else { throw .invalid("the backup is corrupt: data follows its last frame") }
        }
    }
}
