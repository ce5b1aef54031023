import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// Retention with the clock controlled: each organization's override decides for its own rows
/// only, nothing goes before the roll-ups hold it, a session still in use stays, analytics totals
/// stay the same, and a bad setting changes nothing. Both engines.
@Suite("Retention")
struct RetentionTests {
    static let t0 = AnalyticsTests.t0
    static let day = AnalyticsTests.day

    /// Three tool calls 60 days old and one an hour old; a session ended 60 days ago and one
    /// started then but still in use.
    static func seed(_ db: any SQLDatabase, organizationID: String, serverID: String, prefix: String) async throws {
        let old = t0 - 60 * day, recent = t0 - 3_600_000
        try await db.raw("""
            INSERT INTO end_users (id, organization_id, first_seen_at, last_seen_at) VALUES (\(bind: prefix + "_u"), \(bind: organizationID), \(bind: old), \(bind: recent))
            """).run()
        for (index, at) in [old, old + 1000, old + 2000, recent].enumerated() {
            try await db.raw("""
                INSERT INTO tool_calls (id, organization_id, server_id, end_user_id, tool, arguments, outcome, duration_us, created_at)
                VALUES (\(bind: "\(prefix)_tc\(index)"), \(bind: organizationID), \(bind: serverID), \(bind: prefix + "_u"), 'search_docs', '{}', 'ok',
                        \(bind: Int64(1000 * (index + 1))), \(bind: at))
                """).run()
        }
        for (id, lastSeen) in [("\(prefix)_ended", old + 60_000), ("\(prefix)_live", recent)] {
            try await db.raw("""
                INSERT INTO end_user_sessions (id, organization_id, server_id, end_user_id, era, protocol_version, started_at, last_seen_at)
                VALUES (\(bind: id), \(bind: organizationID), \(bind: serverID), \(bind: prefix + "_u"), 'legacy', '2025-11-25', \(bind: old), \(bind: lastSeen))
                """).run()
        }
    }

