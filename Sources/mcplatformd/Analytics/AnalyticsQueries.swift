import Foundation
import Shared
import SQLKit

/// What a report covers: one organization, optionally one server, `[since, until)` in epoch
/// milliseconds, grouped in buckets of `bucket` milliseconds (UTC-aligned, the same on both engines).
struct AnalyticsScope: Sendable {
    let organizationID: String
    let serverID: String?
    let serverSlug: String?
    let since: EpochMillis
    let until: EpochMillis
    let bucketName: String
    var bucket: EpochMillis { AnalyticsBucket.sizes[bucketName] ?? AnalyticsRollup.hour }

    var range: APIAnalyticsRange {
        APIAnalyticsRange(since: Date(epochMillis: since), until: Date(epochMillis: until), bucket: bucketName, server: serverSlug)
    }

    /// The daily active-user roll-up to read: per server when the report is for one, else the
    /// organization-wide one.
    var userDays: SQLQueryString {
        serverID.map { "SELECT day_start, end_user_id FROM analytics_user_days WHERE organization_id = \(bind: organizationID) AND server_id = \(bind: $0)" }
            ?? "SELECT day_start, end_user_id FROM analytics_org_user_days WHERE organization_id = \(bind: organizationID)"
    }

    /// `AND <column> = <server>` when the report is for one server.
    func server(_ column: String) -> SQLQueryString {
        serverID.map { "AND \(unsafeRaw: column) = \(bind: $0)" } ?? ""
    }

    /// The part of the range the roll-ups cover (whole `unit`s, plus the unit holding the
    /// watermark, which is rolled up to it, when the range reaches the watermark), and the raw
    /// pieces around it.
    func split(unit: EpochMillis, watermark: EpochMillis) -> (rolled: Range<EpochMillis>?, raw: [Range<EpochMillis>]) {
        let first = (since + unit - 1) / unit * unit
        let watermarkUnit = watermark / unit * unit
        var last = min(until / unit * unit, watermarkUnit)
        var tail = last
        if until >= watermark, watermark > watermarkUnit, watermarkUnit >= first {
            last = watermarkUnit + unit
            tail = watermark
        }
        guard first < last else { return (nil, [since..<until]) }
        return (first..<last, [since..<first, tail..<until].filter { !$0.isEmpty })
    }
}

/// The analytics reports, computed the same way on SQLite and PostgreSQL: integer bucket
/// arithmetic on epoch milliseconds, distinct counts in SQL, medians and percentiles as the
/// lower value in Swift. Calls and distinct users come from the roll-ups where they cover the
/// range, and from raw `tool_calls` for the rest.
struct AnalyticsQueries: Sendable {
    let database: Database

    private func watermark(_ db: any SQLDatabase) async throws -> EpochMillis {
        try await db.raw("SELECT watermark FROM analytics_state WHERE name = 'tool_calls'").first()?.decode(column: "watermark", as: EpochMillis.self) ?? 0
    }

