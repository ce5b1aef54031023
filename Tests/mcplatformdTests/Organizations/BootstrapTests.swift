import Foundation
import Shared
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Bootstrap and tokens")
struct BootstrapTests {
    func count(_ table: String, _ database: Database) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test("bootstrap creates account, organization and an owner token once; a second run creates nothing", arguments: TestEngine.all)
    func bootstrapIsIdempotent(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let bootstrapper = Bootstrapper(database: database, accounts: AccountStore(hasher: PasswordHasher(rounds: 1 << 10)))
            let first = try await bootstrapper.run(email: "Ada@Example.com ", organizationSlug: "acme", organizationName: "Acme", password: nil)
            #expect(first.accountCreated && first.organizationCreated)
            let secret = try #require(first.token)
            #expect(secret.hasPrefix("mcpt_"))
            #expect(first.generatedPassword != nil)

            let principal = try #require(try await TokenStore().authenticate(secret, database: database))
            #expect(principal == Principal(tokenID: try #require(first.tokenID), kind: .api, accountID: first.accountID,
                                           organizationID: first.organizationID, role: .owner))

            let second = try await bootstrapper.run(email: "ada@example.com", organizationSlug: "acme", organizationName: nil, password: nil)
            #expect(!second.accountCreated && !second.organizationCreated)
            #expect(second.token == nil && second.generatedPassword == nil)
            #expect(second.organizationID == first.organizationID && second.accountID == first.accountID)
            #expect(try await count("accounts", database) == 1)
            #expect(try await count("api_tokens", database) == 1)
            #expect(try await count("audit_events", database) == 3)

            // The secret is stored only as its hash.
            let stored = try await database.withConnection { db in
                try await db.raw("SELECT token_hash, prefix FROM api_tokens").first()
            }
            #expect(try stored?.decode(column: "token_hash", as: String.self) == PlatformToken.hash(secret))
            #expect(try stored?.decode(column: "prefix", as: String.self).count == 11)
        }
    }

    @Test("bootstrap refuses another account's organization and bad slugs, creating nothing", arguments: TestEngine.all)
    func bootstrapRefusals(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let bootstrapper = Bootstrapper(database: database, accounts: AccountStore(hasher: PasswordHasher(rounds: 1 << 10)))
            _ = try await bootstrapper.run(email: "ada@example.com", organizationSlug: "acme", organizationName: nil, password: "long enough")
            await #expect(throws: Bootstrapper.Failure.self) {
                _ = try await bootstrapper.run(email: "eve@example.com", organizationSlug: "acme", organizationName: nil, password: nil)
            }
            #expect(try await count("accounts", database) == 1, "the rolled-back transaction left no account for eve")
            for slug in ["ab", "Acme", "-acme", "acme-", "www", "a_b"] {
                await #expect(throws: Bootstrapper.Failure.self, "\(slug)") {
                    _ = try await bootstrapper.run(email: "x@example.com", organizationSlug: slug, organizationName: nil, password: nil)
                }
            }
            await #expect(throws: Bootstrapper.Failure.self) {
                _ = try await bootstrapper.run(email: "x@example.com", organizationSlug: "other", organizationName: nil, password: "short")
            }
            #expect(try await count("organizations", database) == 1)
        }
    }

    @Test("revoked, expired and unknown tokens authenticate nobody; revocation is scoped to the token's organization",
          arguments: TestEngine.all)
    func tokenLifecycle(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let store = TokenStore()
            let (a, b, expired, login) = try await database.transaction { db in
                try await insertOrganization(db, slug: "org-a", id: "org_a")
                try await insertOrganization(db, slug: "org-b", id: "org_b")
                let a = try await store.issueAPIToken(name: "ci", organizationID: "org_a", role: .member, createdBy: nil, on: db)
                let b = try await store.issueAPIToken(name: "ci", organizationID: "org_b", role: .admin, createdBy: nil, on: db)
                let expired = try await store.issueAPIToken(name: "old", organizationID: "org_a", role: .member, createdBy: nil,
                                                            expiresAt: nowMillis() - 1, on: db)
                let account = try await AccountStore().create(email: "ada@example.com", passwordHash: "scrypt$unused", on: db)
                let login = try await store.issueLoginToken(accountID: account.id, lifetime: .seconds(3600), on: db)
                return (a, b, expired, login)
            }
            #expect(try await store.authenticate(a.secret, database: database)?.organizationID == "org_a")
            #expect(try await store.authenticate(expired.secret, database: database) == nil)
            #expect(try await store.authenticate("mcpt_not-a-real-token", database: database) == nil)
            #expect(try await store.authenticate(login.secret, database: database)?.kind == .login)

            // Org B cannot revoke org A's token; org A can, once.
            #expect(try await database.withConnection { try await store.revoke(id: a.id, organizationID: "org_b", on: $0) } == false)
            #expect(try await store.authenticate(a.secret, database: database) != nil)
            #expect(try await database.withConnection { try await store.revoke(id: a.id, organizationID: "org_a", on: $0) })
            #expect(try await database.withConnection { try await store.revoke(id: a.id, organizationID: "org_a", on: $0) } == false)
            #expect(try await store.authenticate(a.secret, database: database) == nil)
            #expect(try await store.authenticate(b.secret, database: database)?.role == .admin)

            let lastUsed = try await database.withConnection { db in
                try await db.raw("SELECT last_used_at FROM api_tokens WHERE id = \(bind: b.id)").first()?.decode(column: "last_used_at", as: EpochMillis?.self)
            }
            #expect(lastUsed != nil)
        }
    }

    @Test("slug rules: DNS labels of 3-63 characters, no reserved names")
    func slugRules() {
        for good in ["acme", "a1b", "my-product-2", String(repeating: "a", count: 63)] { #expect(Slug.problem(with: good) == nil, "\(good)") }
        #expect(Slug.problem(with: "ab")?.contains("3 to 63") == true)
        #expect(Slug.problem(with: String(repeating: "a", count: 64))?.contains("3 to 63") == true)
        #expect(Slug.problem(with: "Acme")?.contains("lower-case") == true)
        #expect(Slug.problem(with: "-acme")?.contains("hyphen") == true)
        #expect(Slug.problem(with: "oauth") == "'oauth' is reserved")
        #expect(Role.owner > Role.admin && Role.admin > Role.member)
    }

    @Test("mcplatformd bootstrap prints the token once and is a no-op the second time")
    func bootstrapCommand() async throws {
        let home = try makeTemporaryHome()
        let environment = ["HOME": home.path]
        let first = try await runDaemonCommand(["bootstrap", "--email", "ci@example.com", "--org", "acme", "--json"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect((outcome?["token"] as? String)?.hasPrefix("mcpt_") == true)
        #expect(outcome?["organization_created"] as? Bool == true)
        let second = try await runDaemonCommand(["bootstrap", "--email", "ci@example.com", "--org", "acme"], environment: environment)
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing new was created"))
        #expect(!second.stdout.contains("mcpt_"))
        let bad = try await runDaemonCommand(["bootstrap", "--email", "ci@example.com", "--org", "API"], environment: environment)
        #expect(bad.status == 2 && bad.stderr.contains("invalid organization slug"))
        let taken = try await runDaemonCommand(["bootstrap", "--email", "eve@example.com", "--org", "acme"], environment: environment)
        #expect(taken.status == 5 && taken.stderr.contains("not its owner"))
        try? FileManager.default.removeItem(at: home)
    }
}
