import Foundation
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

@Suite("Members and invitations")
struct MembersAPITests {
    static func signup(_ api: AdminAPIClient, _ email: String) async throws -> String {
        try await api.call(.post, "/v1/account/signup", json: Credentials(email: email, password: "correct horse")).decode(LoginResult.self).token
    }

    @Test("invite, accept once, change roles, the last owner stays, leave and remove", arguments: TestEngine.all)
    func membershipLifecycle(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let ada = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let bob = try await Self.signup(api, "bob@example.com")
            let eve = try await Self.signup(api, "eve@example.com")

            let invited = try await api.call(.post, "/v1/orgs/acme/invitations", token: ada, json: CreateInvitation(email: "Bob@Example.com", role: .admin))
            #expect(invited.status == .created)
            let invitation = try invited.decode(CreatedInvitation.self)
            #expect(invitation.token.hasPrefix("mcpi_") && invitation.invitation.email == "bob@example.com")
            // Only the invited email may accept; the token works once.
            #expect(try await api.call(.post, "/v1/invitations/accept", token: eve, json: AcceptInvitation(token: invitation.token)).status == .forbidden)
            let accepted = try await api.call(.post, "/v1/invitations/accept", token: bob, json: AcceptInvitation(token: invitation.token))
            #expect(accepted.status == .ok)
            #expect(try accepted.decode(APIOrganization.self).role == .admin)
            #expect(try await api.call(.post, "/v1/invitations/accept", token: bob, json: AcceptInvitation(token: invitation.token)).status == .notFound)

            let members = try await api.call(.get, "/v1/orgs/acme/members", token: bob).decode(Page<APIMember>.self)
            #expect(members.items.map { "\($0.email)=\($0.role.rawValue)" } == ["bob@example.com=admin", "ada@example.com=owner"])
            // Admins do not manage members; owners do.
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/ada@example.com", token: bob, json: UpdateMember(role: .member)).status == .forbidden)
            let lastOwner = try await api.call(.patch, "/v1/orgs/acme/members/ada@example.com", token: ada, json: UpdateMember(role: .admin))
            #expect(lastOwner.status == .conflict && lastOwner.errorCode == "last_owner")
            #expect(try await api.call(.delete, "/v1/orgs/acme/members/ada@example.com", token: ada).status == .conflict)
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/bob@example.com", token: ada, json: UpdateMember(role: .owner)).status == .ok)
            // Now Ada may leave; Bob remains the owner.
            #expect(try await api.call(.delete, "/v1/orgs/acme/members/ada@example.com", token: ada).status == .noContent)
            #expect(try await api.call(.get, "/v1/orgs/acme", token: ada).status == .notFound)
            let after = try await api.call(.get, "/v1/orgs/acme/members", token: bob).decode(Page<APIMember>.self)
            #expect(after.items.map(\.email) == ["bob@example.com"])

            // Revoked invitations cannot be accepted.
            let second = try await api.call(.post, "/v1/orgs/acme/invitations", token: bob, json: CreateInvitation(email: "eve@example.com", role: .member))
                .decode(CreatedInvitation.self)
            #expect(try await api.call(.delete, "/v1/orgs/acme/invitations/\(second.invitation.id)", token: bob).status == .noContent)
            #expect(try await api.call(.post, "/v1/invitations/accept", token: eve, json: AcceptInvitation(token: second.token)).status == .notFound)
            let audit = try await api.call(.get, "/v1/orgs/acme/audit", token: bob).decode(Page<APIAuditEvent>.self)
            #expect(audit.items.map(\.action).contains("invitation.accept") && audit.items.map(\.action).contains("member.remove"))
        }
    }

    @Test("members and invitations of another organization are 404", arguments: TestEngine.all)
    func isolation(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let a = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "org-a")
            let b = try await AdminAPITests.signupWithOrganization(api, email: "bob@example.com", slug: "org-b")
            let invitation = try await api.call(.post, "/v1/orgs/org-a/invitations", token: a, json: CreateInvitation(email: "x@example.com", role: .member))
                .decode(CreatedInvitation.self)
            for (method, path, body) in [(HTTPRequest.Method.get, "/v1/orgs/org-a/members", nil as (any Encodable)?),
                                         (.patch, "/v1/orgs/org-a/members/ada@example.com", UpdateMember(role: .member)),
                                         (.delete, "/v1/orgs/org-a/members/ada@example.com", nil),
                                         (.get, "/v1/orgs/org-a/invitations", nil),
                                         (.post, "/v1/orgs/org-a/invitations", CreateInvitation(email: "y@example.com", role: .owner)),
                                         (.delete, "/v1/orgs/org-a/invitations/\(invitation.invitation.id)", nil)] {
                #expect(try await api.call(method, path, token: b, json: body).status == .notFound, "\(method) \(path)")
            }
            #expect(try await api.call(.delete, "/v1/orgs/org-b/invitations/\(invitation.invitation.id)", token: b).status == .notFound)
            let members = try await api.call(.get, "/v1/orgs/org-a/members", token: a).decode(Page<APIMember>.self)
            #expect(members.items.map(\.email) == ["ada@example.com"])
        }
    }
}

