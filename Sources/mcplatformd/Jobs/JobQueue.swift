import Foundation
import SQLKit

/// The durable job queue in the database (docs/ARCHITECTURE.md).
///
/// Jobs are enqueued in the caller's transaction when they should exist only if the caller's
/// writes commit. Workers claim due jobs with a lease: on PostgreSQL with
/// `FOR UPDATE SKIP LOCKED`, so any number of replicas work the queue without running a job
/// twice; on SQLite only the holder of the `jobs` worker lease claims. A job whose lease expired
/// (its worker died) is claimed again.
struct JobQueue: Sendable {
    let database: Database
    var retry: RetryPolicy = RetryPolicy()
    /// Signalled when a job is enqueued through this queue, so a local worker starts at once.
    let wakeup: WakeupSignal

    init(database: Database, retry: RetryPolicy = RetryPolicy(), wakeup: WakeupSignal = WakeupSignal()) {
        self.database = database
        self.retry = retry
        self.wakeup = wakeup
    }

    static let layout = TableLayout("jobs", ["id", "kind", "payload", "organization_id", "state", "run_at", "attempts", "max_attempts",
                                             "dedupe_key", "created_at", "updated_at"])

    /// The row of a new job due now, for a writer that inserts it with other rows (its id is
    /// new, so it needs no dedupe check); signal `wakeup` once it has committed.
    func row(kind: String, payload: String, organizationID: String?, maxAttempts: Int, dedupeKey: String? = nil, now: EpochMillis) -> [ColumnValue] {
        [.text(Identifier.make("job")), .text(kind), .text(payload), ColumnValue(organizationID), .text("pending"), .integer(now), .integer(0),
         .integer(Int64(maxAttempts)), ColumnValue(dedupeKey), .integer(now), .integer(now)]
    }

    /// Enqueues a job; with a `dedupeKey` already present, does nothing and returns nil.
    @discardableResult
    func enqueue(
        kind: String, payload: String = "{}", organizationID: String? = nil, runAt: EpochMillis? = nil,
        maxAttempts: Int? = nil, dedupeKey: String? = nil, on db: (any SQLDatabase)? = nil
    ) async throws -> String? {
        let id = Identifier.make("job")
        let now = nowMillis()
        let insert: @Sendable (any SQLDatabase) async throws -> String? = { db in
            let rows = try await db.raw("""
                INSERT INTO jobs (id, kind, payload, organization_id, state, run_at, attempts, max_attempts,
                                  dedupe_key, created_at, updated_at)
                VALUES (\(bind: id), \(bind: kind), \(bind: payload), \(bind: organizationID), 'pending',
                        \(bind: runAt ?? now), 0, \(bind: maxAttempts ?? retry.maxAttempts), \(bind: dedupeKey),
                        \(bind: now), \(bind: now))
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id
                """).all()
            return rows.isEmpty ? nil : id
        }
        let result = if let db { try await insert(db) } else { try await database.withConnection(insert) }
        if result != nil { wakeup.signal() }
        return result
    }

