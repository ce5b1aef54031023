import Foundation
import Shared
import SQLKit

/// Everything held about one end user, for their right of access (GDPR article 15): the
/// record, identities, tracking ids, sessions, every tool call with its arguments, the tickets
/// they opened with their public messages, walkthrough progress and grants (never token values,
/// which are stored only as hashes anyway, nor the sealed upstream tokens).
struct EndUserExport: Sendable {
    func export(_ endUserID: String, organizationID: String, on db: any SQLDatabase) async throws -> APIEndUserExport? {
        let queries = EndUserQueries()
        guard let user = try await queries.summary(endUserID, organizationID: organizationID, on: db) else { return nil }
        let identities = try await db.select().columns("issuer", "subject", "email", "email_verified", "created_at", "last_login_at")
            .from("end_user_identities").where("organization_id", .equal, organizationID).where("end_user_id", .equal, endUserID)
            .orderBy("created_at").all().map { row in
                Components.Schemas.EndUserIdentity(
                    issuer: try row.decode(column: "issuer", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    email: try row.decode(column: "email", as: String?.self), emailVerified: try row.decode(column: "email_verified", as: Bool.self),
                    createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
                    lastLoginAt: Date(epochMillis: try row.decode(column: "last_login_at", as: EpochMillis.self)))
            }
        let sessions = try await db.select().columns(EndUserQueries.sessionColumns).from("end_user_sessions")
            .where("organization_id", .equal, organizationID).where("end_user_id", .equal, endUserID)
            .orderBy("started_at").orderBy("id").all().map(EndUserQueries.session)
        let toolCalls = try await db.select().columns(EndUserQueries.toolCallColumns).from("tool_calls")
            .where("organization_id", .equal, organizationID).where("end_user_id", .equal, endUserID)
            .orderBy("created_at").orderBy("id").all().map(EndUserQueries.toolCall)
        var tickets = try await TicketQueries().tickets(organizationID: organizationID, endUserID: endUserID, limit: Int(Int32.max), on: db)
        for index in tickets.indices {
            tickets[index].events = try await TicketQueries().events(organizationID: organizationID, ticketID: tickets[index].id, on: db)
                .filter { $0.visibility != "internal" }
        }
        let grants = try await db.select().columns("id", "server_id", "client_id", "client_name", "scope", "provider", "consented_at", "revoked_at")
            .from("oauth_grants").where("organization_id", .equal, organizationID).where("end_user_id", .equal, endUserID)
            .orderBy("created_at").all().map { row in
                Components.Schemas.EndUserGrant(
                    id: try row.decode(column: "id", as: String.self), serverId: try row.decode(column: "server_id", as: String.self),
                    clientId: try row.decode(column: "client_id", as: String.self), clientName: try row.decode(column: "client_name", as: String?.self),
                    scope: try row.decode(column: "scope", as: String.self), provider: try row.decode(column: "provider", as: String.self),
                    consentedAt: Date(epochMillis: try row.decode(column: "consented_at", as: EpochMillis.self)),
                    revokedAt: try row.decode(column: "revoked_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
            }
        return APIEndUserExport(
            exportedAt: Date(), endUser: user, identities: identities, sessions: sessions, toolCalls: toolCalls, tickets: tickets,
            walkthroughs: try await queries.walkthroughProgress(endUserID: endUserID, organizationID: organizationID, on: db), grants: grants,
            dailyCounts: try await dailyCounts(endUserID, organizationID: organizationID, on: db))
    }

    /// The retention roll-ups' rows about the end user: tool calls and sessions that were deleted, counted per day.
    private func dailyCounts(_ endUserID: String, organizationID: String, on db: any SQLDatabase) async throws -> [Components.Schemas.EndUserDailyCount] {
        try await db.raw("""
            SELECT day_start, server_id, 'tool_calls' AS kind, tool, calls AS n FROM analytics_user_tool_days
            WHERE organization_id = \(bind: organizationID) AND end_user_id = \(bind: endUserID)
            UNION ALL SELECT day_start, server_id, 'sessions' AS kind, NULL AS tool, sessions AS n FROM analytics_session_days
            WHERE organization_id = \(bind: organizationID) AND end_user_id = \(bind: endUserID)
            ORDER BY day_start, server_id, kind, tool
            """).all().map { row in
            Components.Schemas.EndUserDailyCount(
                day: Date(epochMillis: try row.decode(column: "day_start", as: EpochMillis.self)), serverId: try row.decode(column: "server_id", as: String.self),
                kind: try row.decode(column: "kind", as: String.self) == "sessions" ? .sessions : .toolCalls,
                tool: try row.decode(column: "tool", as: String?.self), count: try row.decode(column: "n", as: Int.self))
        }
    }
}
