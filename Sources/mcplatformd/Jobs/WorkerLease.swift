import SQLKit

/// Elects the single job worker on SQLite, where rows cannot be claimed with `SKIP LOCKED`.
///
/// The lease is a row in `worker_leases`; its holder renews it on every poll and another
/// process takes it over only after it expired. On PostgreSQL every worker claims with
/// `SKIP LOCKED`, so every worker "holds" it.
struct WorkerLease: Sendable {
    let database: Database
    let name: String
    let owner: String
    let duration: Duration

    /// Takes or renews the lease; true when this worker holds it.
    func holds() async throws -> Bool {
        guard database.engine == .sqlite else { return true }
        let now = nowMillis()
        return try await database.withConnection { db in
            try await db.raw("""
                INSERT INTO worker_leases (name, owner, expires_at)
                VALUES (\(bind: name), \(bind: owner), \(bind: now + duration.milliseconds))
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE worker_leases.owner = excluded.owner OR worker_leases.expires_at < \(bind: now)
                """).run()
            let row = try await db.raw("SELECT owner FROM worker_leases WHERE name = \(bind: name)").first()
            return try row?.decode(column: "owner", as: String.self) == owner
        }
    }

    /// Gives the lease up so another process can take over at once.
    func release() async throws {
        guard database.engine == .sqlite else { return }
        try await database.withConnection { db in
            try await db.raw("DELETE FROM worker_leases WHERE name = \(bind: name) AND owner = \(bind: owner)").run()
        }
    }
}
