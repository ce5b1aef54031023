import Foundation
import Logging
import Shared

/// `mcplatformd backup`: writes one archive holding the database (SQLite), the key ring and a
/// manifest, mode 0600, optionally encrypted.
///
/// The archive is written under a temporary name and renamed into place, so `FILE` either does
/// not exist or is complete. The keys are read right after the database snapshot, so every key
/// a secret in the snapshot is sealed with is in the archive.
struct BackupWriter {
    let configuration: DaemonConfiguration
    let logger: Logger

    /// Writes the archive to `file`; returns its manifest.
    func write(to file: URL, passphrase: [UInt8]?) async throws(BackupError) -> BackupManifest {
        guard !FileManager.default.fileExists(atPath: file.path) else { throw .invalid("\(file.path) already exists; choose a new name") }
        let scratch = try BackupFiles.scratchFolder(beside: file)
        defer { try? FileManager.default.removeItem(at: scratch) }

        var files: [(member: String, path: String)] = []
        let engine: String
        let schemaVersion: Int
        switch configuration.databaseURL.target {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw .notFound("no SQLite database at \(path)") }
            let copy = scratch.appendingPathComponent(BackupManifest.databaseName).path
            try await SQLiteSnapshot.copy(from: path, to: copy, logger: logger)
            schemaVersion = try await SQLiteSnapshot.schemaVersion(of: copy, logger: logger)
            engine = "sqlite"
            files.append((BackupManifest.databaseName, copy))
        case .postgres:
            schemaVersion = try await postgresSchemaVersion()
            engine = "postgres"
        }
        let keys = BackupFiles.keyFiles(in: configuration.keysDir)
        guard !keys.isEmpty else { throw .invalid("no keys in \(configuration.keysDir.path): nothing could unseal the secrets") }
        for name in keys {
            let copy = scratch.appendingPathComponent(name)
            do {
                try FileManager.default.copyItem(at: configuration.keysDir.appendingPathComponent(name), to: copy)
            } catch {
                throw .failed("cannot read key \(name): \(error.localizedDescription)")
            }
            files.append((BackupManifest.keysFolder + name, copy.path))
        }

        var entries: [BackupManifest.File] = []
        for file in files {
            let digest = try BackupFiles.digest(of: file.path)
            entries.append(.init(path: file.member, size: digest.size, sha256: digest.sha256))
        }
        let manifest = BackupManifest(
            createdAt: Date().formatted(.iso8601), mcplatformdVersion: MCPlatformVersion.current, engine: engine,
            schemaVersion: schemaVersion, databaseIncluded: engine == "sqlite", files: entries)

        let partial = scratch.appendingPathComponent("archive")
        let handle = try BackupFiles.createExclusive(partial.path)
        do {
            let sink: any ByteSink = try passphrase.map { bytes throws(BackupError) in try EncryptingSink(output: FileSink(handle), passphrase: bytes) }
                ?? FileSink(handle)
            let tar = TarWriter(sink)
            let manifestBytes = Array((try? BackupManifest.encoder.encode(manifest)) ?? Data())
            try tar.add(name: BackupManifest.name, bytes: manifestBytes)
            for (file, entry) in zip(files, entries) { try tar.add(name: file.member, contentsOf: file.path, size: entry.size) }
            try tar.finish()
            try? handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        guard rename(partial.path, file.path) == 0 else {
            throw .failed("cannot move the backup into place at \(file.path): \(String(cString: strerror(errno)))")
        }
        return manifest
    }

    private func postgresSchemaVersion() async throws(BackupError) -> Int {
        do {
            return try await Database.using(configuration.databaseURL, logger: logger) { database in
                try await database.withConnection { db in
                    try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int?.self) ?? 0
                }
            }
        } catch {
            throw .failed("cannot read the schema version from \(configuration.databaseURL.redacted): \(error)")
        }
    }
}
