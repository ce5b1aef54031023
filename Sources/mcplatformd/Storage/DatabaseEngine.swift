/// The two database engines the daemon runs on.
///
/// SQLite is the embedded, zero-config default; PostgreSQL is the production engine that lets
/// several replicas share one database. Code branches on the engine only where the SQL dialects
/// differ (row locking, advisory locks, full-text search).
enum DatabaseEngine: String, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }
}
