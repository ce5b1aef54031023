import Foundation
import Shared

/// `GET /v1/orgs/{org}/jobs[?state=S]`: the organization's own jobs, never another's or the
/// daemon's housekeeping.
extension AdminAPI {
    func listJobs(_ input: Operations.ListJobs.Input) async throws -> Operations.ListJobs.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let state = try input.query.state.map { value in
            guard let state = JobState(rawValue: value.rawValue) else { throw APIError.badQuery("state is one of pending, running, done, dead") }
            return state
        }
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let jobs = try await JobQueue(database: database).list(organizationID: organization.id, allOrganizations: false, state: state,
                                                               before: page.after, limit: page.limit + 1)
        let (items, next) = page.page(jobs) { ($0.createdAt, $0.id) }
        return .ok(.init(body: .json(.init(items: items.map(APIJob.init), nextCursor: next))))
    }
}

extension APIJob {
    init(_ record: JobRecord) {
        self.init(id: record.id, kind: record.kind, state: record.state.rawValue, attempts: record.attempts, maxAttempts: record.maxAttempts,
                  runAt: Date(epochMillis: record.runAt), lastError: record.lastError, createdAt: Date(epochMillis: record.createdAt),
                  finishedAt: record.finishedAt.map(Date.init(epochMillis:)))
    }
}
