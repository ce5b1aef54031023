import Foundation
import Shared

/// `GET /v1/orgs/{org}/audit`: the organization's audit events, newest first.
extension AdminAPI {
    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let events = try await database.withConnection { try await AuditLog.list(organizationID: organization.id, page: page, on: $0) }
        let (items, next) = page.page(events) { ($0.1, $0.0.id) }
        return .ok(.init(body: .json(.init(items: items.map(\.0), nextCursor: next))))
    }
}
