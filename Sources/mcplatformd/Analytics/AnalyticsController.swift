import Foundation
import Hummingbird
import Shared

/// `/v1/orgs/{org}/analytics/{report}` with `server`, `since`, `until` (a duration like `7d` or
/// an RFC 3339 time; default: the last 7 days) and `bucket` (`5m`, `1h`, `1d`; chosen from the
/// range when absent). The range starts on a bucket boundary (`since` is moved back to the
/// start of its bucket), so every bucket, the first included, is whole. Members read them.
struct AnalyticsController: Sendable {
    let database: Database
    let access: OrganizationAccess
    var queries: AnalyticsQueries { AnalyticsQueries(database: database) }
    static let maxBuckets: Int64 = 20_000

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/analytics/overview") { request, context -> APIAnalyticsOverview in
            try await queries.overview(try await scope(request, context))
        }
        group.get(":org/analytics/timeseries") { request, context -> APIAnalyticsTimeseries in
            try await queries.timeseries(try await scope(request, context))
        }
        group.get(":org/analytics/tools") { request, context -> Page<APIAnalyticsTool> in
            Page(items: try await queries.tools(try await scope(request, context)), nextCursor: nil)
        }
        group.get(":org/analytics/users") { request, context -> Page<APIAnalyticsUser> in
            let limit = try request.uri.queryParameters.get("limit").map { text in
                guard let value = Int(text), (1...500).contains(value) else { throw APIError.badQuery("limit is a number from 1 to 500") }
                return value
            } ?? 20
            return Page(items: try await queries.users(try await scope(request, context), limit: limit), nextCursor: nil)
        }
        group.get(":org/analytics/walkthroughs") { request, context -> Page<APIAnalyticsWalkthrough> in
            Page(items: try await queries.walkthroughs(try await scope(request, context)), nextCursor: nil)
        }
        group.get(":org/analytics/funnel/:walkthrough") { request, context -> APIAnalyticsFunnel in
            let walkthrough = try context.parameters.require("walkthrough")
            guard let funnel = try await queries.funnel(try await scope(request, context), walkthrough: walkthrough) else {
                throw APIError.notFound("no walkthrough '\(walkthrough)'")
            }
            return funnel
        }
        group.get(":org/analytics/flow") { request, context -> APIAnalyticsFlow in
            try await queries.flow(try await scope(request, context))
        }
    }

    /// The organization, server and time range a request asks for; bad ones are a 400.
    private func scope(_ request: Request, _ context: AppRequestContext) async throws -> AnalyticsScope {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let parameters = request.uri.queryParameters
        let now = Date()
        var until = now
        if let text = parameters.get("until") {
            guard let moment = TimeSpec.moment(text, now: now) else { throw APIError.badQuery("until is a duration ago (like 1d) or an RFC 3339 time") }
            until = moment
        }
        var since = until.addingTimeInterval(-7 * 86_400)
        if let text = parameters.get("since") {
            guard let moment = TimeSpec.moment(text, now: now) else { throw APIError.badQuery("since is a duration ago (like 7d) or an RFC 3339 time") }
            since = moment
        }
        guard since < until else { throw APIError.badQuery("since must be before until") }
        let span = until.epochMillis - since.epochMillis
        let bucket = parameters.get("bucket") ?? AnalyticsBucket.automatic(for: span)
        guard let size = AnalyticsBucket.sizes[bucket] else { throw APIError.badQuery("bucket is 5m, 1h or 1d") }
        guard span / size <= Self.maxBuckets else { throw APIError.badQuery("that is more than \(Self.maxBuckets) buckets; use a larger bucket") }
        var serverID: String?
        let slug = parameters.get("server")
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
