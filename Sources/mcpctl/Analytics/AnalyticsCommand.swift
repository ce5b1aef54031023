import ArgumentParser
import Foundation
import Shared

/// `mcpctl analytics`: who uses your MCP servers, for what, and where they get stuck.
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Usage, de-anonymization and walkthrough funnels: tables, CSV/JSON, and SVG charts.",
        discussion: """
            Every report takes --server, --since/--until (a duration like 7d, or an RFC 3339 time;
            default: the last 7 days), and --bucket 5m|1h|1d (chosen from the range when omitted).
            Times are bucketed in UTC; --tz only changes how they are shown.

            Examples:
              mcpctl analytics overview --since 30d
              mcpctl analytics timeseries --since 24h --svg calls.svg
              mcpctl analytics tools -o csv > tools.csv
              mcpctl analytics funnel getting-started --svg funnel.svg
              mcpctl analytics flow --since 30d --svg flow.svg
            """,
        subcommands: [AnalyticsOverview.self, AnalyticsTimeseries.self, AnalyticsTools.self, AnalyticsUsers.self, AnalyticsWalkthroughs.self,
                      AnalyticsFunnel.self, AnalyticsFlow.self])
}

/// The options every report takes.
struct AnalyticsOptions: ParsableArguments {
    @Option(help: "Only this server (slug).") var server: String?
    @Option(help: "Start: a duration ago (7d, 24h) or an RFC 3339 time. Default: 7 days before --until.") var since: String?
    @Option(help: "End: a duration ago or an RFC 3339 time. Default: now.") var until: String?
    @Option(help: "5m, 1h or 1d. Default: chosen from the range.") var bucket: String?
    @Option(help: "Time zone to show times in (e.g. Europe/Berlin). Default: UTC.") var tz: String?

    /// What a report asks for, after checking what can be checked here.
    struct Query {
        var server: String?
        var since: String?
        var until: String?
        var bucket: String?
    }

    /// The report's query, after checking what can be checked here.
    func query() throws -> Query {
        if let bucket, AnalyticsBucket.sizes[bucket] == nil { throw CLIError.usage("--bucket is 5m, 1h or 1d") }
        let now = Date()
        let end = try until.map { text in
            guard let date = TimeSpec.moment(text, now: now) else { throw CLIError.usage("--until is a duration like 1d or an RFC 3339 time") }
            return date
        }
        let start = try since.map { text in
            guard let date = TimeSpec.moment(text, now: now) else { throw CLIError.usage("--since is a duration like 7d or an RFC 3339 time") }
            return date
        }
        if let start, start >= (end ?? now) { throw CLIError.usage("--since must be before --until") }
        _ = try zone()
        return Query(server: server, since: start?.formatted(.iso8601), until: end?.formatted(.iso8601), bucket: bucket)
    }

    func zone() throws -> TimeZone {
        guard let tz else { return TimeZone(identifier: "UTC") ?? .current }
        guard let zone = TimeZone(identifier: tz) else { throw CLIError.usage("unknown time zone '\(tz)'", hint: "use a name like Europe/Berlin or UTC") }
        return zone
    }

    /// A bucket start as shown.
    func label(_ date: Date, bucket: String) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = try zone()
        formatter.dateFormat = bucket == "1d" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// Runs a report: fetches it and hands it to `show`.
enum AnalyticsReport {
    static func run<T>(options: AnalyticsOptions, global: GlobalOptions,
                       fetch: (Client, _ org: String, AnalyticsOptions.Query) async throws -> T, show: (T) throws -> Void) async throws {
        try await global.inOrganization { client, org in
            let query = try options.query()
            try show(try await fetch(client.api, org, query))
        }
    }

    /// Writes an SVG file and says so on standard error.
    static func write(_ svg: String, to path: String) throws {
        do {
            try svg.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError(message: "cannot write \(path): \(error.localizedDescription)", exitCode: 1)
        }
        FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
    }
}

struct AnalyticsOverview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview", abstract: "Calls, sessions, users and how many are identified, tickets, walkthroughs.",
        discussion: "Examples:\n  mcpctl analytics overview\n  mcpctl analytics overview --since 30d --server acme-docs -o json")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsOverview(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { o in
            let percent = String(format: "%.1f%%", o.identifiedShare * 100)
            try global.printer.object(o, fields: [
                ("range", "\(try options.label(o.range.since, bucket: "1h")) – \(try options.label(o.range.until, bucket: "1h"))"),
                ("tool calls", "\(o.toolCalls)"), ("sessions", "\(o.sessions)"), ("end users", "\(o.uniqueUsers)"),
                ("identified", "\(o.identifiedUsers) (\(percent))"), ("new / returning", "\(o.newUsers) / \(o.returningUsers)"),
                ("tickets opened", "\(o.ticketsOpened)"), ("tickets resolved", "\(o.ticketsResolved)"),
                ("median time to resolve", o.medianSecondsToResolve.map(Self.duration) ?? "-"),
                ("walkthroughs started", "\(o.walkthroughsStarted)"), ("walkthroughs completed", "\(o.walkthroughsCompleted)"),
            ], id: "overview")
        }
    }

    static func duration(_ seconds: Int) -> String {
        seconds >= 86_400 ? "\(seconds / 86_400)d \(seconds % 86_400 / 3600)h" : (seconds >= 3600 ? "\(seconds / 3600)h \(seconds % 3600 / 60)m" : "\(seconds / 60)m \(seconds % 60)s")
    }
}

