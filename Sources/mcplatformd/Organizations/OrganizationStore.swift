import Shared
import SQLKit

/// An organization: the tenant that owns servers, content and end users.
struct Organization: Sendable, Equatable {
    let id: String
    let slug: String
    let name: String
    var createdAt: EpochMillis = 0
}

/// Organizations and memberships in the database.
struct OrganizationStore: Sendable {
    /// The organization with `slug`, if any.
    func find(slug: String, on db: any SQLDatabase) async throws -> Organization? {
        try await db.raw("SELECT id, slug, name, created_at FROM organizations WHERE slug = \(bind: slug)").first().map(Self.organization)
    }

    /// The organization whose slug or id is `reference`.
    func find(reference: String, on db: any SQLDatabase) async throws -> Organization? {
        try await db.raw("""
            SELECT id, slug, name, created_at FROM organizations WHERE slug = \(bind: reference) OR id = \(bind: reference)
            """).first().map(Self.organization)
    }

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                     name: try row.decode(column: "name", as: String.self), createdAt: try row.decode(column: "created_at", as: EpochMillis.self))
    }

    /// Creates an organization whose first member, `owner`, is its owner.
    func create(slug: String, name: String, owner accountID: String, on db: any SQLDatabase) async throws -> Organization {
        let now = nowMillis()
        let organization = Organization(id: Identifier.make("org"), slug: slug, name: name, createdAt: now)
        try await db.raw("""
            INSERT INTO organizations (id, slug, name, created_at, updated_at)
            VALUES (\(bind: organization.id), \(bind: slug), \(bind: name), \(bind: now), \(bind: now))
            """).run()
        try await addMember(accountID, to: organization.id, role: .owner, on: db)
        return organization
    }

    /// Adds `accountID` to an organization with `role`.
    func addMember(_ accountID: String, to organizationID: String, role: Role, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO memberships (organization_id, account_id, role, created_at)
            VALUES (\(bind: organizationID), \(bind: accountID), \(bind: role.rawValue), \(bind: nowMillis()))
            """).run()
    }

    /// The role of `accountID` in an organization, nil when not a member.
    func role(of accountID: String, in organizationID: String, on db: any SQLDatabase) async throws -> Role? {
        try await db.raw("""
            SELECT role FROM memberships WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID)
            """).first().flatMap { Role(rawValue: try $0.decode(column: "role", as: String.self)) }
    }

    /// The organizations `principal` may use, with its role in each, one page of them: an API
    /// token sees its own organization, a login token those its account belongs to.
    func list(visibleTo principal: Principal, page: Pagination, on db: any SQLDatabase) async throws -> [(organization: Organization, role: Role?)] {
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
        return try await page.apply(to: query, table: "o").all().map { row in
            (try Self.organization(row), Role(rawValue: try row.decode(column: "role", as: String.self)))
        }
    }

    /// Gives an organization a new display name.
    func rename(_ organizationID: String, to name: String, on db: any SQLDatabase) async throws {
        try await db.update("organizations").set("name", to: name).set("updated_at", to: nowMillis()).where("id", .equal, organizationID).run()
    }

    /// Deletes an organization and leaves nothing of it: its rows go with it (foreign keys
    /// cascade, stored idempotent answers of requests in it included), and so do the stored
    /// answers of requests outside it that returned it (creating it: an account-level request).
    func delete(_ organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "organizations").where("id", .equal, organizationID).run()
        // The id as a JSON string, matched literally (`_` is a LIKE wildcard and ids contain it).
        try await db.raw("""
            DELETE FROM idempotency_keys WHERE organization_id IS NULL AND response_body LIKE \(bind: likePattern(containing: "\"\(organizationID)\"")) ESCAPE '\\'
            """).run()
    }
}
