import ArgumentParser
import Foundation

/// `mcplatformd backup FILE`: the database (SQLite) and the key ring in one archive.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a backup of the database and the key ring to FILE (mode 0600).",
        discussion: """
            Safe while the daemon runs and writes. On SQLite the archive holds a consistent \
            snapshot of the database, the key ring and a manifest (schema version, time, \
            checksums); on PostgreSQL it holds the key ring and manifest only, and the database \
            is backed up with pg_dump. The keys unseal every stored secret: keep the archive \
            private, or encrypt it with a passphrase read from standard input. A plain archive is \
            a tar file.

            Examples:
              mcplatformd backup /var/backups/mcplatform-$(date +%F).backup
              echo "$BACKUP_PASSPHRASE" | mcplatformd backup nightly.backup --passphrase-stdin
              mcplatformd backup keys.backup --database-url postgres://mcp@db/mcplatform
            """
    )

    @OptionGroup var options: ConfigOptions
    @Argument(help: "The archive to write; it must not exist yet.") var file: String
    @Flag(help: "Encrypt the archive with a passphrase read from standard input.") var passphraseStdin = false

    func run() async throws {
        let (configuration, logger) = try CommandSupport.prepare(options)
        let passphrase = try passphraseStdin ? readPassphrase() : nil
        let manifest: BackupManifest
        do {
            manifest = try await BackupWriter(configuration: configuration, logger: logger)
                .write(to: URL(fileURLWithPath: file), passphrase: passphrase)
        } catch {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        let keys = manifest.files.filter { $0.path.hasPrefix(BackupManifest.keysFolder) }.count
        let encrypted = passphrase == nil ? "" : ", encrypted"
        if manifest.databaseIncluded {
            let size = manifest.files.first { $0.path == BackupManifest.databaseName }?.size ?? 0
            print("wrote \(file): SQLite database (schema \(manifest.schemaVersion), \(size) bytes) and \(keys) key(s)\(encrypted)")
        } else {
            print("wrote \(file): \(keys) key(s) and the manifest (schema \(manifest.schemaVersion))\(encrypted)")
            printError("""
                note: the archive does not hold the PostgreSQL database; back it up with pg_dump, \
                e.g. pg_dump --format=custom --file mcplatform.dump "$DATABASE_URL"
                """)
        }
    }
}

/// Reads a passphrase from standard input (one line; surrounding newlines dropped).
func readPassphrase() throws -> [UInt8] {
    let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .newlines)
    guard !text.isEmpty else {
        printError("--passphrase-stdin: standard input held no passphrase")
        throw ExitCode(2)
    }
    return Array(text.utf8)
}