struct AnalyticsTimeseries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeseries", abstract: "Tool calls per tool and unique users per bucket (empty buckets included).",
        discussion: "Examples:\n  mcpctl analytics timeseries --since 24h\n  mcpctl analytics timeseries --since 30d --bucket 1d --svg calls.svg\n  mcpctl analytics timeseries -o csv")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions
    @Option(help: "Write a line chart to this SVG file.") var svg: String?

    struct Row: Encodable {
        let start: Date
        let calls: [String: Int]
        let uniqueUsers: Int
    }

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsTimeseries(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { series in
            let labels = try series.points.map { try options.label($0.start, bucket: series.range.bucket) }
            if let svg {
                let lines = series.tools.map { tool in (name: tool, values: series.points.map { $0.calls[tool] ?? 0 }) }
                    + [(name: "unique users", values: series.points.map(\.uniqueUsers))]
                try AnalyticsReport.write(Charts.lines(title: "Tool calls per \(series.range.bucket)", labels: labels, series: lines), to: svg)
            }
            let printer = global.printer
            if printer.format == .json { return print(try Printer.json(series)) }
            var columns = [Column<APIAnalyticsPoint>(header: "START") { (try? options.label($0.start, bucket: series.range.bucket)) ?? "" }]
            columns += series.tools.map { tool in Column(header: tool.uppercased()) { "\($0.calls[tool] ?? 0)" } }
            columns += [Column(header: "CALLS") { "\($0.totalCalls)" }, Column(header: "USERS") { "\($0.uniqueUsers)" }]
            try printer.list(series.points, columns: columns, id: { $0.start.formatted(.iso8601) })
            if printer.format == .table {
                print("calls \(Charts.sparkline(series.points.map(\.totalCalls)))")
                print("users \(Charts.sparkline(series.points.map(\.uniqueUsers)))")
            }
        }
    }
}

struct AnalyticsTools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "Per tool: calls, error rate, p50/p95 duration, unique users.",
        discussion: "Examples:\n  mcpctl analytics tools\n  mcpctl analytics tools --since 30d -o csv")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsTools(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { page in
            let printer = global.printer
            let maximum = page.items.map(\.calls).max() ?? 0
            var columns = [Column<APIAnalyticsTool>(header: "TOOL") { $0.tool }, Column(header: "CALLS") { "\($0.calls)" },
                           Column(header: "ERRORS") { String(format: "%.1f%%", $0.errorRate * 100) }, Column(header: "P50 MS") { String(format: "%.1f", $0.p50Ms) },
                           Column(header: "P95 MS") { String(format: "%.1f", $0.p95Ms) }, Column(header: "USERS") { "\($0.uniqueUsers)" }]
            if printer.format == .table { columns.append(Column(header: "") { Charts.bar($0.calls, of: maximum) }) }
            try printer.list(page.items, columns: columns, id: \.tool)
        }
    }
}

struct AnalyticsUsers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "The most active end users with who they are, sessions, calls, tickets, last seen.",
        discussion: "Examples:\n  mcpctl analytics users --limit 10\n  mcpctl analytics users --since 30d -o json")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions
    @Option(help: "How many (default 20, at most 500).") var limit = 20

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsUsers(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) }, limit: limit)).ok.body.json
        }) { page in
            let printer = global.printer
            try printer.list(page.items, columns: [
                Column(header: "END USER") { $0.email ?? $0.trackingIds.first.map { "tracking \($0)" } ?? "anonymous \($0.endUserId)" },
                Column(header: "CALLS") { "\($0.toolCalls)" }, Column(header: "SESSIONS") { "\($0.sessions)" }, Column(header: "TICKETS") { "\($0.tickets)" },
                Column(header: "LAST SEEN") { printer.time($0.lastSeenAt) }, Column(header: "ID") { $0.endUserId },
            ], id: \.endUserId)
        }
    }
}

