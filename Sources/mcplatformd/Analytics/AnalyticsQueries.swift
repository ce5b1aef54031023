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
    /// pieces around it. Before `prunedBefore` (a day boundary) raw rows are gone, so there the
    /// roll-ups cover the range widened to whole units.
    func split(unit: EpochMillis, watermark: EpochMillis, prunedBefore: EpochMillis = 0) -> (rolled: Range<EpochMillis>?, raw: [Range<EpochMillis>]) {
        guard prunedBefore > 0, prunedBefore > since else { return split(unit: unit, watermark: watermark) }
        let low = since / unit * unit
        guard until > prunedBefore else { return (low..<((until - 1) / unit * unit + unit), []) }
        let rest = AnalyticsScope(organizationID: organizationID, serverID: serverID, serverSlug: serverSlug, since: prunedBefore, until: until,
                                  bucketName: bucketName).split(unit: unit, watermark: watermark)
        return (low..<(rest.rolled?.upperBound ?? prunedBefore), rest.raw)
    }

    private func split(unit: EpochMillis, watermark: EpochMillis) -> (rolled: Range<EpochMillis>?, raw: [Range<EpochMillis>]) {
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

    /// `day_start` within the days the range touches, for the roll-ups that hold only pruned
    /// rows (`analytics_latency_days`, `analytics_user_tool_days`, `analytics_session_days`):
    /// pruned days count whole.
    func prunedDays(_ column: String = "day_start") -> SQLQueryString {
        "\(unsafeRaw: column) >= \(bind: since / AnalyticsRollup.day * AnalyticsRollup.day) AND \(unsafeRaw: column) < \(bind: until)"
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

    /// The time before which the organization's raw tool calls are pruned (0: none are).
    func prunedBefore(_ scope: AnalyticsScope, on db: any SQLDatabase) async throws -> EpochMillis {
        try await db.raw("SELECT tool_calls_before FROM retention_state WHERE organization_id = \(bind: scope.organizationID)").first()?
            .decode(column: "tool_calls_before", as: EpochMillis.self) ?? 0
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

    /// The ids of end users active in the range: a tool call (roll-ups + raw) or a session start
    /// (raw + pruned sessions' days).
    private func activeUsers(_ scope: AnalyticsScope, on db: any SQLDatabase) async throws -> SQLQueryString {
        let days = scope.split(unit: AnalyticsRollup.day, watermark: try await watermark(db), prunedBefore: try await prunedBefore(scope, on: db))
        var query: SQLQueryString = """
            SELECT end_user_id FROM tool_calls WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
              AND end_user_id IS NOT NULL AND \(within(days.raw))
            UNION SELECT end_user_id FROM end_user_sessions WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
              AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
            UNION SELECT end_user_id FROM analytics_session_days WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
              AND \(scope.prunedDays())
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
            let hours = scope.split(unit: AnalyticsRollup.hour, watermark: try await watermark(db), prunedBefore: try await prunedBefore(scope, on: db))
            var calls = try await count("""
                SELECT COUNT(*) AS n FROM tool_calls WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND \(within(hours.raw))
                """, on: db)
            if let rolled = hours.rolled {
                calls = calls.addingSaturating(try await count("""
                    SELECT CAST(COALESCE(SUM(calls), 0) AS BIGINT) AS n FROM analytics_tool_hours WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                      AND hour_start >= \(bind: rolled.lowerBound) AND hour_start < \(bind: rolled.upperBound)
                    """, on: db))
            }
            let sessions = try await count("""
                SELECT COUNT(*) AS n FROM end_user_sessions WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                  AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
                """, on: db).addingSaturating(try await count("""
                SELECT CAST(COALESCE(SUM(sessions), 0) AS BIGINT) AS n FROM analytics_session_days WHERE organization_id = \(bind: org) \(scope.server("server_id"))
                  AND \(scope.prunedDays())
                """, on: db))
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
            // Calls: roll-ups by the hour when buckets are hours or days, raw rows otherwise and at
            // the edges; where raw rows are pruned, the hours' roll-ups (each hour's calls in the
            // bucket that starts it).
            let watermark = try await watermark(db), pruned = try await prunedBefore(scope, on: db)
            let hours = scope.split(unit: AnalyticsRollup.hour, watermark: size >= AnalyticsRollup.hour ? watermark : min(watermark, pruned), prunedBefore: pruned)
            // Sums of stored counts: held at Int.max rather than trapping.
            func add(_ bucket: EpochMillis, _ tool: String, _ count: Int) {
                calls[bucket, default: [:]][tool] = (calls[bucket]?[tool] ?? 0).addingSaturating(count)
            }
            let raw = try await db.raw("""
                SELECT created_at - (created_at % \(bind: size)) AS bucket, tool, COUNT(*) AS n FROM tool_calls
                WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND \(within(hours.1))
                GROUP BY 1, 2
                """).all()
            for row in raw {
                add(try row.decode(column: "bucket", as: EpochMillis.self), try row.decode(column: "tool", as: String.self), try row.decode(column: "n", as: Int.self))
            }
            if let rolled = hours.0 {
                for row in try await db.raw("""
                    SELECT hour_start - (hour_start % \(bind: size)) AS bucket, tool, CAST(SUM(calls) AS BIGINT) AS n FROM analytics_tool_hours
                    WHERE organization_id = \(bind: org) \(scope.server("server_id")) AND hour_start >= \(bind: rolled.lowerBound) AND hour_start < \(bind: rolled.upperBound)
                    GROUP BY 1, 2
                    """).all() {
                    add(try row.decode(column: "bucket", as: EpochMillis.self), try row.decode(column: "tool", as: String.self), try row.decode(column: "n", as: Int.self))
                }
            }
            // Distinct users per bucket: daily roll-ups for day buckets, raw rows otherwise.
            let days = size == AnalyticsRollup.day ? scope.split(unit: AnalyticsRollup.day, watermark: watermark, prunedBefore: pruned) : (nil, [scope.since..<scope.until])
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

    /// Per tool: calls, errors, duration percentiles and distinct users, from raw rows and,
    /// over pruned days, from the duration histograms and per-user daily counts (percentiles
    /// there are histogram estimates).
    func tools(_ scope: AnalyticsScope) async throws -> [APIAnalyticsTool] {
        try await database.withConnection { db in
            struct Entry {
                var durations: [Int64] = [], buckets: [Int: Int] = [:], calls = 0, errors = 0, users = Set<String>()
            }
            var byTool: [String: Entry] = [:]
            for row in try await db.raw("""
                SELECT tool, outcome, duration_us, end_user_id FROM tool_calls WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
                  AND created_at >= \(bind: scope.since) AND created_at < \(bind: scope.until) ORDER BY tool, duration_us
                """).all() {
                let tool = try row.decode(column: "tool", as: String.self)
                byTool[tool, default: Entry()].durations.append(try row.decode(column: "duration_us", as: Int64.self))
                byTool[tool, default: Entry()].calls += 1
                if try row.decode(column: "outcome", as: String.self) == "error" { byTool[tool, default: Entry()].errors += 1 }
                if let user = try row.decode(column: "end_user_id", as: String?.self) { byTool[tool, default: Entry()].users.insert(user) }
            }
            for row in try await db.raw("""
                SELECT tool, bucket, CAST(SUM(calls) AS BIGINT) AS calls, CAST(SUM(errors) AS BIGINT) AS errors FROM analytics_latency_days
                WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id")) AND \(scope.prunedDays()) GROUP BY tool, bucket
                """).all() {
                let tool = try row.decode(column: "tool", as: String.self), calls = try row.decode(column: "calls", as: Int.self)
                let bucket = try row.decode(column: "bucket", as: Int.self)
                byTool[tool, default: Entry()].buckets[bucket] = (byTool[tool]?.buckets[bucket] ?? 0).addingSaturating(max(0, calls))
                byTool[tool, default: Entry()].calls = byTool[tool, default: Entry()].calls.addingSaturating(max(0, calls))
                byTool[tool, default: Entry()].errors = byTool[tool, default: Entry()].errors.addingSaturating(max(0, try row.decode(column: "errors", as: Int.self)))
            }
            for row in try await db.raw("""
                SELECT DISTINCT tool, end_user_id FROM analytics_user_tool_days
                WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id")) AND \(scope.prunedDays())
                """).all() {
                byTool[try row.decode(column: "tool", as: String.self), default: Entry()].users.insert(try row.decode(column: "end_user_id", as: String.self))
            }
            return byTool.keys.sorted().compactMap { tool in
                guard let entry = byTool[tool] else { return nil }
                let p50 = DurationHistogram.percentile(exact: entry.durations, buckets: entry.buckets, 0.5) ?? 0
                let p95 = DurationHistogram.percentile(exact: entry.durations, buckets: entry.buckets, 0.95) ?? 0
                return APIAnalyticsTool(tool: tool, calls: entry.calls, errors: entry.errors,
                                        errorRate: (Double(entry.errors) / Double(max(1, entry.calls)) * 10000).rounded() / 10000,
                                        p50Ms: (p50 / 1000 * 1000).rounded() / 1000, p95Ms: (p95 / 1000 * 1000).rounded() / 1000, uniqueUsers: entry.users.count)
            }
        }
    }

    func users(_ scope: AnalyticsScope, limit: Int) async throws -> [APIAnalyticsUser] {
        try await database.withConnection { db in
            let org = scope.organizationID
            let rows = try await db.raw("""
                SELECT u.id, u.email, u.last_seen_at,
                       (SELECT COUNT(*) FROM tool_calls c WHERE c.end_user_id = u.id \(scope.server("c.server_id"))
                          AND c.created_at >= \(bind: scope.since) AND c.created_at < \(bind: scope.until))
                       + (SELECT CAST(COALESCE(SUM(d.calls), 0) AS BIGINT) FROM analytics_user_tool_days d WHERE d.end_user_id = u.id \(scope.server("d.server_id"))
                          AND \(scope.prunedDays("d.day_start"))) AS calls,
                       (SELECT COUNT(*) FROM end_user_sessions s WHERE s.end_user_id = u.id \(scope.server("s.server_id"))
                          AND s.started_at >= \(bind: scope.since) AND s.started_at < \(bind: scope.until))
                       + (SELECT CAST(COALESCE(SUM(d.sessions), 0) AS BIGINT) FROM analytics_session_days d WHERE d.end_user_id = u.id \(scope.server("d.server_id"))
                          AND \(scope.prunedDays("d.day_start"))) AS sessions,
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
