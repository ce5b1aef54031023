import Foundation

/// The range and grouping every analytics report was computed for.
public struct APIAnalyticsRange: Codable, Sendable, Equatable {
    public var since: Date
    public var until: Date
    /// `5m`, `1h` or `1d`.
    public var bucket: String
    public var server: String?

    public init(since: Date, until: Date, bucket: String, server: String?) {
        self.since = since
        self.until = until
        self.bucket = bucket
        self.server = server
    }
}

/// `analytics overview`.
public struct APIAnalyticsOverview: Codable, Sendable, Equatable {
    public var range: APIAnalyticsRange
    public var toolCalls: Int
    public var sessions: Int
    /// End users with a session or a tool call in the range.
    public var uniqueUsers: Int
    /// Of those, how many are known by email, OAuth subject or tracking id.
    public var identifiedUsers: Int
    /// `identified_users / unique_users` (0 when there are none).
    public var identifiedShare: Double
    /// First seen in the range.
    public var newUsers: Int
    public var returningUsers: Int
    public var ticketsOpened: Int
    public var ticketsResolved: Int
    /// Lower median of created → first resolved/closed, over tickets resolved in the range.
    public var medianSecondsToResolve: Int?
    public var walkthroughsStarted: Int
    public var walkthroughsCompleted: Int

    public init(range: APIAnalyticsRange, toolCalls: Int, sessions: Int, uniqueUsers: Int, identifiedUsers: Int, identifiedShare: Double, newUsers: Int,
                returningUsers: Int, ticketsOpened: Int, ticketsResolved: Int, medianSecondsToResolve: Int?, walkthroughsStarted: Int,
                walkthroughsCompleted: Int) {
        self.range = range
        self.toolCalls = toolCalls
        self.sessions = sessions
        self.uniqueUsers = uniqueUsers
        self.identifiedUsers = identifiedUsers
        self.identifiedShare = identifiedShare
        self.newUsers = newUsers
        self.returningUsers = returningUsers
        self.ticketsOpened = ticketsOpened
        self.ticketsResolved = ticketsResolved
        self.medianSecondsToResolve = medianSecondsToResolve
        self.walkthroughsStarted = walkthroughsStarted
        self.walkthroughsCompleted = walkthroughsCompleted
    }
}

/// `analytics timeseries`: one point per bucket, empty buckets included.
public struct APIAnalyticsTimeseries: Codable, Sendable, Equatable {
    public var range: APIAnalyticsRange
    /// Every tool seen in the range, sorted.
    public var tools: [String]
    public var points: [APIAnalyticsPoint]

    public init(range: APIAnalyticsRange, tools: [String], points: [APIAnalyticsPoint]) {
        self.range = range
        self.tools = tools
        self.points = points
    }
}

/// One bucket of a time series.
public struct APIAnalyticsPoint: Codable, Sendable, Equatable {
    public var start: Date
    /// Calls per tool in this bucket (every tool of the series, zeros included).
    public var calls: [String: Int]
    public var uniqueUsers: Int

    public init(start: Date, calls: [String: Int], uniqueUsers: Int) {
        self.start = start
        self.calls = calls
        self.uniqueUsers = uniqueUsers
    }

    public var totalCalls: Int { calls.values.reduce(0, +) }
}

/// `analytics tools`: one row per tool.
public struct APIAnalyticsTool: Codable, Sendable, Equatable {
    public var tool: String
    public var calls: Int
    public var errors: Int
    public var errorRate: Double
    /// Lower percentiles of the duration, in milliseconds.
    public var p50Ms: Double
    public var p95Ms: Double
    public var uniqueUsers: Int

    public init(tool: String, calls: Int, errors: Int, errorRate: Double, p50Ms: Double, p95Ms: Double, uniqueUsers: Int) {
        self.tool = tool
        self.calls = calls
        self.errors = errors
        self.errorRate = errorRate
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.uniqueUsers = uniqueUsers
    }
}

/// `analytics users`: the most active end users.
public struct APIAnalyticsUser: Codable, Sendable, Equatable {
    public var endUserId: String
    public var email: String?
    public var trackingIds: [String]
    public var sessions: Int
    public var toolCalls: Int
    public var tickets: Int
    public var lastSeenAt: Date

