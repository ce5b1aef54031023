import Logging
import SQLiteNIO

/// A consistent copy of a live SQLite database, and the schema version of a database file.
///
/// `VACUUM INTO` reads one snapshot (a WAL reader never blocks the daemon's writer, nor is
/// blocked by it) and writes a compact copy, on SQLite's own connection of the bundled library.
enum SQLiteSnapshot {
    static func copy(from source: String, to destination: String, logger: Logger) async throws(BackupError) {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: source), logger: logger)
        } catch {
            throw .failed("cannot open the SQLite database at \(source): \(error)")
        }
        do {
            _ = try await connection.query("PRAGMA busy_timeout = 10000")
            _ = try await connection.query("VACUUM INTO ?", [.text(destination)])
            try await connection.close()
        } catch {
            try? await connection.close()
            throw .failed("cannot copy the SQLite database at \(source): \(error)")
        }
    }

    /// The highest migration recorded in the SQLite file at `path` (0 when none is).
    static func schemaVersion(of path: String, logger: Logger) async throws(BackupError) -> Int {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw .invalid("the backup is corrupt: its database cannot be opened (\(error))")
        }
        do {
            let table = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            let version = table.isEmpty ? 0 : try await connection.query("SELECT MAX(version) AS v FROM schema_migrations").first?.column("v")?.integer ?? 0
            try await connection.close()
            return version
        } catch {
            try? await connection.close()
            throw .invalid("the backup is corrupt: its database cannot be read (\(error))")
        }
    }
}
