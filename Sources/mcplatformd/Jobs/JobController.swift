import Foundation
import Hummingbird
import Shared

/// `GET /v1/orgs/{org}/jobs[?state=S]`: the organization's own jobs, never another's or the
/// daemon's housekeeping.
struct JobController: Sendable {
    let database: Database
    let access: OrganizationAccess

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/jobs", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIJob> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        var state: JobState?
        if let text = request.uri.queryParameters.get("state") {
            guard let parsed = JobState(rawValue: text) else {
                throw APIError(status: .badRequest, code: "bad_request", message: "state is one of pending, running, done, dead")
            }
            state = parsed
        }
        let page = try Pagination(request)
        let jobs = try await JobQueue(database: database).list(organizationID: organization.id, allOrganizations: false, state: state,
                                                               before: page.after, limit: page.limit + 1)
        let (items, next) = page.page(jobs) { ($0.createdAt, $0.id) }
        return Page(items: items.map(APIJob.init), nextCursor: next)
    }
}

extension APIJob {
    init(_ record: JobRecord) {
        self.init(id: record.id, kind: record.kind, state: record.state.rawValue, attempts: record.attempts, maxAttempts: record.maxAttempts,
                  runAt: Date(epochMillis: record.runAt), lastError: record.lastError, createdAt: Date(epochMillis: record.createdAt),
                  finishedAt: record.finishedAt.map(Date.init(epochMillis:)))
    }
}
