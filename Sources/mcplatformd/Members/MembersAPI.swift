import Foundation
import Shared

/// `/v1/orgs/{org}/members`: who belongs to an organization, with which role. Owners manage
/// members; anyone may leave; the last owner can neither leave nor be demoted.
extension AdminAPI {
    func listMembers(_ input: Operations.ListMembers.Input) async throws -> Operations.ListMembers.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let members = try await database.withConnection { try await MemberStore().list(organizationID: organization.id, page: page, on: $0) }
        let (items, next) = page.page(members) { ($0.1, $0.0.accountId) }
        return .ok(.init(body: .json(.init(items: items.map(\.0), nextCursor: next))))
    }

    func setMemberRole(_ input: Operations.SetMemberRole.Input) async throws -> Operations.SetMemberRole.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        let member = try await database.transaction { db in
            let store = MemberStore()
            guard var member = try await store.find(input.path.member, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no member '\(input.path.member)'")
            }
            if member.role == .owner, fields.role != .owner, try await store.ownerCount(organization.id, on: db) == 1 {
                throw APIError(status: .conflict, code: "last_owner", message: "\(member.email) is the last owner; make someone else owner first")
            }
            try await store.setRole(fields.role, of: member.accountId, in: organization.id, on: db)
            try await AuditLog.record("member.role", target: ("account", member.accountId), organizationID: organization.id, actor: Actor(principal),
                                      details: ["from": member.role.rawValue, "to": fields.role.rawValue], on: db)
            member.role = fields.role
            return member
        }
        return .ok(.init(body: .json(member)))
    }

    func removeMember(_ input: Operations.RemoveMember.Input) async throws -> Operations.RemoveMember.Output {
        let (organization, role, principal) = try AdminRequest.requireOrganization()
        try await database.transaction { db in
            let store = MemberStore()
            guard let member = try await store.find(input.path.member, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no member '\(input.path.member)'")
            }
            guard role == .owner || member.accountId == principal.accountID else {
                throw APIError(status: .forbidden, code: "forbidden", message: "only owners remove other members")
            }
            if member.role == .owner, try await store.ownerCount(organization.id, on: db) == 1 {
                throw APIError(status: .conflict, code: "last_owner", message: "the last owner cannot leave; make someone else owner or delete the organization")
            }
            try await store.remove(member.accountId, from: organization.id, on: db)
            try await AuditLog.record("member.remove", target: ("account", member.accountId), organizationID: organization.id,
                                      actor: Actor(principal), details: ["email": member.email], on: db)
        }
        return .noContent(.init())
    }
}
