import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// An end user's rights of access and erasure through the admin API, over real MCP traffic and
/// seeded rows in every table that can hold their data; the search for what is left runs with
/// SQL over every text column of every table, on both engines.
@Suite("End-user export and erasure")
struct EndUserErasureTests {
    @Test("export holds everything about the end user; erasure leaves no trace of them and keeps counts and the other end user",
          arguments: TestEngine.all)
    func exportThenErase(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { $0.allowPrivateAddresses = true }) { mcp in
            let api = mcp.api
            let mark = "erasemark\(UUID().uuidString.prefix(8).lowercased())"
            let keep = "keepmark\(UUID().uuidString.prefix(8).lowercased())"
            let webhook = try await api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token,
                                             raw: #"{"url":"https://127.0.0.1:9/hook","events":["ticket.created","ticket.commented"]}"#)
            #expect(webhook.status == .created, "\(String(decoding: webhook.body, as: UTF8.self))")

            // Real traffic: each end user opens a ticket through their tracking-id URL; ours replies.
            for (marker, number) in [(mark, 1), (keep, 2)] {
                let opened = try await mcp.modern("tools/call", name: "get_support", arguments: """
                    {"title":"Title \(marker)","problem_description":"Problem \(marker)","email":"\(marker)@example.com"}
                    """, path: "/s/acme-docs/api/mcpserver/trk-\(marker)/mcp")
                #expect(opened.toolText?.contains("ticket #\(number)") == true, "\(opened.text)")
            }
            let reply = try await mcp.modern("tools/call", name: "reply_to_ticket", arguments: #"{"ticket_number":1,"message":"Reply \#(mark)"}"#,
                                             path: "/s/acme-docs/api/mcpserver/trk-\(mark)/mcp")
            #expect(reply.result?["isError"] != .bool(true), "\(reply.text)")
            let note = try await api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, raw: #"{"body":"Internal staff note","visibility":"internal"}"#)
            #expect(note.status == .created || note.status == .ok, "\(String(decoding: note.body, as: UTF8.self))")

            // Seeded: what sign-in, mail and the queues would hold about them.
            let database = mcp.services.database
            let ids = try await database.withConnection { db in
                try await db.raw("""
                    SELECT u.id AS u, u.organization_id AS o, s.id AS s FROM end_user_tracking_ids t JOIN end_users u ON u.id = t.end_user_id
                    JOIN mcp_servers s ON s.organization_id = u.organization_id WHERE t.tracking_id = \(bind: "trk-\(mark)")
                    """).first()
            }
            let userID = try #require(try ids?.decode(column: "u", as: String.self))
            let orgID = try #require(try ids?.decode(column: "o", as: String.self))
            let serverID = try #require(try ids?.decode(column: "s", as: String.self))
            let ticketID = try #require(try await database.withConnection { db in
                try await db.raw("SELECT id FROM support_tickets WHERE end_user_id = \(bind: userID)").first()?.decode(column: "id", as: String.self)
            })
            try await database.withConnection { db in
                try await db.raw("""
                    INSERT INTO end_user_identities (organization_id, issuer, subject, end_user_id, email, email_verified, created_at, last_login_at)
                    VALUES (\(bind: orgID), 'https://idp.test', \(bind: "sub-\(mark)"), \(bind: userID), \(bind: "idp-\(mark)@example.com"), TRUE, 1, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO oauth_grants (id, organization_id, server_id, end_user_id, client_id, client_name, scope, provider, upstream_subject,
                        consented_at, created_at, updated_at)
                    VALUES ('grt_erase', \(bind: orgID), \(bind: serverID), \(bind: userID), 'mcpc_erase', \(bind: "Client \(mark)"), 'mcp', 'custom',
                        \(bind: "sub-\(mark)"), 1, 1, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO jobs (id, kind, payload, organization_id, state, run_at, max_attempts, created_at, updated_at)
                    VALUES ('job_erase', 'mail.ticket', \(bind: #"{"to":"\#(mark)@example.com"}"#), \(bind: orgID), 'done', 1, 5, 1, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at, expires_at, organization_id)
                    VALUES ('s', 'k-erase', 'h', 200, \(bind: #"{"email":"\#(mark)@example.com"}"#), 1, 9999999999999, \(bind: orgID))
                    """).run()
                try await db.raw("""
                    INSERT INTO audit_events (id, organization_id, action, target_type, target_id, details, created_at)
                    VALUES ('aud_erase', \(bind: orgID), 'ticket.update', 'ticket', \(bind: ticketID), \(bind: #"{"title":"Title \#(mark)"}"#), 1)
                    """).run()
                try await db.raw("INSERT INTO mail_unsubscribes (organization_id, address, created_at) VALUES (\(bind: orgID), \(bind: "\(mark)@example.com"), 1)").run()
                try await db.raw("""
                    INSERT INTO ticket_emails (id, organization_id, ticket_id, kind, recipient, state, last_error, created_at, updated_at)
                    VALUES ('tem_erase', \(bind: orgID), \(bind: ticketID), 'reply', \(bind: "\(mark)@example.com"), 'failed',
                        \(bind: "550 \(mark)@example.com unknown"), 1, 1)
                    """).run()
            }
            let before = try await TextColumns.rowCounts(mark, in: database)
            for column in ["end_users.email", "end_user_tracking_ids.tracking_id", "tool_calls.arguments", "support_tickets.title",
                           "ticket_events.body", "webhook_deliveries.body", "end_user_identities.subject", "oauth_grants.client_name"] {
                #expect(before[column] != nil, "the marker should be in \(column) before: \(before)")
            }
            let keptBefore = try await TextColumns.rowCounts(keep, in: database)
            let totalsBefore = try await (mcp.count("end_users"), mcp.count("tool_calls"), mcp.count("support_tickets"), mcp.count("end_user_sessions"))

            // Export: everything held, by any of the end user's references; nothing of staff-only notes.
            let export = try await api.call(.get, "/v1/orgs/acme/users/trk-\(mark)/export", token: mcp.token)
            #expect(export.status == .ok)
            let exported = String(decoding: export.body, as: UTF8.self)
            for held in ["\(mark)@example.com", "trk-\(mark)", "Title \(mark)", "Problem \(mark)", "Reply \(mark)", "sub-\(mark)",
                         "idp-\(mark)@example.com", "Client \(mark)", "\"walkthroughs\"", "\"sessions\""] {
                #expect(exported.contains(held), "the export lacks \(held)")
            }
            #expect(!exported.contains("Internal staff note") && !exported.contains(keep))
            let decoded = try export.decode(APIEndUserExport.self)
            #expect(decoded.toolCalls.count == 2 && decoded.tickets.count == 1 && decoded.grants.count == 1 && decoded.identities.count == 1)
            #expect(try await api.call(.get, "/v1/orgs/acme/users/nobody-\(mark)/export", token: mcp.token).status == .notFound)

            // Another organization's owner reaches neither through its own organization nor through acme.
            let other = try await AdminAPITests.signupWithOrganization(api, email: "owner@other.test", slug: "other")
            for path in ["/v1/orgs/other/users/trk-\(mark)", "/v1/orgs/acme/users/trk-\(mark)"] {
                let exported = try await api.call(.get, path + "/export", token: other)
                let deleted = try await api.call(.delete, path, token: other)
                #expect([.notFound, .forbidden].contains(exported.status) && [.notFound, .forbidden].contains(deleted.status), "\(path)")
                #expect(!String(decoding: exported.body, as: UTF8.self).contains("Title \(mark)") && !String(decoding: exported.body, as: UTF8.self).contains("\(mark)@example.com"))
            }
            #expect(try await TextColumns.rowCounts(mark, in: database) == before, "a refused request changed something")

            // Erase.
            let erased = try await api.call(.delete, "/v1/orgs/acme/users/\(mark)@example.com", token: mcp.token)
            #expect(erased.status == .ok, "\(String(decoding: erased.body, as: UTF8.self))")
            let outcome = try erased.decode(APIEndUserErasure.self)
            #expect(outcome.id == userID && outcome.toolCalls == 2 && outcome.tickets == 1 && outcome.grants == 1)
            #expect(try await api.call(.delete, "/v1/orgs/acme/users/nobody-\(mark)", token: mcp.token).status == .notFound)

            let left = try await TextColumns.rowCounts(mark, in: database)
            #expect(left.isEmpty, "erased data is still held: \(left)")
            #expect(try await TextColumns.rowCounts(keep, in: database) == keptBefore, "the other end user's data changed")
            let totalsAfter = try await (mcp.count("end_users"), mcp.count("tool_calls"), mcp.count("support_tickets"), mcp.count("end_user_sessions"))
            #expect(totalsAfter == totalsBefore, "anonymous counts must stay")
            let row = try await database.withConnection { db in
                try await db.raw("SELECT erased_at, email FROM end_users WHERE id = \(bind: userID)").first()
            }
            #expect(try row?.decode(column: "erased_at", as: Int64?.self) != nil)
            let audit = try await database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'end_user.erase' AND target_id = \(bind: userID)").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(audit == 1)
            #expect(try await mcp.count("oauth_grants") == 0)

            // The same person calling again through the same URL is a new end user.
            let again = try await mcp.modern("tools/call", name: "get_support", arguments: #"{"title":"Again","problem_description":"Back","email":"again@example.com"}"#,
                                             path: "/s/acme-docs/api/mcpserver/trk-\(mark)/mcp")
            #expect(again.toolText?.contains("ticket #3") == true, "\(again.text)")
            let newcomer = try await api.call(.get, "/v1/orgs/acme/users/trk-\(mark)", token: mcp.token)
            #expect(newcomer.status == .ok)
            #expect(try newcomer.decode(APIEndUser.self).id != userID)
        }
    }
}
