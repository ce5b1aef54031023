import Foundation
import Hummingbird
import Shared

/// `GET /v1/orgs/{org}/users[?identified=true]`, `GET /v1/orgs/{org}/users/{user}` (id, email or
/// tracking id), `GET /v1/orgs/{org}/sessions[?user=&server=]`, `GET /v1/orgs/{org}/sessions/{id}`:
/// the de-anonymized view of who uses the organization's servers and what they did; and
/// `POST /v1/orgs/{org}/users/{user}/revoke-access`, which ends an end user's OAuth grants.
struct EndUserController: Sendable {
    let database: Database
    let access: OrganizationAccess
    /// Forgets cached access tokens once they are revoked.
    let bearer: BearerAuthenticator
    let queries = EndUserQueries()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/users", use: listUsers)
        group.get(":org/users/:user", use: showUser)
        group.post(":org/users/:user/revoke-access", use: revokeAccess)
        group.get(":org/sessions", use: listSessions)
        group.get(":org/sessions/:session", use: showSession)
    }

    @Sendable func listUsers(_ request: Request, context: AppRequestContext) async throws -> Page<APIEndUser> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let identified = request.uri.queryParameters.get("identified") == "true"
        let users = try await database.withConnection { try await queries.users(organizationID: organization.id, identified: identified, page: page, on: $0) }
        let (items, next) = page.page(users) { ($0.firstSeenAt.epochMillis, $0.id) }
        return Page(items: items, nextCursor: next)
    }

    @Sendable func showUser(_ request: Request, context: AppRequestContext) async throws -> APIEndUser {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let reference = try context.parameters.require("user")
        guard let user = try await database.withConnection({ try await queries.user(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
        }
        return user
    }

    /// Ends every grant of the end user and the tokens under them (admin): their clients must
    /// sign in again.
    @Sendable func revokeAccess(_ request: Request, context: AppRequestContext) async throws -> APIRevokeAccessResult {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let reference = try context.parameters.require("user")
        let now = nowMillis()
        let result = try await database.transaction { db -> APIRevokeAccessResult in
            guard let user = try await queries.user(reference, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
            }
            let ended = try await OAuthGrantStore().revokeAll(endUserID: user.id, organizationID: organization.id, now: now, on: db)
            try await AuditLog.record("end_user.revoke_access", target: ("end_user", user.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["grants": String(ended.grants), "tokens": String(ended.tokens)], on: db)
            return APIRevokeAccessResult(grants: ended.grants, tokens: ended.tokens)
        }
        bearer.forgetAll()
        return result
    }

    @Sendable func listSessions(_ request: Request, context: AppRequestContext) async throws -> Page<APISession> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let page = try Pagination(request)
        let parameters = request.uri.queryParameters
        let sessions = try await database.withConnection { db -> [APISession] in
            var endUserID: String?
            if let reference = parameters.get("user") {
                guard let user = try await queries.user(reference, organizationID: organization.id, on: db) else {
                    throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
                }
                endUserID = user.id
            }
            var serverID: String?
            if let reference = parameters.get("server") {
                guard let server = try await ServerStore().find(reference, organizationID: organization.id, on: db) else {
                    throw APIError.notFound("no server '\(reference)' in \(organization.slug)")
                }
                serverID = server.id
            }
            return try await queries.sessions(organizationID: organization.id, endUserID: endUserID, serverID: serverID, page: page, on: db)
        }
        let (items, next) = page.page(sessions) { ($0.startedAt.epochMillis, $0.id) }
        return Page(items: items, nextCursor: next)
    }

    @Sendable func showSession(_ request: Request, context: AppRequestContext) async throws -> APISession {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let id = try context.parameters.require("session")
        guard let session = try await database.withConnection({ try await queries.session(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no session '\(id)' in \(organization.slug)")
        }
        return session
    }
}
