import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs` and `/v1/orgs/{org}`.
struct OrganizationController: Sendable {
    let database: Database
    let access: OrganizationAccess
    var organizations = OrganizationStore()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("", use: list)
        group.post("", use: create)
        group.get(":org", use: show)
        group.patch(":org", use: update)
        group.delete(":org", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIOrganization> {
        let principal = try context.requirePrincipal()
        let page = try Pagination(request)
        let rows = try await database.withConnection { db -> [any SQLRow] in
            let query = db.select().columns(SQLColumn("id", table: "o"), SQLColumn("slug", table: "o"), SQLColumn("name", table: "o"),
                                            SQLColumn("created_at", table: "o"))
                .from(SQLAlias(SQLIdentifier("organizations"), as: SQLIdentifier("o")))
            switch principal.kind {
            case .api:
                query.column(SQLAlias(SQLBind(principal.role?.rawValue ?? Role.member.rawValue), as: SQLIdentifier("role")))
                    .where(SQLColumn("id", table: "o"), .equal, SQLBind(principal.organizationID ?? ""))
            case .login:
                query.column(SQLColumn("role", table: "m"))
                    .join(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")), on: SQLColumn("organization_id", table: "m"), .equal, SQLColumn("id", table: "o"))
                    .where(SQLColumn("account_id", table: "m"), .equal, SQLBind(principal.accountID ?? ""))
            }
            return try await page.apply(to: query, table: "o").all()
        }
        let organizations = try rows.map { row in
            (APIOrganization(id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                             name: try row.decode(column: "name", as: String.self),
                             role: Role(rawValue: try row.decode(column: "role", as: String.self)),
                             createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self))),
             try row.decode(column: "created_at", as: EpochMillis.self))
        }
        let (items, next) = page.page(organizations) { ($0.1, $0.0.id) }
        return Page(items: items.map(\.0), nextCursor: next)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.kind == .login, let accountID = principal.accountID else {
            throw APIError(status: .forbidden, code: "forbidden", message: "creating an organization needs a login token (mcpctl login), not an API token")
        }
        let input = try await request.decode(as: CreateOrganization.self, context: context)
        try validateSlug(input.slug)
        try validateName(input.name)
        let organization = try await database.transaction { db -> Organization in
            guard try await organizations.find(slug: input.slug, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "the slug '\(input.slug)' is taken")
            }
            let organization = try await organizations.create(slug: input.slug, name: input.name, owner: accountID, on: db)
            try await AuditLog.record("organization.create", target: ("organization", organization.id), organizationID: organization.id,
                                      actor: Actor(principal), on: db)
            return organization
        }
        return try Response.json(APIOrganization(organization, role: .owner), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIOrganization {
        let (organization, role) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return APIOrganization(organization, role: role)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> APIOrganization {
        let principal = try context.requirePrincipal()
        let (organization, role) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: UpdateOrganization.self, context: context)
        guard let name = input.name else { return APIOrganization(organization, role: role) }
        try validateName(name)
        try await database.transaction { db in
            try await db.update("organizations").set("name", to: name).set("updated_at", to: nowMillis())
                .where("id", .equal, organization.id).run()
            try await AuditLog.record("organization.update", target: ("organization", organization.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": name], on: db)
        }
        return APIOrganization(Organization(id: organization.id, slug: organization.slug, name: name), role: role)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .owner)
        try await database.transaction { db in
            try await AuditLog.record("organization.delete", target: ("organization", organization.id), organizationID: nil,
                                      actor: Actor(principal), details: ["slug": organization.slug], on: db)
            try await db.delete(from: "organizations").where("id", .equal, organization.id).run()
        }
        return .noContent
    }
}

extension APIOrganization {
    init(_ organization: Organization, role: Role?) {
        self.init(id: organization.id, slug: organization.slug, name: organization.name, role: role, createdAt: Date(epochMillis: organization.createdAt))
    }
}

/// 422 naming the rule when `slug` breaks it.
func validateSlug(_ slug: String, field: String = "slug") throws {
    if let problem = Slug.problem(with: slug) {
        throw APIError(status: .unprocessableContent, code: "invalid", message: problem, details: ["field": field])
    }
}

/// 422 when a display name is empty or too long.
func validateName(_ name: String, field: String = "name") throws {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= 200 else {
        throw APIError(status: .unprocessableContent, code: "invalid", message: "\(field) has 1 to 200 characters", details: ["field": field])
    }
}