    static func rows(_ table: String, _ organizationID: String, _ database: Database) async throws -> Int {
        try await database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).where("organization_id", .equal, organizationID)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test("overrides decide per organization, only rolled-up calls go, live sessions stay, totals unchanged, bad settings change nothing",
          arguments: TestEngine.all)
    func overrides(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { $0.toolCallRetentionDays = 30; $0.sessionRetentionDays = 30 }) { mcp in
            let database = mcp.services.database
            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            #expect(try await mcp.api.call(.post, "/v1/orgs/beta/servers", token: beta, json: ServerFields(slug: "beta-docs", name: "Beta")).status == .created)
            var ids: [String: (org: String, server: String)] = [:]
            for (slug, server) in [("acme", "acme-docs"), ("beta", "beta-docs")] {
                ids[slug] = try await database.withConnection { db in
                    let row = try #require(try await db.raw("""
                        SELECT o.id AS org, s.id AS server FROM organizations o JOIN mcp_servers s ON s.organization_id = o.id
                        WHERE o.slug = \(bind: slug) AND s.slug = \(bind: server)
                        """).first())
                    return (try row.decode(column: "org", as: String.self), try row.decode(column: "server", as: String.self))
                }
            }
            let acme = try #require(ids["acme"]), betaIDs = try #require(ids["beta"])
            try await database.transaction { db in
                try await Self.seed(db, organizationID: acme.org, serverID: acme.server, prefix: "a")
                try await Self.seed(db, organizationID: betaIDs.org, serverID: betaIDs.server, prefix: "b")
            }
            let query = "since=2025-10-01T00:00:00Z&until=2026-01-06T00:00:00Z&bucket=1d"
            let before = try await AnalyticsTests.get(mcp, "overview", APIAnalyticsOverview.self, query: query)
            let toolsBefore = try await AnalyticsTests.get(mcp, "tools", Page<APIAnalyticsTool>.self, query: query).items
            #expect(before.toolCalls == 4 && before.sessions == 2 && before.uniqueUsers == 1, "\(before)")

            // acme keeps everything; the daemon's setting is 30 days.
            let keep = try await mcp.api.call(.patch, "/v1/orgs/acme", token: mcp.token,
                                              raw: #"{"settings":{"tool_call_retention_days":0,"session_retention_days":0}}"#)
            #expect(keep.status == .ok, "\(String(decoding: keep.body, as: UTF8.self))")
            let kept = try #require(try keep.decode(APIOrganization.self).settings)
            #expect(kept.toolCallRetention == APIRetentionPeriod(days: 0, source: .organization) && kept.sessionRetention.source == .organization)
            let settings = mcp.services.configuration
            let purge = RetentionPurge(database: database, toolCallDays: settings.toolCallRetentionDays, sessionDays: settings.sessionRetentionDays,
                                       batchSize: 2, pause: .zero, logger: TestDatabase.logger)

            // Nothing is rolled up yet: no tool call goes; beta's ended session does, its live one stays.
            #expect(try await purge.purge(now: Self.t0) == .init(toolCalls: 0, sessions: 1))
            try await AnalyticsRollup(database: database, logger: TestDatabase.logger).roll(upTo: Self.t0)
            #expect(try await purge.purge(now: Self.t0) == .init(toolCalls: 3, sessions: 0))
            for (table, acmeRows, betaRows) in [("tool_calls", 4, 1), ("end_user_sessions", 2, 1)] {
                let counts = (try await Self.rows(table, acme.org, database), try await Self.rows(table, betaIDs.org, database))
                #expect(counts == (acmeRows, betaRows), "\(table): \(counts)")
            }

            // Back to the daemon's setting: acme's old rows go too.
            let follow = try await mcp.api.call(.patch, "/v1/orgs/acme", token: mcp.token,
                                                raw: #"{"settings":{"tool_call_retention_days":-1,"session_retention_days":-1}}"#)
            let followed = try #require(try follow.decode(APIOrganization.self).settings)
            #expect(followed.toolCallRetention == APIRetentionPeriod(days: 30, source: .platform) && followed.sessionRetention.days == 30)
            #expect(try await purge.purge(now: Self.t0) == .init(toolCalls: 3, sessions: 1))
            let left = (try await Self.rows("tool_calls", acme.org, database), try await Self.rows("end_user_sessions", acme.org, database))
            #expect(left == (1, 1), "the recent call and the live session stay")
            let live = try await database.withConnection { db in
                try await db.raw("SELECT id FROM end_user_sessions WHERE organization_id = \(bind: acme.org)").first()?.decode(column: "id", as: String.self)
            }
            #expect(live == "a_live")
            // An export still shows what retention kept about the end user.
            let export = try await mcp.api.call(.get, "/v1/orgs/acme/users/a_u/export", token: mcp.token).decode(APIEndUserExport.self)
            let counts = (export.dailyCounts ?? []).map { "\($0.kind.rawValue) \($0.tool ?? "-") \($0.count)" }
            #expect(counts == ["sessions - 1", "tool_calls search_docs 3"] && export.toolCalls.count == 1, "\(counts)")

            // The same totals from the roll-ups.
            let after = try await AnalyticsTests.get(mcp, "overview", APIAnalyticsOverview.self, query: query)
            #expect(after.toolCalls == before.toolCalls && after.sessions == before.sessions && after.uniqueUsers == before.uniqueUsers
                    && after.newUsers == before.newUsers, "\(after)")
            let toolsAfter = try await AnalyticsTests.get(mcp, "tools", Page<APIAnalyticsTool>.self, query: query).items
            #expect(toolsAfter.map(\.calls) == toolsBefore.map(\.calls) && toolsAfter.map(\.uniqueUsers) == toolsBefore.map(\.uniqueUsers))
            let users = try await AnalyticsTests.get(mcp, "users", Page<APIAnalyticsUser>.self, query: query).items
            #expect(users.map(\.toolCalls) == [4] && users.map(\.sessions) == [2], "\(users)")
            let betaOverview = try await AnalyticsTests.get(mcp, "overview", APIAnalyticsOverview.self, token: beta, org: "beta", query: query)
            #expect(betaOverview.toolCalls == 4 && betaOverview.sessions == 2, "beta's totals are its own: \(betaOverview)")

            // Bad settings: a clear 422 or 400, and nothing changes.
            for (body, status) in [(#"{"settings":{"tool_call_retention_days":36501}}"#, HTTPResponse.Status.unprocessableContent),
                                   (#"{"settings":{"session_retention_days":-2}}"#, .unprocessableContent),
                                   (#"{"settings":{"tool_call_retention_days":"ninety"}}"#, .badRequest),
                                   (#"{"settings":{"tool_call_retention_days":1e400}}"#, .badRequest)] {
                let reply = try await mcp.api.call(.patch, "/v1/orgs/acme", token: mcp.token, raw: body)
                #expect(reply.status == status, "\(body): \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
            }
            let unchanged = try #require(try await mcp.api.call(.get, "/v1/orgs/acme", token: mcp.token).decode(APIOrganization.self).settings)
            #expect(unchanged.toolCallRetention == APIRetentionPeriod(days: 30, source: .platform))
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme", token: beta, raw: #"{"settings":{"tool_call_retention_days":1}}"#).status == .notFound)
        }
    }

    @Test("duration buckets: within 6.25% of every value, no trap on any stored bucket number or count")
    func histogram() {
        var value: Int64 = 1
        while value < Int64.max / 3 {
            for probe in [value, value + value / 3, value * 2 - 1] {
                let estimate = DurationHistogram.estimate(bucket: DurationHistogram.bucket(microseconds: probe))
                #expect(estimate != nil, "\(probe)")
                #expect(abs((estimate ?? 0) - Double(probe)) <= Double(probe) * 0.0625, "\(probe)")
            }
            value *= 3
        }
        #expect(DurationHistogram.bucket(microseconds: -5) == 0 && DurationHistogram.bucket(microseconds: .max) == 62 * 8 + 7)
        for garbage in [Int.min, -1, 8, 23, 512, Int.max] { #expect(DurationHistogram.estimate(bucket: garbage) == nil) }
        #expect(DurationHistogram.percentile(exact: [], buckets: [DurationHistogram.bucket(microseconds: 1000): .max, 99_999: 5, 100: .max], 0.99) != nil)
        #expect(DurationHistogram.percentile(exact: [1, 2, 3], buckets: [:], .nan) == 1)
        #expect(RetentionPurge.dayStart(.min) == .min && RetentionPurge.dayStart(-1) == -Self.day && RetentionPurge.bounded(.max) == RetentionPurge.maxDays)
    }

    @Test("a range over pruned days reads whole roll-up units before the cutoff and raw rows only after it; no range traps")
    func splits() {
        let hour = AnalyticsTests.hour
        let cases: [(EpochMillis, EpochMillis, EpochMillis)] = [
            (-7_200_001, -7_200_000, Self.day), (-100, 50, Self.day), (0, 1, 0), (Self.t0 + 1, Self.t0 + 2, Self.t0 + Self.day),
            (Self.t0 - 5, Self.t0 + 3 * Self.day + 7, Self.t0 + Self.day), (Self.t0 + 90 * 60_000, Self.t0 + 2 * hour, Self.t0 + Self.day),
        ]
        for (since, until, pruned) in cases {
            let scope = AnalyticsScope(organizationID: "org", serverID: nil, serverSlug: nil, since: since, until: until, bucketName: "1h")
            for unit in [hour, Self.day] {
                let split = scope.split(unit: unit, watermark: Self.t0 + 2 * Self.day, prunedBefore: pruned)
                if pruned > 0, pruned > since {
                    let rolled = split.rolled
                    #expect(rolled != nil, "\(since)…\(until) by \(unit)")
                    #expect((rolled?.lowerBound ?? .max) <= max(since, 0) && split.raw.allSatisfy { $0.lowerBound >= pruned }, "\(since)…\(until): \(split)")
                }
            }
        }
        // Half of a pruned hour counts the whole hour.
        let half = AnalyticsScope(organizationID: "org", serverID: nil, serverSlug: nil, since: Self.t0 + 90 * 60_000, until: Self.t0 + 2 * hour,
                                  bucketName: "5m").split(unit: hour, watermark: Self.t0 + Self.day, prunedBefore: Self.t0 + Self.day)
        #expect(half.rolled == (Self.t0 + hour)..<(Self.t0 + 2 * hour) && half.raw.isEmpty)
    }

    @Test("mcpctl orgs update sets and resets the overrides; orgs show says whose setting applies; bad days exit 2")
    func cli() async throws {
        try await TicketsCLITests.withDesk(.sqlite) { desk in
            let set = try await desk.ctl(["orgs", "update", "--tool-call-retention-days", "90", "--session-retention-days", "0"])
            #expect(set.status == 0, "\(set)")
            let shown = try await desk.ctl(["orgs", "show"])
            #expect(shown.stdout.contains("90 days (this organization's setting)") && shown.stdout.contains("kept (this organization's setting)"), "\(shown.stdout)")
            #expect(try await desk.ctl(["orgs", "update", "--tool-call-retention-days", "default"]).status == 0)
            let reset = try await desk.ctl(["orgs", "show", "-o", "json"])
            let settings = try #require(try APICoding.makeDecoder().decode(APIOrganization.self, from: Data(reset.stdout.utf8)).settings)
            #expect(settings.toolCallRetention == APIRetentionPeriod(days: 0, source: .platform) && settings.sessionRetention.source == .organization)
            for bad in ["-1", "ninety", "36501"] {
                let refused = try await desk.ctl(["orgs", "update", "--tool-call-retention-days", bad])
                #expect(refused.status == 2 && refused.stderr.contains("tool-call-retention-days"), "\(bad): \(refused)")
            }
        }
    }
}
