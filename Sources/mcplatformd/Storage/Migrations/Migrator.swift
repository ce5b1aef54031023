import Logging
import SQLKit

/// Applies the versioned migrations and reports which are applied.
///
/// Each migration runs in its own transaction and is recorded in `schema_migrations`. On
/// PostgreSQL the whole run holds a session advisory lock, so replicas starting together
/// migrate one after the other (the second finds nothing left to do); on SQLite the single
/// writer connection and `BEGIN IMMEDIATE` serialize it.
struct Migrator: Sendable {
    /// Arbitrary constant naming mcplatform's migration lock among PostgreSQL advisory locks.
    static let advisoryLockKey: Int64 = 0x6D63_706C_6D69_6772

    let database: Database
    let migrations: [Migration]
    let logger: Logger

    init(database: Database, migrations: [Migration] = Migration.all, logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// One line of `migrate status`.
    struct Status: Sendable, Equatable {
        let version: Int
        let name: String
        /// When it was applied, or nil when pending.
        let appliedAt: EpochMillis?
    }

    /// Applies every pending migration; returns the versions it applied (empty when current).
    @discardableResult
    func migrate() async throws -> [Int] {
        let engine = database.engine
        let migrations = self.migrations
        let logger = self.logger
        return try await database.withPinnedConnection { db in
            if engine == .postgres {
                try await db.raw("SELECT pg_advisory_lock(\(bind: Self.advisoryLockKey))").run()
            }
            do {
                try await Self.ensureTable(db)
                let applied = try await Self.appliedVersions(db)
                var done: [Int] = []
                for migration in migrations where !applied.keys.contains(migration.version) {
                    let didApply = try await Database.runTransaction(on: db, engine: engine) { tx in
                        // Another process may have applied it since we looked (SQLite has no
                        // advisory lock; its write lock is taken by BEGIN IMMEDIATE above).
                        guard try await !Self.appliedVersions(tx).keys.contains(migration.version) else { return false }
                        for statement in migration.statements(SchemaDialect(engine: engine)) {
                            try await tx.execute(sql: SQLRaw(statement)) { _ in }
                        }
                        try await tx.raw("""
                            INSERT INTO schema_migrations (version, name, applied_at)
                            VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: nowMillis()))
                            """).run()
                        return true
                    }
                    guard didApply else { continue }
                    logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                    done.append(migration.version)
                }
                if engine == .postgres {
                    try await db.raw("SELECT pg_advisory_unlock(\(bind: Self.advisoryLockKey))").run()
                }
                return done
            } catch {
                if engine == .postgres {
                    try? await db.raw("SELECT pg_advisory_unlock(\(bind: Self.advisoryLockKey))").run()
                }
                throw error
            }
        }
    }

    /// Every known migration with when it was applied, in version order.
    func status() async throws -> [Status] {
        let applied = try await database.withConnection { db in
            try await Self.ensureTable(db)
            return try await Self.appliedVersions(db)
        }
        return migrations.map { Status(version: $0.version, name: $0.name, appliedAt: applied[$0.version]) }
    }

    /// True when every known migration is applied; asks on a fresh connection within `timeout`
    /// (the readiness check), so it fails fast while the database is unreachable.
    func isCurrent(timeout: Duration = .seconds(2)) async throws -> Bool {
        let latest = migrations.map(\.version).max() ?? 0
        let applied = try await withTimeout(timeout) { [database] in
            try await database.withProbeConnection { db -> Int in
                let row = try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()
                guard let row, try !row.decodeNil(column: "v") else { return 0 }
                return try row.decode(column: "v", as: Int.self)
            }
        }
        return applied >= latest
    }

    private static func ensureTable(_ db: any SQLDatabase) async throws {
        try await db.execute(sql: SQLRaw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """)) { _ in }
    }

    private static func appliedVersions(_ db: any SQLDatabase) async throws -> [Int: EpochMillis] {
        let rows = try await db.raw("SELECT version, applied_at FROM schema_migrations").all()
        var applied: [Int: EpochMillis] = [:]
        for row in rows {
            applied[try row.decode(column: "version", as: Int.self)] = try row.decode(column: "applied_at", as: EpochMillis.self)
        }
        return applied
    }
}
