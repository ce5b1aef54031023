import Foundation
import Shared

/// `GET /v1/orgs/{org}/users[?identified=true]`, `GET /v1/orgs/{org}/users/{user}` (id, email or
/// tracking id), `GET /v1/orgs/{org}/sessions[?user=&server=]`, `GET /v1/orgs/{org}/sessions/{id}`:
/// the de-anonymized view of who uses the organization's servers and what they did; and
/// `POST /v1/orgs/{org}/users/{user}/revoke-access`, which ends an end user's OAuth grants.
extension AdminAPI {
    func listEndUsers(_ input: Operations.ListEndUsers.Input) async throws -> Operations.ListEndUsers.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let identified = input.query.identified ?? false
        let users = try await database.withConnection {
            try await EndUserQueries().users(organizationID: organization.id, identified: identified, page: page, on: $0)
        }
        let (items, next) = page.page(users) { ($0.firstSeenAt.epochMillis, $0.id) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getEndUser(_ input: Operations.GetEndUser.Input) async throws -> Operations.GetEndUser.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let reference = input.path.user
        guard let user = try await database.withConnection({ try await EndUserQueries().user(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
        }
        return .ok(.init(body: .json(user)))
    }

    /// Ends every grant of the end user and the tokens under them (admin): their clients must
    /// sign in again.
    func revokeEndUserAccess(_ input: Operations.RevokeEndUserAccess.Input) async throws -> Operations.RevokeEndUserAccess.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let reference = input.path.user
        let now = nowMillis()
        let result = try await database.transaction { db -> APIRevokeAccessResult in
            guard let user = try await EndUserQueries().user(reference, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
            }
            let ended = try await OAuthGrantStore().revokeAll(endUserID: user.id, organizationID: organization.id, now: now, on: db)
            try await AuditLog.record("end_user.revoke_access", target: ("end_user", user.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["grants": String(ended.grants), "tokens": String(ended.tokens)], on: db)
            return APIRevokeAccessResult(grants: ended.grants, tokens: ended.tokens)
        }
        services.bearer.forgetAll()
        return .ok(.init(body: .json(result)))
    }

    func listSessions(_ input: Operations.ListSessions.Input) async throws -> Operations.ListSessions.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let query = input.query
        let sessions = try await database.withConnection { db -> [APISession] in
            let queries = EndUserQueries()
            var endUserID: String?
            if let reference = query.user {
                guard let user = try await queries.user(reference, organizationID: organization.id, on: db) else {
                    throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
                }
                endUserID = user.id
            }
            var serverID: String?
            if let reference = query.server {
                guard let server = try await ServerStore().find(reference, organizationID: organization.id, on: db) else {
                    throw APIError.notFound("no server '\(reference)' in \(organization.slug)")
                }
                serverID = server.id
            }
            return try await queries.sessions(organizationID: organization.id, endUserID: endUserID, serverID: serverID, page: page, on: db)
        }
        let (items, next) = page.page(sessions) { ($0.startedAt.epochMillis, $0.id) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getSession(_ input: Operations.GetSession.Input) async throws -> Operations.GetSession.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let id = input.path.session
        guard let session = try await database.withConnection({ try await EndUserQueries().session(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no session '\(id)' in \(organization.slug)")
        }
        return .ok(.init(body: .json(session)))
    }
}

/// `GET /v1/orgs/{org}/users/{user}/export` and `DELETE /v1/orgs/{org}/users/{user}`: an end
/// user's rights of access and erasure, both in the audit log (which never holds the data).
extension AdminAPI {
    func exportEndUser(_ input: Operations.ExportEndUser.Input) async throws -> Operations.ExportEndUser.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let reference = input.path.user
        let export = try await database.transaction { db -> APIEndUserExport in
            guard let user = try await EndUserQueries().user(reference, organizationID: organization.id, on: db),
                  let export = try await EndUserExport().export(user.id, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
            }
            try await AuditLog.record("end_user.export", target: ("end_user", user.id), organizationID: organization.id,
                                      actor: Actor(principal), on: db)
            return export
        }
        return .ok(.init(body: .json(export)))
    }

    func eraseEndUser(_ input: Operations.EraseEndUser.Input) async throws -> Operations.EraseEndUser.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let reference = input.path.user
        let now = nowMillis()
        let engine = database.engine
        let result = try await database.transaction { db -> APIEndUserErasure in
            guard let user = try await EndUserQueries().user(reference, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no end user '\(reference)' in \(organization.slug)")
            }
            let outcome = try await EndUserErasure().erase(user.id, organizationID: organization.id, now: now, engine: engine, on: db)
            try await AuditLog.record("end_user.erase", target: ("end_user", user.id), organizationID: organization.id, actor: Actor(principal),
                                      details: ["tool_calls": String(outcome.toolCalls), "tickets": String(outcome.tickets), "grants": String(outcome.grants)],
                                      on: db)
            return APIEndUserErasure(id: user.id, erasedAt: Date(epochMillis: now), toolCalls: outcome.toolCalls, tickets: outcome.tickets, grants: outcome.grants)
        }
        services.bearer.forgetAll()
        services.endUserResolver.forgetAll()
        return .ok(.init(body: .json(result)))
    }
}
