import Foundation
import Shared
import SQLKit

/// The admin API's read model of end users, sessions and tool calls; every query is scoped to
/// one organization.
struct EndUserQueries: Sendable {
    private static let userColumns: [any SQLExpression] = [
        SQLColumn("id"), SQLColumn("email"), SQLColumn("email_verified"), SQLColumn("first_seen_at"), SQLColumn("last_seen_at"),
        SQLColumn("name"), SQLColumn("upstream_subject"), SQLColumn("upstream_issuer"), SQLColumn("erased_at"),
        SQLRaw("(SELECT COUNT(*) FROM oauth_grants g WHERE g.end_user_id = end_users.id AND g.revoked_at IS NULL) AS grant_count"),
        SQLRaw("(SELECT COUNT(*) FROM end_user_sessions s WHERE s.end_user_id = end_users.id) AS session_count"),
        SQLRaw("(SELECT COUNT(*) FROM support_tickets t WHERE t.end_user_id = end_users.id) AS ticket_count"),
        SQLRaw("(SELECT COUNT(*) FROM tool_calls c WHERE c.end_user_id = end_users.id) AS tool_call_count"),
    ]

    /// A page of end users, most recently first seen first; `identified` keeps only those with
    /// an email, a tracking id or an upstream sign-in.
    func users(organizationID: String, identified: Bool, page: Pagination, on db: any SQLDatabase) async throws -> [APIEndUser] {
        let query = db.select().columns(Self.userColumns).from("end_users").where("organization_id", .equal, organizationID)
        if identified {
            query.where(group: { group in
                group.where("email", .isNot, SQLLiteral.null).orWhere("upstream_subject", .isNot, SQLLiteral.null)
                    .orWhere(SQLRaw("EXISTS (SELECT 1 FROM end_user_tracking_ids x WHERE x.end_user_id = end_users.id)"))
            })
        }
        let rows = try await page.apply(to: query, table: "end_users", timeColumn: "first_seen_at").all()
        return try await withTrackingIDs(rows.map(Self.user), on: db)
    }

