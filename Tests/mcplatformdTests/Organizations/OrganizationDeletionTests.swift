import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// Deleting an organization leaves nothing of it in the database (its audit events and its
/// stored idempotent answers included), and another organization's data is untouched. Proven by
/// searching every text column of every table, on both engines.
@Suite("Organization deletion")
struct OrganizationDeletionTests {
    @Test("nothing of a deleted organization stays (audit, idempotent answers, tickets, end users); the other organization keeps everything",
          arguments: TestEngine.all)
    func deletionLeavesNothing(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let api = mcp.api
            let doomedMarker = "doomedmark\(UUID().uuidString.prefix(8).lowercased())"
            let keptMarker = "keptmark\(UUID().uuidString.prefix(8).lowercased())"
            func idempotent(_ key: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: key] }

            // The doomed organization, created with an Idempotency-Key (an account-level request
            // whose stored answer holds the organization), with a server, a ticket and an end user.
            let signup = try await api.call(.post, "/v1/account/signup", json: Credentials(email: "\(doomedMarker)@doomed.test", password: "correct horse"))
            let owner = try signup.decode(LoginResult.self).token
            let created = try await api.call(.post, "/v1/orgs", token: owner, json: CreateOrganization(slug: "doomed", name: "Doomed \(doomedMarker)"),
                                             headers: idempotent("create-\(doomedMarker)"))
            #expect(created.status == .created)
            let server = try await api.call(.post, "/v1/orgs/doomed/servers", token: owner,
                                            json: ServerFields(slug: "doomed-docs", name: "Docs \(doomedMarker)", productName: "Product \(doomedMarker)"),
                                            headers: idempotent("server-\(doomedMarker)"))
            #expect(server.status == .created, "\(String(decoding: server.body, as: UTF8.self))")
            let ticket = try await mcp.modern("tools/call", name: "get_support", arguments: """
                {"title":"Title \(doomedMarker)","problem_description":"Problem \(doomedMarker)","email":"user-\(doomedMarker)@example.com"}
                """, path: "/s/doomed-docs/mcp")
            #expect(ticket.toolText?.contains("ticket #1") == true, "\(ticket.text)")
            // The kept organization (acme, from the harness) holds its own marked data.
            let kept = try await api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(name: "Docs \(keptMarker)"),
                                          headers: idempotent("rename-\(keptMarker)"))
            #expect(kept.status == .ok)
            let keptTicket = try await mcp.modern("tools/call", name: "get_support", arguments: """
                {"title":"Title \(keptMarker)","problem_description":"Problem \(keptMarker)","email":"user-\(keptMarker)@example.com"}
                """)
            #expect(keptTicket.toolText?.contains("ticket #1") == true, "\(keptTicket.text)")

            let database = mcp.services.database
            let doomedBefore = try await TextColumns.rowCounts(doomedMarker, in: database)
            for table in ["idempotency_keys.response_body", "organizations.name", "support_tickets.title", "end_users.email", "mcp_servers.name"] {
                #expect(doomedBefore[table] != nil, "the marker should be in \(table) before: \(doomedBefore)")
            }
            let keptBefore = try await TextColumns.rowCounts(keptMarker, in: database)
            #expect(!keptBefore.isEmpty)
            let doomedID = try #require(try await database.withConnection { db in
                try await db.raw("SELECT id FROM organizations WHERE slug = 'doomed'").first()?.decode(column: "id", as: String.self)
            })

            func auditEvents() async throws -> Int {
                try await database.withConnection { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE organization_id = \(bind: doomedID)").first()?.decode(column: "n", as: Int.self) ?? 0
                }
            }
            #expect(try await auditEvents() > 0)

            let deleted = try await api.call(.delete, "/v1/orgs/doomed", token: owner)
            #expect(deleted.status == .noContent)

            // Not one text anywhere holds the marker; the organization's id is left only in the
            // platform-level audit entry of the deletion (no customer data in it).
            #expect(try await TextColumns.rowCounts(doomedMarker, in: database).keys.sorted() == ["accounts.email"],
                    "the deleted organization's data stayed (the account of its owner is platform-level and stays)")
            #expect(try await auditEvents() == 0)
            let idHits = try await TextColumns.rowCounts(doomedID, in: database)
            #expect(idHits == ["audit_events.target_id": 1], "\(idHits)")
            let entry = try #require(try await database.withConnection { db in
                try await db.raw("SELECT action, organization_id, details FROM audit_events WHERE target_id = \(bind: doomedID)").first()
            })
            #expect(try entry.decode(column: "action", as: String.self) == "organization.delete")
            #expect(try entry.decode(column: "organization_id", as: String?.self) == nil && entry.decode(column: "details", as: String.self) == "{}")
            // The other organization keeps every row it had.
            #expect(try await TextColumns.rowCounts(keptMarker, in: database) == keptBefore)
            #expect(try await api.call(.get, "/v1/orgs/acme/tickets/1", token: mcp.token).status == .ok)
        }
    }
}