    private func count(_ query: SQLQueryString, on db: any SQLDatabase) async throws -> Int {
        try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// `created_at` within any of `ranges` (raw rows).
    private func within(_ ranges: [Range<EpochMillis>], column: String = "created_at") -> SQLQueryString {
        guard !ranges.isEmpty else { return "1 = 0" }
        var query: SQLQueryString = "("
        for (index, range) in ranges.enumerated() {
            if index > 0 { query.appendInterpolation(unsafeRaw: " OR ") }
            query.appendInterpolation("(\(unsafeRaw: column) >= \(bind: range.lowerBound) AND \(unsafeRaw: column) < \(bind: range.upperBound))" as SQLQueryString)
        }
        query.appendInterpolation(unsafeRaw: ")")
        return query
    }

    /// The ids of end users active in the range: a tool call (roll-ups + raw) or a session start.
    private func activeUsers(_ scope: AnalyticsScope, on db: any SQLDatabase) async throws -> SQLQueryString {
        let days = scope.split(unit: AnalyticsRollup.day, watermark: try await watermark(db))
        var query: SQLQueryString = """
            SELECT end_user_id FROM tool_calls WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
              AND end_user_id IS NOT NULL AND \(within(days.raw))
            UNION SELECT end_user_id FROM end_user_sessions WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
              AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
            """
        if let rolled = days.rolled {
            query.appendInterpolation("""
                 UNION SELECT end_user_id FROM (\(scope.userDays)) AS days
                  WHERE day_start >= \(bind: rolled.lowerBound) AND day_start < \(bind: rolled.upperBound)
                """ as SQLQueryString)
        }
        return query
    }

    func overview(_ scope: AnalyticsScope) async throws -> APIAnalyticsOverview {
        try await database.withConnection { db in
            let org = scope.organizationID
            let hours = scope.split(unit: AnalyticsRollup.hour, watermark: try await watermark(db))
            var calls = try await count("""
                SELECT COUNT(*) AS n FROM tool_calls WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND \(within(hours.raw))
                """, on: db)
            if let rolled = hours.rolled {
                calls += try await count("""
                    SELECT CAST(COALESCE(SUM(calls), 0) AS BIGINT) AS n FROM analytics_tool_hours WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                      AND hour_start >= \(bind: rolled.lowerBound) AND hour_start < \(bind: rolled.upperBound)
                    """, on: db)
            }
            let sessions = try await count("""
                SELECT COUNT(*) AS n FROM end_user_sessions WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                  AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
                """, on: db)
            let active = try await activeUsers(scope, on: db)
            let users = try await db.raw("""
                SELECT COUNT(*) AS total,
                       COALESCE(SUM(CASE WHEN u.email IS NOT NULL OR u.upstream_subject IS NOT NULL OR EXISTS (SELECT 1 FROM end_user_tracking_ids x WHERE x.end_user_id = u.id)
                                THEN 1 ELSE 0 END), 0) AS identified,
                       COALESCE(SUM(CASE WHEN u.first_seen_at >= \(bind: scope.since) AND u.first_seen_at < \(bind: scope.until) THEN 1 ELSE 0 END), 0) AS fresh
                FROM end_users u WHERE u.id IN (\(active))
                """).first()
            let unique = try users?.decode(column: "total", as: Int.self) ?? 0
            let identified = try users?.decode(column: "identified", as: Int.self) ?? 0
            let fresh = try users?.decode(column: "fresh", as: Int.self) ?? 0
            let opened = try await count("""
                SELECT COUNT(*) AS n FROM support_tickets WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                  AND created_at >= \(bind: scope.since) AND created_at < \(bind: scope.until)
                """, on: db)
            let resolveTimes = try await db.raw("""
                SELECT resolved_at - created_at AS took FROM support_tickets WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                  AND resolved_at >= \(bind: scope.since) AND resolved_at < \(bind: scope.until) ORDER BY took
                """).all().map { try $0.decode(column: "took", as: EpochMillis.self) }
            let runServer = scope.server("server_id")
            let started = try await count("""
                SELECT COUNT(*) AS n FROM walkthrough_runs WHERE organization_id = \(bind: org) \(runServer)
                  AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
                """, on: db)
            let completed = try await count("""
                SELECT COUNT(*) AS n FROM walkthrough_runs WHERE organization_id = \(bind: org) \(runServer)
                  AND completed_at >= \(bind: scope.since) AND completed_at < \(bind: scope.until)
                """, on: db)
            return APIAnalyticsOverview(
                range: scope.range, toolCalls: calls, sessions: sessions, uniqueUsers: unique, identifiedUsers: identified,
                identifiedShare: unique == 0 ? 0 : (Double(identified) / Double(unique) * 10000).rounded() / 10000, newUsers: fresh,
                returningUsers: unique - fresh, ticketsOpened: opened, ticketsResolved: resolveTimes.count,
                medianSecondsToResolve: AnalyticsBucket.percentile(resolveTimes, 0.5).map { Int($0 / 1000) },
                walkthroughsStarted: started, walkthroughsCompleted: completed)
        }
    }

    /// On PostgreSQL, a transaction with room in memory for hashing many (day, user) pairs; on
    /// SQLite a reader (a transaction there would hold the single writer).
    private func withRoomyConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard database.engine == .postgres else { return try await database.withConnection(body) }
        return try await database.transaction { db in
            try await db.raw("SET LOCAL work_mem = '64MB'").run()
            return try await body(db)
        }
    }

