import Crypto
import Foundation
import Synchronization

/// The secret keys of `keys-dir`: one file per key id (mode 0600), the newest current.
///
/// New secrets are sealed with the current key; older keys stay readable until
/// `mcplatformd rotate-key --prune` removes them. The ring re-reads the directory when it meets
/// a key id it does not know, so a key added by `rotate-key` is picked up by a running daemon.
final class KeyRing: Sendable {
    let directory: URL
    private let state: Mutex<[String: SymmetricKey]>

    /// Key files are named `<key id>.key`; ids sort by creation time.
    static let fileExtension = "key"

    private init(directory: URL, keys: [String: SymmetricKey]) {
        self.directory = directory
        self.state = Mutex(keys)
    }

    /// Opens the ring in `directory`, creating the directory (0700) and a first key when there
    /// is none.
    static func openOrCreate(at directory: URL) throws(KeyRingError) -> KeyRing {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusable(directory.path, "cannot create: \(error.localizedDescription)")
        }
        let ring = KeyRing(directory: directory, keys: try readKeys(directory))
        if ring.keyIDs.isEmpty {
            _ = try ring.addKey()
        }
        return ring
    }

    /// Key ids, oldest first.
    var keyIDs: [String] { state.withLock { $0.keys.sorted() } }

    /// The id of the key new secrets are sealed with.
    var currentKeyID: String? { keyIDs.last }

    /// The current key and its id.
    func currentKey() throws(KeyRingError) -> (id: String, key: SymmetricKey) {
        try reloadIfChanged()
        let current: (String, SymmetricKey)? = state.withLock { keys in
            keys.keys.max().flatMap { id in keys[id].map { (id, $0) } }
        }
        guard let current else { throw .noKeys(directory.path) }
        return current
    }

    /// The key with `id`, reading the directory again if it is not known yet.
    func key(id: String) throws(KeyRingError) -> SymmetricKey {
        if let key = state.withLock({ $0[id] }) { return key }
        try reload()
        guard let key = state.withLock({ $0[id] }) else { throw .unknownKey(id) }
        return key
    }

    /// Writes a new random key, which becomes current; returns its id.
    func addKey(now: Date = Date()) throws(KeyRingError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        var id = "k" + formatter.string(from: now) + "-" + String(Identifier.make("x").dropFirst(2).prefix(6))
        // Keep ids strictly increasing even when two keys are made within one second.
        if let last = currentKeyID, id <= last { id = last + "a" }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        let file = directory.appendingPathComponent("\(id).\(Self.fileExtension)")
        guard FileManager.default.createFile(
            atPath: file.path, contents: Data(data.utf8), attributes: [.posixPermissions: 0o600])
        else { throw .unusable(directory.path, "cannot write \(file.lastPathComponent)") }
        state.withLock { $0[id] = key }
        return id
    }

    /// Deletes every key file except the current one.
    func pruneOldKeys() throws(KeyRingError) -> [String] {
        guard let current = currentKeyID else { return [] }
        let old = keyIDs.filter { $0 != current }
        for id in old {
            do {
                try FileManager.default.removeItem(at: directory.appendingPathComponent("\(id).\(Self.fileExtension)"))
            } catch {
                throw .unusable(directory.path, "cannot remove key \(id): \(error.localizedDescription)")
            }
            _ = state.withLock { $0.removeValue(forKey: id) }
        }
        return old
    }

    /// Re-reads the directory.
    func reload() throws(KeyRingError) {
        let keys = try Self.readKeys(directory)
        state.withLock { $0 = keys }
    }

    private func reloadIfChanged() throws(KeyRingError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let ids = Set(names.filter { $0.hasSuffix(".\(Self.fileExtension)") }.map { String($0.dropLast(Self.fileExtension.count + 1)) })
        if ids != Set(keyIDs) { try reload() }
    }

    private static func readKeys(_ directory: URL) throws(KeyRingError) -> [String: SymmetricKey] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unusable(directory.path, "cannot list: \(error.localizedDescription)")
        }
        var keys: [String: SymmetricKey] = [:]
        for name in names where name.hasSuffix(".\(fileExtension)") {
            let id = String(name.dropLast(fileExtension.count + 1))
            let file = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                  let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  bytes.count == 32
            else { throw .unusable(directory.path, "key file \(name) is not a base64 256-bit key") }
            keys[id] = SymmetricKey(data: bytes)
        }
        return keys
    }
}

/// Problems with `keys-dir`.
enum KeyRingError: Error, CustomStringConvertible {
    case unusable(String, String)
    case noKeys(String)
    case unknownKey(String)

    var description: String {
        switch self {
        case .unusable(let path, let why): "keys-dir \(path): \(why)"
        case .noKeys(let path): "keys-dir \(path) holds no key"
        case .unknownKey(let id): "secret sealed with key \(id), which is not in keys-dir (restore it from backup)"
        }
    }
}
