import Crypto
import Foundation
import Shared
import Logging

/// `mcplatformd restore`: checks an archive completely (checksums, schema version) before it
/// puts anything in place, then migrates the restored database forward.
///
/// Nothing in the target changes when the archive is refused: the files are unpacked into a
/// scratch folder and moved into place only after every check passed.
struct BackupRestorer {
    let configuration: DaemonConfiguration
    let logger: Logger

    /// What a restore did.
    struct Outcome {
        let manifest: BackupManifest
        /// Migrations applied after the restore (the backup was older than this program).
        let migrated: [Int]
    }

    func restore(from file: URL, passphrase: [UInt8]?, force: Bool) async throws(BackupError) -> Outcome {
        guard FileManager.default.fileExists(atPath: file.path) else { throw .notFound("no backup at \(file.path)") }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw .failed("cannot read \(file.path)") }
        defer { try? handle.close() }
        let tar = TarReader(try Self.open(handle, passphrase: passphrase))

        guard let first = try tar.next(), first.name == BackupManifest.name, first.size <= 1 << 20 else {
            throw .invalid("the backup is corrupt: it does not start with a manifest")
        }
        var manifestBytes: [UInt8] = []
        try tar.readData(of: first) { manifestBytes += $0 }
        let manifest = try BackupManifest.decode(manifestBytes)
        let latest = Migration.all.map(\.version).max() ?? 0
        guard manifest.schemaVersion <= latest else {
            throw .invalid("the backup is from a newer schema (\(manifest.schemaVersion); this mcplatformd knows \(latest)): upgrade mcplatformd to restore it")
        }
        let databasePath = try targetDatabasePath(for: manifest)
        try checkTargetIsEmpty(databasePath: databasePath, force: force)

        let createdDataDir = !FileManager.default.fileExists(atPath: configuration.dataDir.path)
        do {
            try DataDirectory.prepare(configuration.dataDir)
        } catch {
            throw .failed(error.message)
        }
        let scratch = try BackupFiles.scratchFolder(beside: configuration.dataDir.appendingPathComponent("restore"))
        defer { try? FileManager.default.removeItem(at: scratch) }
        do throws(BackupError) {
            try unpack(tar, manifest: manifest, into: scratch)
            if manifest.databaseIncluded {
                let restored = try await SQLiteSnapshot.schemaVersion(of: scratch.appendingPathComponent(BackupManifest.databaseName).path, logger: logger)
                guard restored == manifest.schemaVersion else { throw BackupError.invalid("the backup is corrupt: its database does not match its manifest") }
            }
        } catch {
            if createdDataDir { try? FileManager.default.removeItem(at: configuration.dataDir) }
            throw error
        }
        try place(scratch, manifest: manifest, databasePath: databasePath, force: force)
        return Outcome(manifest: manifest, migrated: try await migrate(databaseIncluded: manifest.databaseIncluded))
    }

    /// The archive's plain tar stream: decrypted when it starts with the encrypted form's magic line.
    private static func open(_ handle: FileHandle, passphrase: [UInt8]?) throws(BackupError) -> any ByteSource {
        let source = FileSource(handle)
        let prefix = try source.read(upTo: BackupCipher.magic.count)
        if prefix == BackupCipher.magic {
            guard let passphrase else { throw .invalid("the backup is encrypted: pass its passphrase with --passphrase-stdin") }
            return try DecryptingSource(input: source, passphrase: passphrase)
        }
        do { try handle.seek(toOffset: 0) } catch { throw .failed("cannot read the backup: \(error.localizedDescription)") }
        return source
    }

    private func targetDatabasePath(for manifest: BackupManifest) throws(BackupError) -> String? {
        switch (configuration.databaseURL.target, manifest.databaseIncluded) {
        case (.sqlite(let path), true): return path
        case (.postgres, true):
            throw .invalid("the backup holds an SQLite database: restore it into an SQLite data directory, then move it with copy-db")
        case (_, false): return nil
        }
    }

    private func checkTargetIsEmpty(databasePath: String?, force: Bool) throws(BackupError) {
        guard !force else { return }
        let manager = FileManager.default
        let dataDirEntries = (try? manager.contentsOfDirectory(atPath: configuration.dataDir.path)) ?? []
        if !dataDirEntries.isEmpty, databasePath != nil {
            throw .invalid("\(configuration.dataDir.path) is not empty: restore into an empty directory, or pass --force to replace what it holds")
        }
        if let databasePath, manager.fileExists(atPath: databasePath) {
            throw .invalid("\(databasePath) exists: pass --force to replace it")
        }
        if !BackupFiles.keyFiles(in: configuration.keysDir).isEmpty {
            throw .invalid("\(configuration.keysDir.path) already holds keys: pass --force to replace them")
        }
    }

    /// Unpacks every member into `scratch`, checking each against the manifest.
    private func unpack(_ tar: TarReader, manifest: BackupManifest, into scratch: URL) throws(BackupError) {
        let expected = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        do {
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent("keys"), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("cannot create \(scratch.path)/keys: \(error.localizedDescription)")
        }
        while let member = try tar.next() {
            guard let entry = expected[member.name], !seen.contains(member.name) else {
                throw .invalid("the backup is corrupt: unexpected member \(member.name)")
            }
            guard member.size == entry.size else { throw .invalid("the backup is corrupt: \(member.name) has the wrong size") }
            seen.insert(member.name)
            let output = try BackupFiles.createExclusive(scratch.appendingPathComponent(member.name).path)
            defer { try? output.close() }
            var hasher = SHA256()
            try tar.readData(of: member) { (chunk: [UInt8]) throws(BackupError) in
                hasher.update(data: chunk)
                do { try output.write(contentsOf: chunk) } catch { throw .failed("cannot write \(member.name): \(error.localizedDescription)") }
            }
            guard Hex.lowercase(hasher.finalize()) == entry.sha256 else {
                throw .invalid("the backup is corrupt: the checksum of \(member.name) does not match")
            }
        }
        if let missing = manifest.files.first(where: { !seen.contains($0.path) }) {
            throw .invalid("the backup is truncated: \(missing.path) is missing")
        }
    }

    private func place(_ scratch: URL, manifest: BackupManifest, databasePath: String?, force: Bool) throws(BackupError) {
        let manager = FileManager.default
        do {
            if force {
                if let databasePath { for suffix in SQLiteFiles.companions { try? manager.removeItem(atPath: databasePath + suffix) } }
                for name in BackupFiles.keyFiles(in: configuration.keysDir) {
                    try manager.removeItem(at: configuration.keysDir.appendingPathComponent(name))
                }
            }
            try manager.createDirectory(at: configuration.keysDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for file in manifest.files {
                let source = scratch.appendingPathComponent(file.path)
                if file.path == BackupManifest.databaseName, let databasePath {
                    try manager.moveItem(atPath: source.path, toPath: databasePath)
                } else {
                    try manager.moveItem(at: source, to: configuration.keysDir.appendingPathComponent(String(file.path.dropFirst(BackupManifest.keysFolder.count))))
                }
            }
        } catch {
            throw .failed("cannot put the restored files in place: \(error.localizedDescription)")
        }
    }

    private func migrate(databaseIncluded: Bool) async throws(BackupError) -> [Int] {
        guard databaseIncluded else { return [] }
        do {
            return try await Database.using(configuration.databaseURL, logger: logger) { try await Migrator(database: $0, logger: logger).migrate() }
        } catch {
            throw .failed("the files are restored, but migrating the database failed: \(error)")
        }
    }
}