    func timeseries(_ scope: AnalyticsScope) async throws -> APIAnalyticsTimeseries {
        try await withRoomyConnection { db in
            let org = scope.organizationID
            let size = scope.bucket
            var calls: [EpochMillis: [String: Int]] = [:]
            var users: [EpochMillis: Int] = [:]
            // Calls: roll-ups by the hour when buckets are hours or days, raw rows otherwise and at the edges.
            let hours = size >= AnalyticsRollup.hour ? scope.split(unit: AnalyticsRollup.hour, watermark: try await watermark(db)) : (nil, [scope.since..<scope.until])
            let raw = try await db.raw("""
                SELECT created_at - (created_at % \(bind: size)) AS bucket, tool, COUNT(*) AS n FROM tool_calls
                WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND \(within(hours.1))
                GROUP BY 1, 2
                """).all()
            for row in raw {
                calls[try row.decode(column: "bucket", as: EpochMillis.self), default: [:]][try row.decode(column: "tool", as: String.self), default: 0]
                    += try row.decode(column: "n", as: Int.self)
            }
            if let rolled = hours.0 {
                for row in try await db.raw("""
                    SELECT hour_start - (hour_start % \(bind: size)) AS bucket, tool, CAST(SUM(calls) AS BIGINT) AS n FROM analytics_tool_hours
                    WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND hour_start >= \(bind: rolled.lowerBound) AND hour_start < \(bind: rolled.upperBound)
                    GROUP BY 1, 2
                    """).all() {
                    calls[try row.decode(column: "bucket", as: EpochMillis.self), default: [:]][try row.decode(column: "tool", as: String.self), default: 0]
                        += try row.decode(column: "n", as: Int.self)
                }
            }
            // Distinct users per bucket: daily roll-ups for day buckets, raw rows otherwise.
            let days = size == AnalyticsRollup.day ? scope.split(unit: AnalyticsRollup.day, watermark: try await watermark(db)) : (nil, [scope.since..<scope.until])
            // UNION (and DISTINCT) leave each (bucket, end user) once, so counting rows counts users
            // without a sort per bucket.
            var userQuery: SQLQueryString = """
                SELECT bucket, COUNT(*) AS n FROM (
                    SELECT DISTINCT created_at - (created_at % \(bind: size)) AS bucket, end_user_id FROM tool_calls
                    WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND end_user_id IS NOT NULL AND \(within(days.1))
                """
            if let rolled = days.0 {
                userQuery.appendInterpolation("""
                     UNION SELECT day_start AS bucket, end_user_id FROM (\(scope.userDays)) AS days
                      WHERE day_start >= \(bind: rolled.lowerBound) AND day_start < \(bind: rolled.upperBound)
                    """ as SQLQueryString)
            }
            userQuery.appendInterpolation(unsafeRaw: ") AS active GROUP BY bucket")
            for row in try await db.raw(userQuery).all() {
                users[try row.decode(column: "bucket", as: EpochMillis.self)] = try row.decode(column: "n", as: Int.self)
            }
            let tools = Set(calls.values.flatMap(\.keys)).sorted()
            var points: [APIAnalyticsPoint] = []
            var start = scope.since / size * size
            while start < scope.until {
                var perTool = Dictionary(uniqueKeysWithValues: tools.map { ($0, 0) })
                perTool.merge(calls[start] ?? [:]) { $1 }
                points.append(APIAnalyticsPoint(start: Date(epochMillis: start), calls: perTool, uniqueUsers: users[start] ?? 0))
                start += size
            }
            return APIAnalyticsTimeseries(range: scope.range, tools: tools, points: points)
        }
    }

