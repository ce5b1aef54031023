import SQLKit

/// The `idempotency_keys` table: one row per (token, key), claimed before the request runs and
/// completed with its answer, so that two concurrent requests with one key never both run.
///
/// A claim is a row with status 0 and no answer yet. A claim older than `abandonAfter` was left
/// by a daemon that died mid-request and may be taken over; its request may or may not have run,
/// which is what a client retrying after a crash must accept anyway.
struct IdempotencyStore: Sendable {
    /// How long a claim blocks the same key: longer than any admin request runs.
    static let abandonAfter: EpochMillis = 120_000

    /// What the table holds for a key.
    enum Record: Sendable, Equatable {
        /// Another request with this key is running.
        case inProgress(requestHash: String)
        /// The stored answer.
        case completed(requestHash: String, status: Int, body: String)
    }

    /// Claims `key` for a request with `requestHash`; nil when claimed, else what is there.
    /// `organizationID` is the organization the request acts in (its answer goes with it).
    func claim(scope: String, key: String, requestHash: String, organizationID: String?, now: EpochMillis, retention: EpochMillis,
               on db: any SQLDatabase) async throws -> Record? {
        let inserted = try await db.raw("""
            INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at, expires_at, organization_id)
            VALUES (\(bind: scope), \(bind: key), \(bind: requestHash), 0, '', \(bind: now), \(bind: now + retention), \(bind: organizationID))
            ON CONFLICT (scope, key) DO NOTHING
            RETURNING key
            """).first()
        if inserted != nil { return nil }
        // Expired rows and abandoned claims are taken over.
        let taken = try await db.raw("""
            UPDATE idempotency_keys SET request_hash = \(bind: requestHash), status = 0, response_body = '', created_at = \(bind: now),
                   expires_at = \(bind: now + retention), organization_id = \(bind: organizationID)
            WHERE scope = \(bind: scope) AND key = \(bind: key)
              AND (expires_at <= \(bind: now) OR (status = 0 AND created_at <= \(bind: now - Self.abandonAfter)))
            RETURNING key
            """).first()
        if taken != nil { return nil }
        return try await find(scope: scope, key: key, on: db)
    }

    func find(scope: String, key: String, on db: any SQLDatabase) async throws -> Record? {
        guard let row = try await db.raw("""
            SELECT request_hash, status, response_body FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)
            """).first() else { return nil }
        let hash = try row.decode(column: "request_hash", as: String.self)
        let status = try row.decode(column: "status", as: Int.self)
        guard status != 0 else { return .inProgress(requestHash: hash) }
        return .completed(requestHash: hash, status: status, body: try row.decode(column: "response_body", as: String.self))
    }

    /// Stores the answer of the claimed request.
    func complete(scope: String, key: String, status: Int, body: String, on db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE idempotency_keys SET status = \(bind: status), response_body = \(bind: body)
            WHERE scope = \(bind: scope) AND key = \(bind: key) AND status = 0
            """).run()
    }

    /// Gives a claim up (the request failed in a way a retry may fix).
    func release(scope: String, key: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key) AND status = 0").run()
    }
}