    /// The end user named by `reference`: an id, an email (the most recently seen holder) or a
    /// tracking id.
    func user(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APIEndUser? {
        var id = reference
        if reference.contains("@") {
            guard let row = try await db.select().column("id").from("end_users").where("organization_id", .equal, organizationID)
                .where(SQLFunction("LOWER", args: SQLColumn("email")), .equal, SQLBind(reference.lowercased()))
                .orderBy("last_seen_at", .descending).limit(1).first() else { return nil }
            id = try row.decode(column: "id", as: String.self)
        } else if !reference.hasPrefix("eu_"), let owner = try await EndUserStore().find(trackingID: reference, organizationID: organizationID, on: db) {
            id = owner
        }
        guard var user = try await summary(id, organizationID: organizationID, on: db) else { return nil }
        let sessionRows = try await db.select().columns(Self.sessionColumns).from("end_user_sessions")
            .where("organization_id", .equal, organizationID).where("end_user_id", .equal, id)
            .orderBy("started_at", .descending).limit(20).all()
        user.sessions = try sessionRows.map(Self.session)
        user.tickets = try await TicketQueries().tickets(organizationID: organizationID, endUserID: id, limit: 20, on: db)
        user.walkthroughs = try await walkthroughProgress(endUserID: id, organizationID: organizationID, on: db)
        return user
    }

    static let sessionColumns: [any SQLExpression] = [
        SQLColumn("id"), SQLColumn("server_id"), SQLColumn("end_user_id"), SQLColumn("era"), SQLColumn("protocol_version"),
        SQLColumn("client_name"), SQLColumn("client_version"), SQLColumn("started_at"), SQLColumn("last_seen_at"), SQLColumn("ended_at"),
        SQLRaw("(SELECT COUNT(*) FROM tool_calls c WHERE c.session_id = end_user_sessions.id) AS tool_call_count"),
    ]

    /// A page of sessions, newest first, optionally of one end user or server.
    func sessions(organizationID: String, endUserID: String?, serverID: String?, page: Pagination, on db: any SQLDatabase) async throws -> [APISession] {
        let query = db.select().columns(Self.sessionColumns).from("end_user_sessions").where("organization_id", .equal, organizationID)
        if let endUserID { query.where("end_user_id", .equal, endUserID) }
        if let serverID { query.where("server_id", .equal, serverID) }
        return try await page.apply(to: query, table: "end_user_sessions", timeColumn: "started_at").all().map(Self.session)
    }

    /// One session with the timeline of its tool calls (oldest first, at most `limit`).
    func session(_ id: String, organizationID: String, limit: Int = 500, on db: any SQLDatabase) async throws -> APISession? {
        guard let row = try await db.select().columns(Self.sessionColumns).from("end_user_sessions")
            .where("organization_id", .equal, organizationID).where("id", .equal, id).first() else { return nil }
        var session = try Self.session(row)
        let calls = try await db.select().columns(Self.toolCallColumns)
            .from("tool_calls").where("organization_id", .equal, organizationID).where("session_id", .equal, id)
            .orderBy("created_at").orderBy("id").limit(limit).all()
        session.toolCalls = try calls.map(Self.toolCall)
        return session
    }

    /// The last `limit` tool calls of a session, oldest first.
    func recentToolCalls(sessionID: String, organizationID: String, limit: Int, on db: any SQLDatabase) async throws -> [APIToolCall] {
        try await db.select().columns(Self.toolCallColumns)
            .from("tool_calls").where("organization_id", .equal, organizationID).where("session_id", .equal, sessionID)
            .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all().map(Self.toolCall).reversed()
    }

    /// One end user without their sessions and tickets.
    func summary(_ endUserID: String, organizationID: String, on db: any SQLDatabase) async throws -> APIEndUser? {
        guard let row = try await db.select().columns(Self.userColumns).from("end_users")
            .where("organization_id", .equal, organizationID).where("id", .equal, endUserID).first() else { return nil }
        return try await withTrackingIDs([try Self.user(row)], on: db).first
    }

    /// The end user's progress in each walkthrough started: steps done in the current run among
    /// the walkthrough's current steps.
    func walkthroughProgress(endUserID: String, organizationID: String, on db: any SQLDatabase) async throws -> [APIWalkthroughProgress] {
        try await db.raw("""
            SELECT w.slug, w.title, p.run, p.current_step_key, p.completed_at, p.updated_at,
                   (SELECT COUNT(*) FROM walkthrough_steps s WHERE s.walkthrough_id = w.id) AS total_steps,
                   (SELECT COUNT(*) FROM walkthrough_step_completions c JOIN walkthrough_steps s
                        ON s.walkthrough_id = c.walkthrough_id AND s.step_key = c.step_key
                    WHERE c.end_user_id = p.end_user_id AND c.walkthrough_id = p.walkthrough_id AND c.run = p.run) AS completed_steps
            FROM walkthrough_progress p JOIN walkthroughs w ON w.id = p.walkthrough_id
            WHERE p.organization_id = \(bind: organizationID) AND p.end_user_id = \(bind: endUserID)
            ORDER BY p.updated_at DESC
            """).all().map { row in
            APIWalkthroughProgress(
                walkthroughSlug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
                run: try row.decode(column: "run", as: Int.self), completedSteps: try row.decode(column: "completed_steps", as: Int.self),
                totalSteps: try row.decode(column: "total_steps", as: Int.self), currentStepKey: try row.decode(column: "current_step_key", as: String?.self),
                completedAt: try row.decode(column: "completed_at", as: EpochMillis?.self).map(Date.init(epochMillis:)),
                updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)))
        }
    }

    static let toolCallColumns = ["id", "tool", "arguments", "outcome", "result_summary", "error", "duration_us", "created_at"].map { SQLColumn($0) }

    static func toolCall(_ row: any SQLRow) throws -> APIToolCall {
        let arguments = try row.decode(column: "arguments", as: String.self)
        return APIToolCall(
            id: try row.decode(column: "id", as: String.self), tool: try row.decode(column: "tool", as: String.self),
            arguments: (try? JSONValue.parse(Data(arguments.utf8))) ?? .string(arguments),
            outcome: try row.decode(column: "outcome", as: String.self),
            resultSummary: try row.decode(column: "result_summary", as: String?.self), error: try row.decode(column: "error", as: String?.self),
            durationMs: Double(try row.decode(column: "duration_us", as: Int64.self)) / 1000,
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
    }

    private func withTrackingIDs(_ users: [APIEndUser], on db: any SQLDatabase) async throws -> [APIEndUser] {
        guard !users.isEmpty else { return users }
        let rows = try await db.select().columns("end_user_id", "tracking_id").from("end_user_tracking_ids")
            .where("end_user_id", .in, users.map(\.id)).orderBy("tracking_id").all()
        var byUser: [String: [String]] = [:]
        for row in rows {
            byUser[try row.decode(column: "end_user_id", as: String.self), default: []].append(try row.decode(column: "tracking_id", as: String.self))
        }
        return users.map { user in
            var copy = user
            copy.trackingIds = byUser[user.id] ?? []
            return copy
        }
    }

    private static func user(_ row: any SQLRow) throws -> APIEndUser {
        APIEndUser(
            id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String?.self),
            emailVerified: try row.decode(column: "email_verified", as: Bool.self), trackingIds: [],
            firstSeenAt: Date(epochMillis: try row.decode(column: "first_seen_at", as: EpochMillis.self)),
            lastSeenAt: Date(epochMillis: try row.decode(column: "last_seen_at", as: EpochMillis.self)),
            sessionCount: try row.decode(column: "session_count", as: Int.self), ticketCount: try row.decode(column: "ticket_count", as: Int.self),
            toolCallCount: try row.decode(column: "tool_call_count", as: Int.self), name: try row.decode(column: "name", as: String?.self),
            upstreamSubject: try row.decode(column: "upstream_subject", as: String?.self),
            upstreamIssuer: try row.decode(column: "upstream_issuer", as: String?.self), activeGrants: try row.decode(column: "grant_count", as: Int.self),
            erasedAt: try row.decode(column: "erased_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
    }

    static func session(_ row: any SQLRow) throws -> APISession {
        APISession(
            id: try row.decode(column: "id", as: String.self), serverId: try row.decode(column: "server_id", as: String.self),
            endUserId: try row.decode(column: "end_user_id", as: String.self), era: try row.decode(column: "era", as: String.self),
            protocolVersion: try row.decode(column: "protocol_version", as: String.self),
            clientName: try row.decode(column: "client_name", as: String?.self), clientVersion: try row.decode(column: "client_version", as: String?.self),
            startedAt: Date(epochMillis: try row.decode(column: "started_at", as: EpochMillis.self)),
            lastSeenAt: Date(epochMillis: try row.decode(column: "last_seen_at", as: EpochMillis.self)),
            endedAt: try row.decode(column: "ended_at", as: EpochMillis?.self).map(Date.init(epochMillis:)),
            toolCallCount: try row.decode(column: "tool_call_count", as: Int.self))
    }
}