    func tools(_ scope: AnalyticsScope) async throws -> [APIAnalyticsTool] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT tool, outcome, duration_us, end_user_id FROM tool_calls WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
                  AND created_at >= \(bind: scope.since) AND created_at < \(bind: scope.until) ORDER BY tool, duration_us
                """).all()
            var byTool: [String: (durations: [Int64], errors: Int, users: Set<String>)] = [:]
            for row in rows {
                let tool = try row.decode(column: "tool", as: String.self)
                var entry = byTool[tool] ?? ([], 0, [])
                entry.durations.append(try row.decode(column: "duration_us", as: Int64.self))
                if try row.decode(column: "outcome", as: String.self) == "error" { entry.errors += 1 }
                if let user = try row.decode(column: "end_user_id", as: String?.self) { entry.users.insert(user) }
                byTool[tool] = entry
            }
            return byTool.keys.sorted().compactMap { tool in
                guard let entry = byTool[tool] else { return nil }
                let calls = entry.durations.count
                return APIAnalyticsTool(tool: tool, calls: calls, errors: entry.errors,
                                        errorRate: (Double(entry.errors) / Double(max(1, calls)) * 10000).rounded() / 10000,
                                        p50Ms: Double(AnalyticsBucket.percentile(entry.durations, 0.5) ?? 0) / 1000,
                                        p95Ms: Double(AnalyticsBucket.percentile(entry.durations, 0.95) ?? 0) / 1000, uniqueUsers: entry.users.count)
            }
        }
    }

    func users(_ scope: AnalyticsScope, limit: Int) async throws -> [APIAnalyticsUser] {
        try await database.withConnection { db in
            let org = scope.organizationID
            let rows = try await db.raw("""
                SELECT u.id, u.email, u.last_seen_at,
                       (SELECT COUNT(*) FROM tool_calls c WHERE c.end_user_id = u.id \(scope.server("c.server_id"))
                          AND c.created_at >= \(bind: scope.since) AND c.created_at < \(bind: scope.until)) AS calls,
                       (SELECT COUNT(*) FROM end_user_sessions s WHERE s.end_user_id = u.id \(scope.server("s.server_id"))
                          AND s.started_at >= \(bind: scope.since) AND s.started_at < \(bind: scope.until)) AS sessions,
                       (SELECT COUNT(*) FROM support_tickets t WHERE t.end_user_id = u.id \(scope.server("t.server_id"))
                          AND t.created_at >= \(bind: scope.since) AND t.created_at < \(bind: scope.until)) AS tickets
                FROM end_users u WHERE u.organization_id = \(bind: org) AND u.id IN (\(try await activeUsers(scope, on: db)))
                ORDER BY calls DESC, sessions DESC, u.last_seen_at DESC, u.id LIMIT \(bind: limit)
                """).all()
            let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
            var tracking: [String: [String]] = [:]
            if !ids.isEmpty {
                for row in try await db.select().columns("end_user_id", "tracking_id").from("end_user_tracking_ids").where("end_user_id", .in, ids)
                    .orderBy("tracking_id").all() {
                    tracking[try row.decode(column: "end_user_id", as: String.self), default: []].append(try row.decode(column: "tracking_id", as: String.self))
                }
            }
            return try rows.map { row in
                let id = try row.decode(column: "id", as: String.self)
                return APIAnalyticsUser(endUserId: id, email: try row.decode(column: "email", as: String?.self), trackingIds: tracking[id] ?? [],
                                        sessions: try row.decode(column: "sessions", as: Int.self), toolCalls: try row.decode(column: "calls", as: Int.self),
                                        tickets: try row.decode(column: "tickets", as: Int.self),
                                        lastSeenAt: Date(epochMillis: try row.decode(column: "last_seen_at", as: EpochMillis.self)))
            }
        }
    }
}
