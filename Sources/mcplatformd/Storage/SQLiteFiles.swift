#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite database file and its companions (`-wal`, `-shm`, `-journal`) hold every secret
/// hash and sealed secret: they are readable by the daemon's user only (0600), like the keys.
///
/// SQLite creates the WAL and shared-memory files with the database file's permissions, so the
/// database file is created 0600 before SQLite opens it; files an older version left 0644 are
/// tightened.
enum SQLiteFiles {
    static let companions = ["", "-wal", "-shm", "-journal"]

    /// Creates `path` (0600) when it does not exist, and tightens it and its companions to 0600.
    static func prepare(_ path: String) throws(StorageError) {
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError.unavailable("cannot create the SQLite database at \(path) (errno \(errno))") }
        close(descriptor)
        for suffix in companions {
            var status = stat()
            guard stat(path + suffix, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            _ = chmod(path + suffix, 0o600)
        }
    }
}
