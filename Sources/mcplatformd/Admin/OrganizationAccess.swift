import Shared
import SQLKit

/// Resolves `{org}` in `/v1/orgs/{org}/…` for the caller and checks the caller's role there.
///
/// An organization the caller cannot see answers 404, never 403, so tokens of one organization
/// learn nothing about another's: an API token sees only its own organization; a login token
/// sees the organizations its account belongs to.
struct OrganizationAccess: Sendable {
    let database: Database
    var organizations = OrganizationStore()

    /// The organization named `reference` (slug or id) and the caller's role, which must be at
    /// least `minimum`.
    func resolve(_ reference: String, for principal: Principal, minimum: Role) async throws -> (Organization, Role) {
        let found = try await database.withConnection { db -> (Organization, Role)? in
            guard let organization = try await organizations.find(reference: reference, on: db) else { return nil }
            switch principal.kind {
            case .api:
                guard principal.organizationID == organization.id, let role = principal.role else { return nil }
                return (organization, role)
            case .login:
                guard let account = principal.accountID,
                      let role = try await organizations.role(of: account, in: organization.id, on: db) else { return nil }
                return (organization, role)
            }
        }
        guard let (organization, role) = found else {
            throw APIError.notFound("no organization '\(reference)'")
        }
        guard role >= minimum else {
            throw APIError(status: .forbidden, code: "forbidden",
                           message: "this needs the \(minimum.rawValue) role in \(organization.slug); the caller is \(role.rawValue)")
        }
        return (organization, role)
    }
}

extension Actor {
    /// The actor of a request.
    init(_ principal: Principal) {
        self.init(accountID: principal.accountID, tokenID: principal.tokenID)
    }
}
