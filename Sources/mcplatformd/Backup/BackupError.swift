/// Why a backup or restore stopped; each case carries the exit status CLI.md gives it.
enum BackupError: Error, CustomStringConvertible, Equatable {
    /// The backup file (or a file it needs) does not exist: exit 3.
    case notFound(String)
    /// The archive or the request is unusable as given (corrupt, truncated, newer schema, wrong
    /// passphrase, a target that is not empty): exit 2; nothing was changed.
    case invalid(String)
    /// Reading or writing failed for a reason outside the archive (disk, permissions, database): exit 1.
    case failed(String)

    var description: String {
        switch self {
        case .notFound(let message), .invalid(let message), .failed(let message): message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .notFound: 3
        case .invalid: 2
        case .failed: 1
        }
    }
}