    public init(endUserId: String, email: String?, trackingIds: [String], sessions: Int, toolCalls: Int, tickets: Int, lastSeenAt: Date) {
        self.endUserId = endUserId
        self.email = email
        self.trackingIds = trackingIds
        self.sessions = sessions
        self.toolCalls = toolCalls
        self.tickets = tickets
        self.lastSeenAt = lastSeenAt
    }
}

/// `analytics walkthroughs`: runs started in the range and how far they got.
public struct APIAnalyticsWalkthrough: Codable, Sendable, Equatable {
    public var slug: String
    public var title: String
    public var starts: Int
    public var completions: Int
    public var completionRate: Double
    public var steps: [APIAnalyticsStep]

    public init(slug: String, title: String, starts: Int, completions: Int, completionRate: Double, steps: [APIAnalyticsStep]) {
        self.slug = slug
        self.title = title
        self.starts = starts
        self.completions = completions
        self.completionRate = completionRate
        self.steps = steps
    }
}

/// One step of a walkthrough report: runs that reached it, finished it, and the time it took.
public struct APIAnalyticsStep: Codable, Sendable, Equatable {
    public var key: String
    public var title: String
    /// Runs that got to this step (the first step: every run).
    public var reached: Int
    public var completed: Int
    /// `reached − completed`.
    public var dropOff: Int
    /// Lower median of the time from reaching the step to completing it, in seconds.
    public var medianSeconds: Int?

    public init(key: String, title: String, reached: Int, completed: Int, dropOff: Int, medianSeconds: Int?) {
        self.key = key
        self.title = title
        self.reached = reached
        self.completed = completed
        self.dropOff = dropOff
        self.medianSeconds = medianSeconds
    }
}

/// `analytics funnel WALKTHROUGH`: distinct end users at each stage.
public struct APIAnalyticsFunnel: Codable, Sendable, Equatable {
    public var range: APIAnalyticsRange
    public var walkthrough: String
    public var stages: [APIAnalyticsStage]

    public init(range: APIAnalyticsRange, walkthrough: String, stages: [APIAnalyticsStage]) {
        self.range = range
        self.walkthrough = walkthrough
        self.stages = stages
    }
}

/// One stage of a funnel and the distinct end users in it.
public struct APIAnalyticsStage: Codable, Sendable, Equatable {
    public var name: String
    public var users: Int

    public init(name: String, users: Int) {
        self.name = name
        self.users = users
    }
}

/// `analytics flow`: the paths end users take, as Sankey nodes and links (users per link).
public struct APIAnalyticsFlow: Codable, Sendable, Equatable {
    public var range: APIAnalyticsRange
    public var nodes: [String]
    public var links: [APIAnalyticsLink]

    public init(range: APIAnalyticsRange, nodes: [String], links: [APIAnalyticsLink]) {
        self.range = range
        self.nodes = nodes
        self.links = links
    }
}

/// One band of the Sankey flow: end users going from `source` to `target`.
public struct APIAnalyticsLink: Codable, Sendable, Equatable {
    public var source: String
    public var target: String
    public var users: Int

    public init(source: String, target: String, users: Int) {
        self.source = source
        self.target = target
        self.users = users
    }
}

/// Buckets and the rule both programs use to pick one.
public enum AnalyticsBucket {
    public static let sizes: [String: Int64] = ["5m": 300_000, "1h": 3_600_000, "1d": 86_400_000]

    /// The bucket for a range when none is asked for: 5m up to 6 h, 1h up to 7 days, else 1d.
    public static func automatic(for milliseconds: Int64) -> String {
        milliseconds <= 6 * 3_600_000 ? "5m" : (milliseconds <= 7 * 86_400_000 ? "1h" : "1d")
    }

    /// The lower percentile `p` (0…1) of sorted `values`: an actual value, like `percentile_disc`.
    public static func percentile<T>(_ sorted: [T], _ p: Double) -> T? {
        guard !sorted.isEmpty else { return nil }
        let index = max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[min(index, sorted.count - 1)]
    }
}
