import SQLKit

/// A legacy-era MCP session as stored: what any replica needs to serve its next request.
struct LegacySession: Sendable, Equatable {
    let id: String
    let organizationID: String
    let serverID: String
    let endUserID: String
    let protocolVersion: String
    let ended: Bool
}

/// What a session records about its client.
struct ClientInfo: Sendable, Equatable, Hashable {
    var name: String?
    var version: String?
}

/// End-user sessions in the database: legacy ones are named by their `Mcp-Session-Id`; modern
/// (stateless) ones are derived from (server, end user, client) with an idle timeout.
struct SessionStore: Sendable {
    /// Starts a legacy session; its id is the `Mcp-Session-Id` (random, 100 bits).
    func createLegacy(organizationID: String, serverID: String, endUserID: String, protocolVersion: String, client: ClientInfo,
                      now: EpochMillis, on db: any SQLDatabase) async throws -> LegacySession {
        let id = Identifier.make("ses")
        try await insert(id: id, era: "legacy", key: nil, organizationID: organizationID, serverID: serverID, endUserID: endUserID,
                         protocolVersion: protocolVersion, client: client, now: now, on: db)
        return LegacySession(id: id, organizationID: organizationID, serverID: serverID, endUserID: endUserID,
                             protocolVersion: protocolVersion, ended: false)
    }

    /// The legacy session `id` of server `serverID`, ended or not.
    func findLegacy(_ id: String, serverID: String, on db: any SQLDatabase) async throws -> LegacySession? {
        guard let row = try await db.select()
            .columns("id", "organization_id", "server_id", "end_user_id", "protocol_version", "ended_at")
            .from("end_user_sessions")
            .where("id", .equal, id).where("server_id", .equal, serverID).where("era", .equal, "legacy")
            .first() else { return nil }
        return LegacySession(
            id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
            serverID: try row.decode(column: "server_id", as: String.self), endUserID: try row.decode(column: "end_user_id", as: String.self),
            protocolVersion: try row.decode(column: "protocol_version", as: String.self),
            ended: try row.decode(column: "ended_at", as: EpochMillis?.self) != nil)
    }

    /// Ends a legacy session; returns whether it was open.
    func end(_ id: String, serverID: String, now: EpochMillis, on db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.update("end_user_sessions").set("ended_at", to: now)
            .where("id", .equal, id).where("server_id", .equal, serverID).where("ended_at", .is, SQLLiteral.null)
            .returning("id").all()
        return !rows.isEmpty
    }

    /// The modern session for `key` last seen within `idle`, or a new one.
    func findOrCreateModern(key: String, idle: EpochMillis, organizationID: String, serverID: String, endUserID: String,
                            protocolVersion: String, client: ClientInfo, now: EpochMillis, gate: CreationGate? = nil,
                            on db: any SQLDatabase) async throws -> String {
        if let row = try await db.select().column("id").from("end_user_sessions")
            .where("session_key", .equal, key).where("last_seen_at", .greaterThanOrEqual, now - idle)
            .orderBy("last_seen_at", .descending).limit(1).first() {
            return try row.decode(column: "id", as: String.self)
        }
        try await gate?.admit()
        let id = Identifier.make("ses")
        try await insert(id: id, era: "modern", key: key, organizationID: organizationID, serverID: serverID, endUserID: endUserID,
                         protocolVersion: protocolVersion, client: client, now: now, on: db)
        return id
    }

    /// Records activity on a session.
    func touch(_ id: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("end_user_sessions").set("last_seen_at", to: now)
            .where("id", .equal, id).where("last_seen_at", .lessThan, now).run()
    }

    private func insert(id: String, era: String, key: String?, organizationID: String, serverID: String, endUserID: String,
                        protocolVersion: String, client: ClientInfo, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.insert(into: "end_user_sessions")
            .columns("id", "organization_id", "server_id", "end_user_id", "era", "protocol_version", "client_name", "client_version",
                     "session_key", "started_at", "last_seen_at")
            .values(SQLBind(id), SQLBind(organizationID), SQLBind(serverID), SQLBind(endUserID), SQLBind(era), SQLBind(protocolVersion),
                    SQLBind(client.name.map { String($0.prefix(200)) }), SQLBind(client.version.map { String($0.prefix(100)) }),
                    SQLBind(key), SQLBind(now), SQLBind(now))
            .run()
    }
}