struct AnalyticsWalkthroughs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthroughs", abstract: "Per walkthrough: starts, completions, rate; per step: reached, completed, drop-off, median time.",
        discussion: "Examples:\n  mcpctl analytics walkthroughs --since 30d\n  mcpctl analytics walkthroughs --svg steps.svg")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions
    @Option(help: "Write a bar chart of each step's reached/completed to this SVG file.") var svg: String?

    struct StepRow: Encodable {
        let walkthrough: String
        let step: String
        let reached: Int
        let completed: Int
        let dropOff: Int
        let medianSeconds: Int?
    }

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsWalkthroughs(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { page in
            let rows = page.items.flatMap { w in w.steps.map { StepRow(walkthrough: w.slug, step: $0.key, reached: $0.reached, completed: $0.completed,
                                                                        dropOff: $0.dropOff, medianSeconds: $0.medianSeconds) } }
            if let svg {
                try AnalyticsReport.write(Charts.bars(title: "Walkthrough steps: reached and completed", labels: rows.map { "\($0.walkthrough) · \($0.step)" },
                                                      series: [("reached", rows.map(\.reached)), ("completed", rows.map(\.completed))]), to: svg)
            }
            let printer = global.printer
            if printer.format == .json { return print(try Printer.json(page.items)) }
            if printer.format == .table {
                for w in page.items {
                    print("\(w.title) (\(w.slug)): \(w.starts) started, \(w.completions) completed (\(String(format: "%.0f%%", w.completionRate * 100)))")
                    let maximum = w.steps.map(\.reached).max() ?? 0
                    for step in w.steps {
                        print("  \(step.key.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%5d", step.reached)) reached "
                              + "\(String(format: "%5d", step.completed)) done \(String(format: "%5d", step.dropOff)) dropped  "
                              + "\(step.medianSeconds.map(AnalyticsOverview.duration) ?? "-")  \(Charts.bar(step.completed, of: maximum))")
                    }
                }
                return
            }
            try printer.list(rows, columns: [
                Column(header: "WALKTHROUGH") { $0.walkthrough }, Column(header: "STEP") { $0.step }, Column(header: "REACHED") { "\($0.reached)" },
                Column(header: "COMPLETED") { "\($0.completed)" }, Column(header: "DROP_OFF") { "\($0.dropOff)" },
                Column(header: "MEDIAN_SECONDS") { $0.medianSeconds.map(String.init) ?? "" },
            ], id: { "\($0.walkthrough)/\($0.step)" })
        }
    }
}

struct AnalyticsFunnel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel", abstract: "One walkthrough's funnel: connected → identified → started → each step → completed.",
        discussion: "Examples:\n  mcpctl analytics funnel getting-started\n  mcpctl analytics funnel getting-started --since 30d --svg funnel.svg")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions
    @Argument(help: "The walkthrough's slug.") var walkthrough: String
    @Option(help: "Write a bar chart to this SVG file.") var svg: String?

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsFunnel(path: .init(org: org, walkthrough: walkthrough), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { funnel in
            if let svg {
                try AnalyticsReport.write(Charts.bars(title: "Funnel: \(funnel.walkthrough)", labels: funnel.stages.map(\.name),
                                                      series: [("end users", funnel.stages.map(\.users))]), to: svg)
            }
            let printer = global.printer
            if printer.format == .json { return print(try Printer.json(funnel)) }
            let first = max(1, funnel.stages.first?.users ?? 1)
            var columns = [Column<APIAnalyticsStage>(header: "STAGE") { $0.name }, Column(header: "USERS") { "\($0.users)" },
                           Column(header: "OF CONNECTED") { String(format: "%.0f%%", Double($0.users) * 100 / Double(first)) }]
            if printer.format == .table { columns.append(Column(header: "") { Charts.bar($0.users, of: first) }) }
            try printer.list(funnel.stages, columns: columns, id: \.name)
        }
    }
}

struct AnalyticsFlow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow", abstract: "The paths end users take, as Sankey links (connected → identified → walkthrough/ticket/docs → completed/dropped).",
        discussion: "Examples:\n  mcpctl analytics flow --since 30d\n  mcpctl analytics flow --svg flow.svg")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalyticsOptions
    @Option(help: "Write a Sankey diagram to this SVG file.") var svg: String?

    func run() async throws {
        try await AnalyticsReport.run(options: options, global: global, fetch: { api, org, q in
            try await api.analyticsFlow(path: .init(org: org), query: .init(server: q.server, since: q.since, until: q.until,
                                                                 bucket: q.bucket.flatMap { .init(rawValue: $0) })).ok.body.json
        }) { flow in
            if let svg { try AnalyticsReport.write(Charts.sankey(title: "How end users move", flow: flow), to: svg) }
            let printer = global.printer
            if printer.format == .json { return print(try Printer.json(flow)) }
            let maximum = flow.links.map(\.users).max() ?? 0
            var columns = [Column<APIAnalyticsLink>(header: "FROM") { $0.source }, Column(header: "TO") { $0.target },
                           Column(header: "USERS") { "\($0.users)" }]
            if printer.format == .table { columns.append(Column(header: "") { Charts.bar($0.users, of: maximum) }) }
            try printer.list(flow.links, columns: columns, id: { "\($0.source)→\($0.target)" })
        }
    }
}
