import SQLKit

/// End users in the database. Every query names the organization: end users are scoped to
/// one organization and never shared (docs/ARCHITECTURE.md).
struct EndUserStore: Sendable {
    /// The end user holding `trackingID` in `organizationID`.
    func find(trackingID: String, organizationID: String, on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("end_user_id").from("end_user_tracking_ids")
            .where("organization_id", .equal, organizationID).where("tracking_id", .equal, trackingID)
            .first()?.decode(column: "end_user_id", as: String.self)
    }

    /// The end user holding `trackingID`, created with it when there is none. Two replicas racing
    /// to create it agree on one: the tracking id's primary key decides, the loser's row goes.
    func findOrCreate(trackingID: String, organizationID: String, now: EpochMillis, gate: CreationGate? = nil,
                      on db: any SQLDatabase) async throws -> String {
        if let existing = try await find(trackingID: trackingID, organizationID: organizationID, on: db) { return existing }
        try await gate?.admit()
        let id = try await createAnonymous(organizationID: organizationID, now: now, on: db)
        try await db.raw("""
            INSERT INTO end_user_tracking_ids (organization_id, tracking_id, end_user_id, created_at)
            VALUES (\(bind: organizationID), \(bind: trackingID), \(bind: id), \(bind: now))
            ON CONFLICT (organization_id, tracking_id) DO NOTHING
            """).run()
        let owner = try await find(trackingID: trackingID, organizationID: organizationID, on: db) ?? id
        if owner != id {
            try await db.delete(from: "end_users").where("id", .equal, id).run()
        }
        return owner
    }

    /// Gives `endUserID` the tracking id when no end user of the organization holds it; returns its holder.
    func attach(trackingID: String, to endUserID: String, organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws -> String {
        try await db.raw("""
            INSERT INTO end_user_tracking_ids (organization_id, tracking_id, end_user_id, created_at)
            VALUES (\(bind: organizationID), \(bind: trackingID), \(bind: endUserID), \(bind: now))
            ON CONFLICT (organization_id, tracking_id) DO NOTHING
            """).run()
        return try await find(trackingID: trackingID, organizationID: organizationID, on: db) ?? endUserID
    }

    /// The anonymous visitor keyed by `visitorKey` (stateless era), created when new.
    func findOrCreate(visitorKey: String, organizationID: String, now: EpochMillis, gate: CreationGate? = nil,
                      on db: any SQLDatabase) async throws -> String {
        let select = { () async throws -> String? in
            try await db.select().column("id").from("end_users")
                .where("organization_id", .equal, organizationID).where("visitor_key", .equal, visitorKey)
                .first()?.decode(column: "id", as: String.self)
        }
        if let existing = try await select() { return existing }
        try await gate?.admit()
        try await db.raw("""
            INSERT INTO end_users (id, organization_id, visitor_key, first_seen_at, last_seen_at)
            VALUES (\(bind: Identifier.make("eu")), \(bind: organizationID), \(bind: visitorKey), \(bind: now), \(bind: now))
            ON CONFLICT (organization_id, visitor_key) DO NOTHING
            """).run()
        guard let id = try await select() else { throw StorageError.unavailable("visitor end user vanished after insert") }
        return id
    }

    /// A new anonymous end user.
    func createAnonymous(organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws -> String {
        let id = Identifier.make("eu")
        try await db.insert(into: "end_users").columns("id", "organization_id", "first_seen_at", "last_seen_at")
            .values(SQLBind(id), SQLBind(organizationID), SQLBind(now), SQLBind(now)).run()
        return id
    }

    /// The end user's email (claimed or verified), if any.
    func email(of endUserID: String, on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("email").from("end_users").where("id", .equal, endUserID)
            .first()?.decode(column: "email", as: String?.self)
    }

    /// Stores a claimed email: it de-anonymizes this record and merges nothing. A verified
    /// email is never replaced by a claimed one. Returns whether the end user had no email
    /// before (they were just identified).
    @discardableResult
    func claim(email: String, endUserID: String, on db: any SQLDatabase) async throws -> Bool {
        let identified = try await db.raw("""
            UPDATE end_users SET email = \(bind: email) WHERE id = \(bind: endUserID) AND email IS NULL RETURNING id
            """).first() != nil
        if !identified {
            try await db.update("end_users").set("email", to: email)
                .where("id", .equal, endUserID)
                .where("email_verified", .equal, false)
                .where("email", .notEqual, email)
                .run()
        }
        return identified
    }

    /// Records that the end user was seen at `now`.
    func touch(_ endUserID: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("end_users").set("last_seen_at", to: now)
            .where("id", .equal, endUserID).where("last_seen_at", .lessThan, now).run()
    }
}