@Suite("Organization jobs")
struct OrganizationJobsTests {
    @Test("an organization sees its own jobs only, filtered by state", arguments: TestEngine.all)
    func ownJobsOnly(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, services in
            let a = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "org-a")
            let b = try await AdminAPITests.signupWithOrganization(api, email: "bob@example.com", slug: "org-b")
            let orgA = try await api.call(.get, "/v1/orgs/org-a", token: a).decode(APIOrganization.self).id
            let orgB = try await api.call(.get, "/v1/orgs/org-b", token: b).decode(APIOrganization.self).id
            let queue = JobQueue(database: services.database)
            let mine = try #require(try await queue.enqueue(kind: "webhook.deliver", organizationID: orgA))
            let dead = try #require(try await queue.enqueue(kind: "webhook.deliver", organizationID: orgA, maxAttempts: 1))
            let claimed = try await queue.claim(owner: "w", limit: 10, lease: .seconds(5))
            for job in claimed where job.id == dead { try await queue.fail(job, owner: "w", error: "receiver answered 500") }
            for job in claimed where job.id != dead && job.organizationID != orgA { try await queue.complete(job, owner: "w") }
            try await queue.enqueue(kind: "webhook.deliver", organizationID: orgB)
            try await queue.enqueue(kind: ExpirySweep.kind)

            let all = try await api.call(.get, "/v1/orgs/org-a/jobs", token: a).decode(Page<APIJob>.self)
            #expect(Set(all.items.map(\.id)) == [mine, dead])
            let deadOnly = try await api.call(.get, "/v1/orgs/org-a/jobs?state=dead", token: a).decode(Page<APIJob>.self)
            #expect(deadOnly.items.map(\.id) == [dead] && deadOnly.items.first?.lastError == "receiver answered 500")
            #expect(try await api.call(.get, "/v1/orgs/org-a/jobs?state=sleeping", token: a).status == .badRequest)
            #expect(try await api.call(.get, "/v1/orgs/org-a/jobs", token: b).status == .notFound)
            let bJobs = try await api.call(.get, "/v1/orgs/org-b/jobs", token: b).decode(Page<APIJob>.self)
            #expect(bJobs.items.count == 1 && !bJobs.items.contains { $0.id == mine })
            let paged = try await api.call(.get, "/v1/orgs/org-a/jobs?limit=1", token: a).decode(Page<APIJob>.self)
            #expect(paged.items.count == 1 && paged.nextCursor != nil)
            let rest = try await api.call(.get, "/v1/orgs/org-a/jobs?limit=1&cursor=\(paged.nextCursor ?? "")", token: a).decode(Page<APIJob>.self)
            #expect(rest.items.count == 1 && rest.items.first?.id != paged.items.first?.id)
        }
    }
}
