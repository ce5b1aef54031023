/// SQLite's `synchronous` setting in WAL mode: how durable an answered write is.
enum SQLiteSynchronous: String, Sendable, CaseIterable {
    /// Every commit is synced to disk before it is answered: it survives power loss.
    case full
    /// Commits are synced at checkpoints: an answered write survives a crash of the process,
    /// but the last ones may be lost if the machine loses power.
    case normal

    var pragma: String { "PRAGMA synchronous = \(rawValue.uppercased())" }
}
