import Foundation
import Shared

/// `/v1/orgs/{org}/analytics/{report}` with `server`, `since`, `until` (a duration like `7d` or
/// an RFC 3339 time; default: the last 7 days) and `bucket` (`5m`, `1h`, `1d`; chosen from the
/// range when absent). The range starts on a bucket boundary (`since` is moved back to the
/// start of its bucket), so every bucket, the first included, is whole. Members read them.
extension AdminAPI {
    static let maxAnalyticsBuckets: Int64 = 20_000
    var analytics: AnalyticsQueries { AnalyticsQueries(database: database) }

    func analyticsOverview(_ input: Operations.AnalyticsOverview.Input) async throws -> Operations.AnalyticsOverview.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(try await analytics.overview(scope))))
    }

    func analyticsTimeseries(_ input: Operations.AnalyticsTimeseries.Input) async throws -> Operations.AnalyticsTimeseries.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(try await analytics.timeseries(scope))))
    }

    func analyticsTools(_ input: Operations.AnalyticsTools.Input) async throws -> Operations.AnalyticsTools.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(.init(items: try await analytics.tools(scope), nextCursor: nil))))
    }

    func analyticsUsers(_ input: Operations.AnalyticsUsers.Input) async throws -> Operations.AnalyticsUsers.Output {
        let query = input.query
        let limit = query.limit ?? 20
        guard (1...500).contains(limit) else { throw APIError.badQuery("limit is a number from 1 to 500") }
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(.init(items: try await analytics.users(scope, limit: limit), nextCursor: nil))))
    }

    func analyticsWalkthroughs(_ input: Operations.AnalyticsWalkthroughs.Input) async throws -> Operations.AnalyticsWalkthroughs.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(.init(items: try await analytics.walkthroughs(scope), nextCursor: nil))))
    }

    func analyticsFunnel(_ input: Operations.AnalyticsFunnel.Input) async throws -> Operations.AnalyticsFunnel.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        guard let funnel = try await analytics.funnel(scope, walkthrough: input.path.walkthrough) else {
            throw APIError.notFound("no walkthrough '\(input.path.walkthrough)'")
        }
        return .ok(.init(body: .json(funnel)))
    }

    func analyticsFlow(_ input: Operations.AnalyticsFlow.Input) async throws -> Operations.AnalyticsFlow.Output {
        let query = input.query
        let scope = try await analyticsScope(server: query.server, since: query.since, until: query.until, bucket: query.bucket?.rawValue)
        return .ok(.init(body: .json(try await analytics.flow(scope))))
    }

    /// The organization, server and time range a report asks for; bad ones are a 400.
    private func analyticsScope(server slug: String?, since sinceText: String?, until untilText: String?, bucket: String?) async throws -> AnalyticsScope {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let now = Date()
        var until = now
        if let text = untilText {
            guard let moment = TimeSpec.moment(text, now: now) else { throw APIError.badQuery("until is a duration ago (like 1d) or an RFC 3339 time") }
            until = moment
        }
        var since = until.addingTimeInterval(-7 * 86_400)
        if let text = sinceText {
            guard let moment = TimeSpec.moment(text, now: now) else { throw APIError.badQuery("since is a duration ago (like 7d) or an RFC 3339 time") }
            since = moment
        }
        guard since < until else { throw APIError.badQuery("since must be before until") }
        let span = until.epochMillis - since.epochMillis
        let bucket = bucket ?? AnalyticsBucket.automatic(for: span)
        guard let size = AnalyticsBucket.sizes[bucket] else { throw APIError.badQuery("bucket is 5m, 1h or 1d") }
        guard span / size <= Self.maxAnalyticsBuckets else {
            throw APIError.badQuery("that is more than \(Self.maxAnalyticsBuckets) buckets; use a larger bucket")
        }
        var serverID: String?
        if let slug {
            guard let server = try await database.withConnection({ try await ServerStore().find(slug, organizationID: organization.id, on: $0) }) else {
                throw APIError.notFound("no server '\(slug)' in \(organization.slug)")
            }
            serverID = server.id
        }
        // Whole buckets: the first one starts on its boundary (UTC), like every other.
        let start = since.epochMillis / size * size
        return AnalyticsScope(organizationID: organization.id, serverID: serverID, serverSlug: slug, since: start, until: until.epochMillis,
                              bucketName: bucket)
    }
}
