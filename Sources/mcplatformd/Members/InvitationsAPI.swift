import Foundation
import Shared

/// `/v1/orgs/{org}/invitations` and `/v1/invitations/accept`.
extension AdminAPI {
    func listInvitations(_ input: Operations.ListInvitations.Input) async throws -> Operations.ListInvitations.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let invitations = try await database.withConnection { try await InvitationStore().list(organizationID: organization.id, page: page, on: $0) }
        let (items, next) = page.page(invitations) { ($0.1, $0.0.id) }
        return .ok(.init(body: .json(.init(items: items.map(\.0), nextCursor: next))))
    }

    func createInvitation(_ input: Operations.CreateInvitation.Input) async throws -> Operations.CreateInvitation.Output {
        let (organization, role, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateEmail(fields.email)
        guard fields.role <= role else { throw APIError(status: .forbidden, code: "forbidden", message: "cannot invite above your own role") }
        let (invitation, token, emailed) = try await database.transaction { db in
            let created = try await InvitationStore().create(email: fields.email, role: fields.role, organizationID: organization.id,
                                                             invitedBy: principal.accountID, on: db)
            try await AuditLog.record("invitation.create", target: ("invitation", created.0.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["email": created.0.email, "role": fields.role.rawValue], on: db)
            let emailed = try await services.staffMailer.enqueue(Self.invitationLetter(created.0, token: created.1, organization: organization),
                                                                  organizationID: organization.id, on: db)
            return (created.0, created.1, emailed)
        }
        return .created(.init(body: .json(CreatedInvitation(invitation: invitation, token: token, emailed: emailed))))
    }

    /// The email that carries an invitation: the organization, the role, the accept command and its expiry.
    static func invitationLetter(_ invitation: APIInvitation, token: String, organization: Organization) -> StaffMailer.Letter {
        let expires = invitation.expiresAt.rfc3339
        return StaffMailer.Letter(to: invitation.email, subject: "You are invited to join \(organization.name) on mcplatform", text: """
            You are invited to join \(organization.name) (\(organization.slug)) as \(invitation.role.rawValue).

            Sign up or log in with this address (\(invitation.email)) using mcpctl, then run:

                mcpctl invitations accept \(token)

            The invitation works once, until \(expires). If you did not expect it, ignore this email.
            """)
    }

    func revokeInvitation(_ input: Operations.RevokeInvitation.Input) async throws -> Operations.RevokeInvitation.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let id = input.path.invitation
        try await database.transaction { db in
            guard try await InvitationStore().revoke(id: id, organizationID: organization.id, on: db) else {
                throw APIError.notFound("no open invitation '\(id)'")
            }
            try await AuditLog.record("invitation.revoke", target: ("invitation", id), organizationID: organization.id, actor: Actor(principal), on: db)
        }
        return .noContent(.init())
    }

    func acceptInvitation(_ input: Operations.AcceptInvitation.Input) async throws -> Operations.AcceptInvitation.Output {
        let principal = try AdminRequest.requirePrincipal()
        guard let accountID = principal.accountID else { throw AuthorizationMiddleware.unauthenticated }
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        let organization = try await database.transaction { db -> APIOrganization in
            let invitations = InvitationStore(), organizations = OrganizationStore()
            guard let invitation = try await invitations.open(token: fields.token, on: db) else {
                throw APIError.notFound("no open invitation for this token (used, revoked or expired)")
            }
            guard let account = try await AccountStore().find(id: accountID, on: db), account.email == invitation.email else {
                throw APIError(status: .forbidden, code: "forbidden", message: "this invitation is for another email address")
            }
            guard try await organizations.role(of: accountID, in: invitation.organizationID, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "you are already a member")
            }
            try await organizations.addMember(accountID, to: invitation.organizationID, role: invitation.role, on: db)
            try await invitations.markAccepted(invitation.id, on: db)
            try await AuditLog.record("invitation.accept", target: ("invitation", invitation.id), organizationID: invitation.organizationID,
                                      actor: Actor(principal), on: db)
            guard let organization = try await organizations.find(reference: invitation.organizationID, on: db) else { throw APIError.notFound() }
            return APIOrganization(organization, role: invitation.role)
        }
        return .ok(.init(body: .json(organization)))
    }
}
