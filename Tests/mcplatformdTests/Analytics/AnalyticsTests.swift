import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// Analytics reports on fixed-timestamp fixtures with known answers, identical on both engines,
/// before and after the roll-ups cover part of the range, and after retention deleted every raw
/// row (the clock controlled): the same totals, percentiles as histogram estimates.
@Suite("Analytics")
struct AnalyticsTests {
    static let t0: EpochMillis = 1_767_571_200_000  // 2026-01-05T00:00:00Z
    static let minute: EpochMillis = 60_000
    static let hour: EpochMillis = 3_600_000
    static let day: EpochMillis = 86_400_000

    /// Three active end users (one returning with an email, one new with a tracking id, one new
    /// anonymous), one inactive; six tool calls; three tickets; two runs of a three-step walkthrough.
    static func seed(_ db: any SQLDatabase, organizationID: String, serverID: String) async throws {
        let t = t0
        for (id, email, seen) in [("eu_u1", "ada@example.com", t - 10 * day), ("eu_u2", nil, t + hour), ("eu_u3", nil, t + 2 * hour), ("eu_u4", nil, t - 3 * day)] as [(String, String?, EpochMillis)] {
            try await db.raw("""
                INSERT INTO end_users (id, organization_id, email, first_seen_at, last_seen_at)
                VALUES (\(bind: id), \(bind: organizationID), \(bind: email), \(bind: seen), \(bind: seen))
                """).run()
        }
        try await db.raw("INSERT INTO end_user_tracking_ids (organization_id, tracking_id, end_user_id, created_at) VALUES (\(bind: organizationID), 'crm-2', 'eu_u2', \(bind: t))").run()
        for (id, user, start) in [("ses_1", "eu_u1", t + hour), ("ses_2", "eu_u2", t + hour + 30 * minute), ("ses_3", "eu_u3", t + 25 * hour), ("ses_4", "eu_u4", t - 2 * day)] {
            try await db.raw("""
                INSERT INTO end_user_sessions (id, organization_id, server_id, end_user_id, era, protocol_version, started_at, last_seen_at)
                VALUES (\(bind: id), \(bind: organizationID), \(bind: serverID), \(bind: user), 'legacy', '2025-11-25', \(bind: start), \(bind: start + 10 * minute))
                """).run()
        }
        let calls: [(String, String, EpochMillis, Int64, Bool)] = [
            ("eu_u1", "get_support", t + hour, 10_000, false), ("eu_u1", "get_support", t + hour + 10 * minute, 20_000, false),
            ("eu_u1", "get_support", t + 2 * hour + 5 * minute, 30_000, true), ("eu_u2", "search_docs", t + hour + 40 * minute, 5_000, false),
            ("eu_u2", "search_docs", t + 26 * hour, 7_000, false), ("eu_u3", "start_walkthrough", t + 25 * hour + 10 * minute, 3_000, false),
        ]
        for (index, call) in calls.enumerated() {
            try await db.raw("""
                INSERT INTO tool_calls (id, organization_id, server_id, end_user_id, tool, arguments, outcome, duration_us, created_at)
                VALUES (\(bind: "tc_\(index)"), \(bind: organizationID), \(bind: serverID), \(bind: call.0), \(bind: call.1), '{}',
                        \(bind: call.4 ? "error" : "ok"), \(bind: call.3), \(bind: call.2))
                """).run()
        }
        for (number, user, created, resolved) in [(1, "eu_u1", t + hour + 10 * minute, Optional(t + 3 * hour + 10 * minute)),
                                                   (2, "eu_u2", t + hour + 45 * minute, Optional(t + hour + 55 * minute)),
                                                   (3, "eu_u1", t + 2 * hour, nil)] as [(Int, String, EpochMillis, EpochMillis?)] {
            try await db.raw("""
                INSERT INTO support_tickets (id, organization_id, number, server_id, end_user_id, title, description, status, priority, created_at, updated_at, resolved_at)
                VALUES (\(bind: "tkt_\(number)"), \(bind: organizationID), \(bind: Int64(number)), \(bind: serverID), \(bind: user), 'T', 'D',
                        \(bind: resolved == nil ? "open" : "resolved"), 'normal', \(bind: created), \(bind: created), \(bind: resolved))
                """).run()
        }
        let walkthrough = try WalkthroughParser.parse("---\ntitle: Setup\ntype: course\nstatus: published\n---\n## A {#a}\nx\n## B {#b}\nx\n## C {#c}\nx\n", file: "setup.md")
        try await WalkthroughStore().insert(walkthrough, id: "wt_setup", organizationID: organizationID, source: "default", now: t, on: db)
        try await WalkthroughStore().assign(walkthroughID: "wt_setup", serverID: serverID, position: 0, enabled: true, on: db)
        for (user, start, completed) in [("eu_u1", t + hour + 20 * minute, Optional(t + hour + 40 * minute)), ("eu_u3", t + 25 * hour + 10 * minute, nil)]
            as [(String, EpochMillis, EpochMillis?)] {
            try await db.raw("""
                INSERT INTO walkthrough_runs (organization_id, end_user_id, walkthrough_id, run, server_id, started_at, completed_at)
                VALUES (\(bind: organizationID), \(bind: user), 'wt_setup', 1, \(bind: serverID), \(bind: start), \(bind: completed))
                """).run()
        }
        let marks: [(String, String, EpochMillis)] = [
            ("eu_u1", "a", t + hour + 25 * minute), ("eu_u1", "b", t + hour + 30 * minute), ("eu_u1", "c", t + hour + 40 * minute),
            ("eu_u3", "a", t + 25 * hour + 20 * minute), ("eu_u3", "b", t + 25 * hour + 50 * minute),
        ]
        for (index, mark) in marks.enumerated() {
            try await db.raw("""
                INSERT INTO walkthrough_step_completions (id, organization_id, end_user_id, walkthrough_id, run, step_key, server_id, created_at)
                VALUES (\(bind: "wsc_\(index)"), \(bind: organizationID), \(bind: mark.0), 'wt_setup', 1, \(bind: mark.1), \(bind: serverID), \(bind: mark.2))
                """).run()
        }
    }

