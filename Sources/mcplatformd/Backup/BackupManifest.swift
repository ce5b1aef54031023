import Foundation

/// `manifest.json`, the first member of every backup: what it holds and how to check it.
struct BackupManifest: Codable, Equatable {
    /// One file of the backup with its size and SHA-256.
    struct File: Codable, Equatable {
        var path: String
        var size: UInt64
        var sha256: String
    }

    static let formatName = "mcplatform-backup"
    static let currentFormatVersion = 1
    static let name = "manifest.json"
    /// The SQLite database's member name.
    static let databaseName = "database.sqlite"
    /// Key files are stored as `keys/<key id>.key`.
    static let keysFolder = "keys/"

    var format = formatName
    var formatVersion = currentFormatVersion
    var createdAt: String
    var mcplatformdVersion: String
    /// `sqlite` or `postgres`.
    var engine: String
    /// The highest migration applied to the database that was backed up.
    var schemaVersion: Int
    /// False for PostgreSQL, whose database is backed up with `pg_dump`.
    var databaseIncluded: Bool
    var files: [File]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static func decode(_ bytes: [UInt8]) throws(BackupError) -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let manifest = try? decoder.decode(BackupManifest.self, from: Data(bytes)), manifest.format == formatName else {
            throw .invalid("the backup is corrupt: its manifest is unreadable")
        }
        guard manifest.formatVersion <= currentFormatVersion else {
            throw .invalid("the backup was written by a newer mcplatformd (format \(manifest.formatVersion)); upgrade to restore it")
        }
        for file in manifest.files where !isAllowed(file.path) {
            throw .invalid("the backup is corrupt: unexpected member \(file.path)")
        }
        return manifest
    }

    /// Member names a backup may hold: nothing that could climb out of the folder it is unpacked in.
    static func isAllowed(_ path: String) -> Bool {
        if path == databaseName { return true }
        guard path.hasPrefix(keysFolder), path.hasSuffix(".\(KeyRing.fileExtension)") else { return false }
        let id = path.dropFirst(keysFolder.count).dropLast(KeyRing.fileExtension.count + 1)
        return !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
