import ArgumentParser
import Foundation

/// `mcplatformd restore FILE`: a backup back into a data directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup written by mcplatformd backup into a data directory.",
        discussion: """
            Stop the daemon that uses the target first. The archive is checked completely \
            (checksums, schema version) before anything is put in place, and the restored \
            database is migrated forward when it is older than this program. A target that \
            already holds a database or keys is refused unless --force is given. A PostgreSQL \
            backup restores the key ring only: restore its database with pg_restore.

            Examples:
              mcplatformd restore nightly.backup --data-dir /var/lib/mcplatform-restored
              echo "$BACKUP_PASSPHRASE" | mcplatformd restore nightly.backup --data-dir /srv/mcp --passphrase-stdin
              mcplatformd restore nightly.backup --force
            """
    )

    @OptionGroup var options: ConfigOptions
    @Argument(help: "The archive to restore.") var file: String
    @Flag(help: "Read the archive's passphrase from standard input.") var passphraseStdin = false
    @Flag(help: "Replace the database and keys the target already holds.") var force = false

    func run() async throws {
        let (configuration, logger) = try CommandSupport.prepare(options)
        let passphrase = try passphraseStdin ? readPassphrase() : nil
        let outcome: BackupRestorer.Outcome
        do {
            outcome = try await BackupRestorer(configuration: configuration, logger: logger)
                .restore(from: URL(fileURLWithPath: file), passphrase: passphrase, force: force)
        } catch {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        let manifest = outcome.manifest
        let keys = manifest.files.filter { $0.path.hasPrefix(BackupManifest.keysFolder) }.count
        print("restored \(keys) key(s) into \(configuration.keysDir.path)")
        if manifest.databaseIncluded {
            let migrated = outcome.migrated.isEmpty ? "" : ", then migrated to \(outcome.migrated.max() ?? manifest.schemaVersion)"
            print("restored the SQLite database (schema \(manifest.schemaVersion)\(migrated)) to \(configuration.databaseURL.redacted)")
        } else {
            printError("note: this backup holds no database (it was taken on PostgreSQL): restore the database with pg_restore")
        }
    }
}
