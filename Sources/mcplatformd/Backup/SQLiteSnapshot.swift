import Logging

/// A consistent copy of a live SQLite database, and the schema version of a database file.
///
/// `VACUUM INTO` reads one snapshot (a WAL reader never blocks the daemon's writer, nor is
/// blocked by it) and writes a compact copy, on a connection of its own.
enum SQLiteSnapshot {
    static func copy(from source: String, to destination: String, logger: Logger) async throws(BackupError) {
        let connection: SQLiteDirect
        do {
            connection = try SQLiteDirect(path: source, pragmas: ["PRAGMA busy_timeout = 10000"])
        } catch {
            throw .failed("cannot open the SQLite database at \(source): \(error)")
        }
        defer { connection.close() }
        do {
            _ = try await connection.query("VACUUM INTO ?", [.text(destination)])
        } catch {
            throw .failed("cannot copy the SQLite database at \(source): \(error)")
        }
    }

    /// The highest migration recorded in the SQLite file at `path` (0 when none is).
    static func schemaVersion(of path: String, logger: Logger) async throws(BackupError) -> Int {
        let connection: SQLiteDirect
        do {
            connection = try SQLiteDirect(path: path, pragmas: [])
        } catch {
            throw .invalid("the backup is corrupt: its database cannot be opened (\(error))")
        }
        defer { connection.close() }
        do {
            let table = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", [])
            guard !table.isEmpty else { return 0 }
            return try await connection.query("SELECT MAX(version) AS v FROM schema_migrations", []).first?.decode(column: "v", as: Int?.self) ?? 0
        } catch {
            throw .invalid("the backup is corrupt: its database cannot be read (\(error))")
        }
    }
}
