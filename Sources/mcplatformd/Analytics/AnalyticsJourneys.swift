import Foundation
import Shared
import SQLKit

/// The walkthrough and journey reports: per-step funnels over runs started in the range, a
/// funnel of distinct end users for one walkthrough, and the Sankey flow of what end users do.
extension AnalyticsQueries {
    private struct Run: Hashable {
        let user: String
        let walkthrough: String
        let run: Int64
    }

    private func runs(_ scope: AnalyticsScope, walkthroughID: String?, on db: any SQLDatabase) async throws -> [Run: (started: EpochMillis, completed: EpochMillis?)] {
        var result: [Run: (EpochMillis, EpochMillis?)] = [:]
        let only: SQLQueryString = walkthroughID.map { "AND walkthrough_id = \(bind: $0)" } ?? ""
        for row in try await db.raw("""
            SELECT end_user_id, walkthrough_id, run, started_at, completed_at FROM walkthrough_runs
            WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id")) \(only)
              AND started_at >= \(bind: scope.since) AND started_at < \(bind: scope.until)
            """).all() {
            result[Run(user: try row.decode(column: "end_user_id", as: String.self), walkthrough: try row.decode(column: "walkthrough_id", as: String.self),
                       run: try row.decode(column: "run", as: Int64.self))] =
                (try row.decode(column: "started_at", as: EpochMillis.self), try row.decode(column: "completed_at", as: EpochMillis?.self))
        }
        return result
    }

    /// When each step was completed, per run (for the runs given).
    private func completions(_ scope: AnalyticsScope, runs: Set<Run>, on db: any SQLDatabase) async throws -> [Run: [String: EpochMillis]] {
        guard !runs.isEmpty else { return [:] }
        var result: [Run: [String: EpochMillis]] = [:]
        for row in try await db.raw("""
            SELECT end_user_id, walkthrough_id, run, step_key, created_at FROM walkthrough_step_completions
            WHERE organization_id = \(bind: scope.organizationID) AND created_at >= \(bind: scope.since)
            """).all() {
            let run = Run(user: try row.decode(column: "end_user_id", as: String.self), walkthrough: try row.decode(column: "walkthrough_id", as: String.self),
                          run: try row.decode(column: "run", as: Int64.self))
            guard runs.contains(run) else { continue }
            result[run, default: [:]][try row.decode(column: "step_key", as: String.self)] = try row.decode(column: "created_at", as: EpochMillis.self)
        }
        return result
    }

    func walkthroughs(_ scope: AnalyticsScope) async throws -> [APIAnalyticsWalkthrough] {
        try await database.withConnection { db in
            let runs = try await runs(scope, walkthroughID: nil, on: db)
            let done = try await completions(scope, runs: Set(runs.keys), on: db)
            let store = WalkthroughStore()
            var reports: [APIAnalyticsWalkthrough] = []
            for walkthrough in try await store.list(organizationID: scope.organizationID, on: db) {
                if let slug = scope.serverSlug, !walkthrough.assignments.contains(where: { $0.serverSlug == slug }) { continue }
                let steps = try await store.steps(walkthroughID: walkthrough.id, on: db)
                let mine = runs.filter { $0.key.walkthrough == walkthrough.id }
                let completed = mine.values.filter { $0.completed != nil }.count
                var stepReports: [APIAnalyticsStep] = []
                for (index, step) in steps.enumerated() {
                    var reached = 0, finished = 0
                    var times: [Int64] = []
                    for (run, info) in mine {
                        let marks = done[run] ?? [:]
                        let from: EpochMillis? = index == 0 ? info.started : marks[steps[index - 1].key]
                        guard let from else { continue }
                        reached += 1
                        if let at = marks[step.key] {
                            finished += 1
                            if at >= from { times.append(at - from) }
                        }
                    }
                    times.sort()
                    stepReports.append(APIAnalyticsStep(key: step.key, title: step.title, reached: reached, completed: finished, dropOff: reached - finished,
                                                        medianSeconds: AnalyticsBucket.percentile(times, 0.5).map { Int($0 / 1000) }))
                }
                reports.append(APIAnalyticsWalkthrough(slug: walkthrough.slug, title: walkthrough.title, starts: mine.count, completions: completed,
                                                       completionRate: mine.isEmpty ? 0 : (Double(completed) / Double(mine.count) * 10000).rounded() / 10000,
                                                       steps: stepReports))
            }
            return reports
        }
    }