    /// Claims up to `limit` due jobs for `owner`, leasing them for `lease`.
    func claim(owner: String, limit: Int, lease: Duration) async throws -> [Job] {
        guard limit > 0 else { return [] }
        let now = nowMillis()
        let lock = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { db in
            let rows = try await db.raw("""
                UPDATE jobs SET state = 'running', lease_owner = \(bind: owner),
                    lease_expires_at = \(bind: now + lease.milliseconds), attempts = attempts + 1, updated_at = \(bind: now)
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE (state = 'pending' AND run_at <= \(bind: now))
                       OR (state = 'running' AND lease_expires_at < \(bind: now))
                    ORDER BY run_at, id LIMIT \(bind: limit)\(unsafeRaw: lock)
                )
                RETURNING id, kind, payload, organization_id, attempts, max_attempts
                """).all()
            return try rows.map { row in
                Job(id: try row.decode(column: "id", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    organizationID: try row.decode(column: "organization_id", as: String?.self),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
            }
        }
    }

    /// Extends the lease of a running job held by `owner`.
    func renew(_ job: Job, owner: String, lease: Duration) async throws {
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE jobs SET lease_expires_at = \(bind: nowMillis() + lease.milliseconds)
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner) AND state = 'running'
                """).run()
        }
    }

    /// Marks a job done.
    func complete(_ job: Job, owner: String) async throws {
        let now = nowMillis()
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE jobs SET state = 'done', finished_at = \(bind: now), updated_at = \(bind: now),
                    lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner)
                """).run()
        }
    }

    /// Records a failed attempt: retried after a growing delay (the kind's `policy`, else the
    /// queue's), or dead when out of attempts.
    func fail(_ job: Job, owner: String, error: String, retry policy: RetryPolicy? = nil) async throws {
        let now = nowMillis()
        let dead = job.attempts >= job.maxAttempts
        let runAt = now + (policy ?? retry).delay(afterAttempt: job.attempts).milliseconds
        let message = String(error.prefix(2000))
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE jobs SET state = \(bind: dead ? "dead" : "pending"), run_at = \(bind: dead ? now : runAt),
                    last_error = \(bind: message), updated_at = \(bind: now), finished_at = \(bind: dead ? now : nil),
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner)
                """).run()
        }
    }

    /// Puts a job back to wait until `runAt` without counting the attempt (a rate limit said
    /// "not yet"; nothing failed).
    func postpone(_ job: Job, owner: String, until runAt: EpochMillis) async throws {
        let now = nowMillis()
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE jobs SET state = 'pending', run_at = \(bind: max(runAt, now)), attempts = attempts - 1, updated_at = \(bind: now),
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner)
                """).run()
        }
    }

    /// Puts a dead job back in the queue for a fresh set of attempts.
    func retryDead(id: String) async throws -> Bool {
        let now = nowMillis()
        return try await database.withConnection { db in
            let rows = try await db.raw("""
                UPDATE jobs SET state = 'pending', attempts = 0, run_at = \(bind: now), updated_at = \(bind: now),
                    finished_at = NULL
                WHERE id = \(bind: id) AND state = 'dead'
                RETURNING id
                """).all()
            return !rows.isEmpty
        }
    }

    /// Jobs, newest first, optionally of one organization, state and/or kind.
    func list(organizationID: String? = nil, allOrganizations: Bool, state: JobState? = nil, kind: String? = nil,
              before cursor: (createdAt: EpochMillis, id: String)? = nil, limit: Int = 100) async throws -> [JobRecord] {
        try await database.withConnection { db in
            let query = db.select()
                .columns("id", "kind", "organization_id", "state", "attempts", "max_attempts", "run_at",
                         "last_error", "created_at", "finished_at")
                .from("jobs")
            if !allOrganizations { query.where("organization_id", .equal, organizationID) }
            if let state { query.where("state", .equal, state.rawValue) }
            if let kind { query.where("kind", .equal, kind) }
            if let cursor {
                query.where(group: { group in
                    group.where("created_at", .lessThan, cursor.createdAt)
                        .orWhere(group: { $0.where("created_at", .equal, cursor.createdAt).where("id", .lessThan, cursor.id) })
                })
            }
            let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all()
            return try rows.map(Self.record)
        }
    }

    /// One job by id.
    func find(id: String) async throws -> JobRecord? {
        try await database.withConnection { db in
            try await db.select().columns("id", "kind", "organization_id", "state", "attempts", "max_attempts",
                                          "run_at", "last_error", "created_at", "finished_at")
                .from("jobs").where("id", .equal, id).first().map(Self.record)
        }
    }

    private static func record(_ row: any SQLRow) throws -> JobRecord {
        JobRecord(
            id: try row.decode(column: "id", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String?.self),
            state: JobState(rawValue: try row.decode(column: "state", as: String.self)) ?? .dead,
            attempts: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
            runAt: try row.decode(column: "run_at", as: EpochMillis.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: EpochMillis.self),
            finishedAt: try row.decode(column: "finished_at", as: EpochMillis?.self))
    }
}
