import Foundation
import SQLKit
import Testing
@testable import mcplatformd

/// Who a sign-in is (docs/OAUTH.md "Rules"), on both engines: the upstream identity first, then an
/// email the provider marks verified — the only thing that merges two end-user records.
@Suite("End-user sign-in identity")
struct EndUserLoginTests {
    static func organization(_ db: any SQLDatabase, _ slug: String) async throws -> String {
        let id = Identifier.make("org")
        try await db.raw("INSERT INTO organizations (id, slug, name, created_at, updated_at) VALUES (\(bind: id), \(bind: slug), \(bind: slug), 0, 0)").run()
        return id
    }

    static func identity(_ issuer: String, _ subject: String, email: String?, verified: Bool) -> UpstreamIdentity {
        UpstreamIdentity(issuer: issuer, subject: subject, email: email, emailVerified: verified, name: nil)
    }

    @Test("the same identity finds the same end user; another provider's subject with the same string is someone else", arguments: TestEngine.all)
    func identities(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let login = EndUserLogin()
            try await database.transaction { db in
                let org = try await Self.organization(db, "acme")
                let first = try await login.endUser(for: Self.identity("https://a.example", "42", email: "ada@example.com", verified: false),
                                                    organizationID: org, now: 1, on: db)
                #expect(first.identifiedEmail == "ada@example.com" && !first.emailVerified)
                let again = try await login.endUser(for: Self.identity("https://a.example", "42", email: "ada@example.com", verified: false),
                                                    organizationID: org, now: 2, on: db)
                #expect(again.endUserID == first.endUserID && again.identifiedEmail == nil)
                let otherIssuer = try await login.endUser(for: Self.identity("https://b.example", "42", email: nil, verified: false),
                                                          organizationID: org, now: 3, on: db)
                #expect(otherIssuer.endUserID != first.endUserID)
                // A claimed email (collect_email, or unverified upstream) merges nothing.
                let claimed = try await login.endUser(for: Self.identity(EndUserLogin.collectEmailIssuer, "ada@example.com", email: "ada@example.com",
                                                                         verified: false), organizationID: org, now: 4, on: db)
                #expect(claimed.endUserID != first.endUserID)
                let other = try await Self.organization(db, "beta")
                let elsewhere = try await login.endUser(for: Self.identity("https://a.example", "42", email: "ada@example.com", verified: true),
                                                        organizationID: other, now: 5, on: db)
                #expect(elsewhere.endUserID != first.endUserID)
                let subject = try await db.select().column("upstream_subject").from("end_users").where("id", .equal, first.endUserID).first()?
                    .decode(column: "upstream_subject", as: String?.self)
                #expect(subject == "42")
            }
        }
    }

    @Test("a verified email finds the end user of another provider, and merges two records into one with everything they own", arguments: TestEngine.all)
    func verifiedEmailMerges(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let login = EndUserLogin()
            try await database.transaction { db in
                let org = try await Self.organization(db, "acme")
                let server = Identifier.make("srv")
                try await db.raw("""
                    INSERT INTO mcp_servers (id, organization_id, slug, name, product_name, created_at, updated_at)
                    VALUES (\(bind: server), \(bind: org), 'acme-docs', 'Docs', 'Acme', 0, 0)
                    """).run()
                // X: signed in with provider A, email verified.
                let x = try await login.endUser(for: Self.identity("https://a.example", "a1", email: "Grace@Example.com", verified: true),
                                                organizationID: org, now: 10, on: db)
                // Provider B with the same verified email: the same person.
                let viaB = try await login.endUser(for: Self.identity("https://b.example", "b1", email: "grace@example.com", verified: true),
                                                   organizationID: org, now: 20, on: db)
                #expect(viaB.endUserID == x.endUserID)
                // Y: provider C, no email yet; it owns a tracking id, a session and a tool call.
                let y = try await login.endUser(for: Self.identity("https://c.example", "c1", email: nil, verified: false),
                                                organizationID: org, now: 5, on: db)
                #expect(y.endUserID != x.endUserID)
                _ = try await EndUserStore().attach(trackingID: "cust-7", to: y.endUserID, organizationID: org, now: 5, on: db)
                let session = try await SessionStore().createLegacy(organizationID: org, serverID: server, endUserID: y.endUserID, protocolVersion: "2025-11-25",
                                                                    client: ClientInfo(name: "c", version: "1"), now: 5, on: db)
                try await db.raw("""
                    INSERT INTO tool_calls (id, organization_id, server_id, session_id, end_user_id, tool, arguments, outcome, duration_us, created_at)
                    VALUES ('tc_1', \(bind: org), \(bind: server), \(bind: session.id), \(bind: y.endUserID), 'get_support', '{}', 'ok', 1, 5)
                    """).run()
                // C now says c1's email is grace's, verified: Y merges into X.
                let merged = try await login.endUser(for: Self.identity("https://c.example", "c1", email: "grace@example.com", verified: true),
                                                     organizationID: org, now: 30, on: db)
                #expect(merged.endUserID == x.endUserID)
                let remaining = try await db.select().column("id").from("end_users").where("organization_id", .equal, org).all()
                    .map { try $0.decode(column: "id", as: String.self) }
                #expect(Set(remaining) == [x.endUserID])
                for (table, column) in [("end_user_tracking_ids", "end_user_id"), ("end_user_sessions", "end_user_id"), ("tool_calls", "end_user_id")] {
                    let owner = try await db.select().column(SQLIdentifier(column)).from(table).first()?.decode(column: column, as: String.self)
                    #expect(owner == x.endUserID, "\(table)")
                }
                let identities = try await db.select().column("issuer").from("end_user_identities").where("end_user_id", .equal, x.endUserID).all()
                #expect(identities.count == 3)
                let firstSeen = try await db.select().column("first_seen_at").from("end_users").where("id", .equal, x.endUserID).first()?
                    .decode(column: "first_seen_at", as: Int64.self)
                #expect(firstSeen == 5)
            }
        }
    }

    @Test("concurrent first sign-ins of one identity end with one end user", arguments: TestEngine.all)
    func concurrentFirstSignIns(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let org = try await database.transaction { try await Self.organization($0, "acme") }
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await database.transaction { db in
                            try await EndUserLogin().endUser(for: Self.identity("https://a.example", "same", email: nil, verified: false),
                                                             organizationID: org, now: 1, on: db).endUserID
                        }
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            let rows = try await database.withConnection { try await $0.select().column("id").from("end_users").all() }
            #expect(rows.count == 1)
        }
    }
}