    /// Distinct end users connected in the range (a session overlapping it, or a pruned session
    /// started on a day the range touches), and which of them are identified.
    private func connected(_ scope: AnalyticsScope, serverIDs: [String]?, on db: any SQLDatabase) async throws -> (all: Set<String>, identified: Set<String>) {
        func servers(_ column: String) -> SQLQueryString {
            guard let serverIDs else { return "" }
            return serverIDs.isEmpty ? "AND 1 = 0" : "AND \(unsafeRaw: column) IN (\(binds: serverIDs))"
        }
        var all = Set<String>(), identified = Set<String>()
        for row in try await db.raw("""
            SELECT u.id, CASE WHEN u.email IS NOT NULL OR u.upstream_subject IS NOT NULL OR EXISTS (SELECT 1 FROM end_user_tracking_ids x WHERE x.end_user_id = u.id)
                              THEN 1 ELSE 0 END AS known
            FROM end_users u WHERE u.organization_id = \(bind: scope.organizationID) AND u.id IN (
                SELECT s.end_user_id FROM end_user_sessions s
                WHERE s.organization_id = \(bind: scope.organizationID) \(scope.server("s.server_id")) \(servers("s.server_id"))
                  AND s.last_seen_at >= \(bind: scope.since) AND s.started_at < \(bind: scope.until)
                UNION SELECT d.end_user_id FROM analytics_session_days d
                WHERE d.organization_id = \(bind: scope.organizationID) \(scope.server("d.server_id")) \(servers("d.server_id"))
                  AND \(scope.prunedDays("d.day_start")))
            """).all() {
            let id = try row.decode(column: "id", as: String.self)
            all.insert(id)
            if try row.decode(column: "known", as: Int.self) == 1 { identified.insert(id) }
        }
        return (all, identified)
    }

    func funnel(_ scope: AnalyticsScope, walkthrough reference: String) async throws -> APIAnalyticsFunnel? {
        try await database.withConnection { db in
            guard let walkthrough = try await WalkthroughStore().find(reference, organizationID: scope.organizationID, on: db) else { return nil }
            let assigned = try await db.select().column("server_id").from("server_walkthroughs").where("walkthrough_id", .equal, walkthrough.id).all()
                .map { try $0.decode(column: "server_id", as: String.self) }
            let people = try await connected(scope, serverIDs: assigned, on: db)
            let runs = try await runs(scope, walkthroughID: walkthrough.id, on: db)
            let done = try await completions(scope, runs: Set(runs.keys), on: db)
            var stages = [APIAnalyticsStage(name: "connected", users: people.all.count), APIAnalyticsStage(name: "identified", users: people.identified.count),
                          APIAnalyticsStage(name: "started", users: Set(runs.keys.map(\.user)).count)]
            for step in walkthrough.steps ?? [] {
                stages.append(APIAnalyticsStage(name: "step \(step.key)", users: Set(runs.keys.filter { done[$0]?[step.key] != nil }.map(\.user)).count))
            }
            stages.append(APIAnalyticsStage(name: "completed", users: Set(runs.filter { $0.value.completed != nil }.map(\.key.user)).count))
            return APIAnalyticsFunnel(range: scope.range, walkthrough: walkthrough.slug, stages: stages)
        }
    }

    static let flowNodes = ["connected", "identified", "anonymous", "walkthrough", "support ticket", "docs search", "no action", "completed", "dropped"]

    func flow(_ scope: AnalyticsScope) async throws -> APIAnalyticsFlow {
        try await database.withConnection { db in
            let people = try await connected(scope, serverIDs: nil, on: db)
            let runs = try await runs(scope, walkthroughID: nil, on: db)
            let walkers = Set(runs.keys.map(\.user))
            let finishers = Set(runs.filter { $0.value.completed != nil }.map(\.key.user))
            let ticketers = Set(try await db.raw("""
                SELECT DISTINCT end_user_id FROM support_tickets WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
                  AND end_user_id IS NOT NULL AND created_at >= \(bind: scope.since) AND created_at < \(bind: scope.until)
                """).all().map { try $0.decode(column: "end_user_id", as: String.self) })
            let searchers = Set(try await db.raw("""
                SELECT DISTINCT end_user_id FROM tool_calls WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
                  AND tool = 'search_docs' AND end_user_id IS NOT NULL AND created_at >= \(bind: scope.since) AND created_at < \(bind: scope.until)
                UNION SELECT end_user_id FROM analytics_user_tool_days WHERE organization_id = \(bind: scope.organizationID) \(scope.server("server_id"))
                  AND tool = 'search_docs' AND \(scope.prunedDays())
                """).all().map { try $0.decode(column: "end_user_id", as: String.self) })
            let anonymous = people.all.subtracting(people.identified)
            var links: [APIAnalyticsLink] = [
                APIAnalyticsLink(source: "connected", target: "identified", users: people.identified.count),
                APIAnalyticsLink(source: "connected", target: "anonymous", users: anonymous.count),
            ]
            for (name, group) in [("identified", people.identified), ("anonymous", anonymous)] {
                links.append(APIAnalyticsLink(source: name, target: "walkthrough", users: group.intersection(walkers).count))
                links.append(APIAnalyticsLink(source: name, target: "support ticket", users: group.intersection(ticketers).count))
                links.append(APIAnalyticsLink(source: name, target: "docs search", users: group.intersection(searchers).count))
                links.append(APIAnalyticsLink(source: name, target: "no action", users: group.subtracting(walkers).subtracting(ticketers).subtracting(searchers).count))
            }
            let walkedHere = people.all.intersection(walkers)
            links.append(APIAnalyticsLink(source: "walkthrough", target: "completed", users: walkedHere.intersection(finishers).count))
            links.append(APIAnalyticsLink(source: "walkthrough", target: "dropped", users: walkedHere.subtracting(finishers).count))
            return APIAnalyticsFlow(range: scope.range, nodes: Self.flowNodes, links: links.filter { $0.users > 0 })
        }
    }
}
