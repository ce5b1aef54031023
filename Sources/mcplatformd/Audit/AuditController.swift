import Foundation
import Hummingbird
import Shared
import SQLKit

/// `GET /v1/orgs/{org}/audit`: the organization's audit events, newest first.
struct AuditController: Sendable {
    let database: Database
    let access: OrganizationAccess

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/audit", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIAuditEvent> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            try await page.apply(to: db.select().columns("id", "action", "target_type", "target_id", "actor_account_id", "actor_token_id",
                                                         "details", "created_at")
                .from("audit_events").where("organization_id", .equal, organization.id), table: "audit_events").all()
        }
        let events = try rows.map { row in
            let details = try row.decode(column: "details", as: String.self)
            let event = APIAuditEvent(
                id: try row.decode(column: "id", as: String.self), action: try row.decode(column: "action", as: String.self),
                targetType: try row.decode(column: "target_type", as: String.self), targetId: try row.decode(column: "target_id", as: String?.self),
                actorAccountId: try row.decode(column: "actor_account_id", as: String?.self),
                actorTokenId: try row.decode(column: "actor_token_id", as: String?.self),
                details: (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:],
                createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)))
            return (event, try row.decode(column: "created_at", as: EpochMillis.self))
        }
        let (items, next) = page.page(events) { ($0.1, $0.0.id) }
        return Page(items: items.map(\.0), nextCursor: next)
    }
}