    static func get<T: Decodable>(_ mcp: MCPHarness, _ report: String, _ type: T.Type, token: String? = nil, org: String = "acme",
                                  query: String = "since=2026-01-05T00:00:00Z&until=2026-01-08T00:00:00Z") async throws -> T {
        let reply = try await mcp.api.call(.get, "/v1/orgs/\(org)/analytics/\(report)?\(query)", token: token ?? mcp.token)
        #expect(reply.status == .ok, "\(report): \(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(type)
    }

    @Test("every report's numbers, exactly, on raw rows, once roll-ups cover part of the range, and once retention pruned every raw row",
          arguments: TestEngine.all)
    func knownAnswers(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let serverID = try #require(try await mcp.services.database.withConnection { db in
                try await db.select().column("id").from("mcp_servers").where("slug", .equal, "acme-docs").first()?.decode(column: "id", as: String.self)
            })
            let orgID = try #require(try await mcp.services.database.withConnection { db in
                try await db.select().column("id").from("organizations").where("slug", .equal, "acme").first()?.decode(column: "id", as: String.self)
            })
            try await mcp.services.database.transaction { try await Self.seed($0, organizationID: orgID, serverID: serverID) }

            for pass in ["raw", "rolled up to day 2 + 2h", "rolled up past the range", "raw rows pruned"] {
                if pass == "rolled up to day 2 + 2h" {
                    try await AnalyticsRollup(database: mcp.services.database, logger: TestDatabase.logger).roll(upTo: Self.t0 + 26 * Self.hour)
                } else if pass == "rolled up past the range" {
                    try await AnalyticsRollup(database: mcp.services.database, logger: TestDatabase.logger).roll(upTo: Self.t0 + 10 * Self.day)
                } else if pass == "raw rows pruned" {
                    // 30 days' retention, 40 days later, in batches of two rows.
                    let purge = RetentionPurge(database: mcp.services.database, toolCallDays: 30, sessionDays: 30, batchSize: 2, pause: .zero,
                                               logger: TestDatabase.logger)
                    #expect(try await purge.purge(now: Self.t0 + 40 * Self.day) == .init(toolCalls: 6, sessions: 4))
                    let left = (try await mcp.count("tool_calls"), try await mcp.count("end_user_sessions"))
                    #expect(left == (0, 0), "raw rows gone")
                    #expect(try await purge.purge(now: Self.t0 + 40 * Self.day) == .init(), "a second purge finds nothing")
                }
                let pruned = pass == "raw rows pruned"
                let overview = try await Self.get(mcp, "overview", APIAnalyticsOverview.self)
                #expect(overview.toolCalls == 6 && overview.sessions == 3 && overview.uniqueUsers == 3, "\(pass): \(overview)")
                #expect(overview.identifiedUsers == 2 && overview.identifiedShare == 0.6667, "\(pass)")
                #expect(overview.newUsers == 2 && overview.returningUsers == 1, "\(pass)")
                #expect(overview.ticketsOpened == 3 && overview.ticketsResolved == 2 && overview.medianSecondsToResolve == 600, "\(pass)")
                #expect(overview.walkthroughsStarted == 2 && overview.walkthroughsCompleted == 1, "\(pass)")
                #expect(overview.range.bucket == "1h", "three days are bucketed by the hour")

                let daily = try await Self.get(mcp, "timeseries", APIAnalyticsTimeseries.self, query: "since=2026-01-05T00:00:00Z&until=2026-01-08T00:00:00Z&bucket=1d")
                #expect(daily.tools == ["get_support", "search_docs", "start_walkthrough"], "\(pass)")
                #expect(daily.points.map(\.totalCalls) == [4, 2, 0] && daily.points.map(\.uniqueUsers) == [2, 2, 0], "\(pass): \(daily.points)")
                #expect(daily.points[0].calls == ["get_support": 3, "search_docs": 1, "start_walkthrough": 0])
                let hourly = try await Self.get(mcp, "timeseries", APIAnalyticsTimeseries.self)
                #expect(hourly.points.count == 72 && hourly.points[1].totalCalls == 3 && hourly.points[2].totalCalls == 1, "\(pass)")
                // Distinct users per hour are not kept once raw rows are pruned (per day they are).
                #expect(hourly.points.map(\.totalCalls).reduce(0, +) == 6 && hourly.points[1].uniqueUsers == (pruned ? 0 : 2))
                let fine = try await Self.get(mcp, "timeseries", APIAnalyticsTimeseries.self, query: "since=2026-01-05T01:00:00Z&until=2026-01-05T02:00:00Z&bucket=5m")
                // Pruned: each hour's calls in the bucket that starts it.
                #expect(fine.points.count == 12 && fine.points.map(\.totalCalls) == (pruned ? [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] : [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]),
                        "\(pass): empty buckets present")
                // Part of a pruned hour counts the whole hour (raw: the one call at 01:40).
                let halfHour = try await Self.get(mcp, "overview", APIAnalyticsOverview.self, query: "since=2026-01-05T01:30:00Z&until=2026-01-05T02:00:00Z")
                #expect(halfHour.toolCalls == (pruned ? 3 : 1), "\(pass)")

                let tools = try await Self.get(mcp, "tools", Page<APIAnalyticsTool>.self).items
                #expect(tools.map(\.tool) == ["get_support", "search_docs", "start_walkthrough"])
                #expect(tools[0].calls == 3 && tools[0].errors == 1 && tools[0].errorRate == 0.3333 && tools[0].uniqueUsers == 1, "\(pass)")
                #expect(tools[1].calls == 2 && tools[1].uniqueUsers == 1 && tools[2].calls == 1, "\(pass)")
                // Exact on raw rows; from pruned rows, a histogram bucket's midpoint, within 6.25%.
                for (tool, p50, p95) in [(tools[0], 20.0, 30.0), (tools[1], 5.0, 7.0), (tools[2], 3.0, 3.0)] {
                    if pruned {
                        #expect(abs(tool.p50Ms - p50) <= p50 * 0.0625 && abs(tool.p95Ms - p95) <= p95 * 0.0625 && tool.p50Ms != p50, "\(tool)")
                    } else {
                        #expect(tool.p50Ms == p50 && tool.p95Ms == p95, "\(pass): \(tool)")
                    }
                }

                let users = try await Self.get(mcp, "users", Page<APIAnalyticsUser>.self).items
                #expect(users.map(\.endUserId) == ["eu_u1", "eu_u2", "eu_u3"])
                #expect(users.map(\.toolCalls) == [3, 2, 1] && users.map(\.tickets) == [2, 1, 0] && users.map(\.sessions) == [1, 1, 1])
                #expect(users[0].email == "ada@example.com" && users[1].trackingIds == ["crm-2"])

                let walkthroughs = try await Self.get(mcp, "walkthroughs", Page<APIAnalyticsWalkthrough>.self).items
                let setup = try #require(walkthroughs.first)
                #expect(setup.starts == 2 && setup.completions == 1 && setup.completionRate == 0.5)
                #expect(setup.steps.map(\.reached) == [2, 2, 2] && setup.steps.map(\.completed) == [2, 2, 1] && setup.steps.map(\.dropOff) == [0, 0, 1])
                #expect(setup.steps.map(\.medianSeconds) == [300, 300, 600], "lower medians of time on each step")

                let funnel = try await Self.get(mcp, "funnel/setup", APIAnalyticsFunnel.self)
                #expect(funnel.stages.map(\.name) == ["connected", "identified", "started", "step a", "step b", "step c", "completed"])
                #expect(funnel.stages.map(\.users) == [3, 2, 2, 2, 2, 1, 1], "\(funnel.stages)")

                let flow = try await Self.get(mcp, "flow", APIAnalyticsFlow.self)
                let links = Dictionary(uniqueKeysWithValues: flow.links.map { ("\($0.source)→\($0.target)", $0.users) })
                #expect(links == ["connected→identified": 2, "connected→anonymous": 1, "identified→walkthrough": 1, "identified→support ticket": 2,
                                  "identified→docs search": 1, "anonymous→walkthrough": 1, "walkthrough→completed": 1, "walkthrough→dropped": 1], "\(links)")
            }

            // Another server has none of it; another organization sees none of it.
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token, json: ServerFields(slug: "acme-two", name: "Two")).status == .created)
            let other = try await Self.get(mcp, "overview", APIAnalyticsOverview.self, query: "since=2026-01-05T00:00:00Z&until=2026-01-08T00:00:00Z&server=acme-two")
            #expect(other.toolCalls == 0 && other.uniqueUsers == 0 && other.ticketsOpened == 0 && other.walkthroughsStarted == 0)
            let mine = try await Self.get(mcp, "overview", APIAnalyticsOverview.self, query: "since=2026-01-05T00:00:00Z&until=2026-01-08T00:00:00Z&server=acme-docs")
            #expect(mine.toolCalls == 6 && mine.uniqueUsers == 3)
            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            let theirs = try await Self.get(mcp, "overview", APIAnalyticsOverview.self, token: beta, org: "beta")
            #expect(theirs.toolCalls == 0 && theirs.uniqueUsers == 0 && theirs.ticketsOpened == 0)
            #expect(try await Self.get(mcp, "flow", APIAnalyticsFlow.self, token: beta, org: "beta").links.isEmpty)
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/analytics/overview", token: beta).status == .notFound)

            // Bad input.
            for (query, status) in [("since=2026-01-08T00:00:00Z&until=2026-01-05T00:00:00Z", HTTPResponse.Status.badRequest), ("bucket=2h", .badRequest),
                                    ("since=soon", .badRequest), ("since=400d&bucket=5m", .badRequest), ("server=nope", .notFound)] {
                #expect(try await mcp.api.call(.get, "/v1/orgs/acme/analytics/overview?\(query)", token: mcp.token).status == status, "\(query)")
            }
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/analytics/funnel/nope", token: mcp.token).status == .notFound)
        }
    }
}
