import Foundation
import Hummingbird
import Shared

/// `GET /v1/orgs/{org}/users[?identified=true]`, `GET /v1/orgs/{org}/users/{user}` (id, email or
/// tracking id), `GET /v1/orgs/{org}/sessions[?user=&server=]`, `GET /v1/orgs/{org}/sessions/{id}`:
/// the de-anonymized view of who uses the organization's servers and what they did.
struct EndUserController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let queries = EndUserQueries()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/users", use: listUsers)
        group.get(":org/users/:user", use: showUser)
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
