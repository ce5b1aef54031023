import Foundation
import Shared

/// `/v1/orgs` and `/v1/orgs/{org}`.
extension AdminAPI {
    func listOrganizations(_ input: Operations.ListOrganizations.Input) async throws -> Operations.ListOrganizations.Output {
        let principal = try AdminRequest.requirePrincipal()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let listed = try await database.withConnection { db in
            try await OrganizationStore().list(visibleTo: principal, page: page, on: db)
        }
        let (items, next) = page.page(listed) { ($0.organization.createdAt, $0.organization.id) }
        return .ok(.init(body: .json(.init(items: items.map { APIOrganization($0.organization, role: $0.role) }, nextCursor: next))))
    }

    func createOrganization(_ input: Operations.CreateOrganization.Input) async throws -> Operations.CreateOrganization.Output {
        let principal = try AdminRequest.requirePrincipal()
        guard let accountID = principal.accountID else { throw AuthorizationMiddleware.unauthenticated }
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateSlug(fields.slug)
        try validateName(fields.name)
        let organization = try await database.transaction { db -> Organization in
            guard try await OrganizationStore().find(slug: fields.slug, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "the slug '\(fields.slug)' is taken")
            }
            let organization = try await OrganizationStore().create(slug: fields.slug, name: fields.name, owner: accountID, on: db)
            try await AuditLog.record("organization.create", target: ("organization", organization.id), organizationID: organization.id,
                                      actor: Actor(principal), on: db)
            return organization
        }
        return .created(.init(body: .json(APIOrganization(organization, role: .owner))))
    }

    func getOrganization(_ input: Operations.GetOrganization.Input) async throws -> Operations.GetOrganization.Output {
        let (organization, role, _) = try AdminRequest.requireOrganization()
        return .ok(.init(body: .json(APIOrganization(organization, role: role))))
    }

    func updateOrganization(_ input: Operations.UpdateOrganization.Input) async throws -> Operations.UpdateOrganization.Output {
        let (organization, role, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body, let name = fields.name else {
            return .ok(.init(body: .json(APIOrganization(organization, role: role))))
        }
        try validateName(name)
        try await database.transaction { db in
            try await OrganizationStore().rename(organization.id, to: name, on: db)
            try await AuditLog.record("organization.update", target: ("organization", organization.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["name": name], on: db)
        }
        return .ok(.init(body: .json(APIOrganization(Organization(id: organization.id, slug: organization.slug, name: name,
                                                                   createdAt: organization.createdAt), role: role))))
    }

    func deleteOrganization(_ input: Operations.DeleteOrganization.Input) async throws -> Operations.DeleteOrganization.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        try await database.transaction { db in
            try await AuditLog.record("organization.delete", target: ("organization", organization.id), organizationID: nil,
                                      actor: Actor(principal), details: ["slug": organization.slug], on: db)
            try await OrganizationStore().delete(organization.id, on: db)
        }
        return .noContent(.init())
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
