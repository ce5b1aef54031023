import Foundation
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Secrets")
struct SecretsTests {
    func temporaryKeyRing() throws -> KeyRing {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)")
        return try KeyRing.openOrCreate(at: directory)
    }

    @Test("a new key ring makes one key, files 0600 in a 0700 directory")
    func keyRingPermissions() throws {
        let ring = try temporaryKeyRing()
        #expect(ring.keyIDs.count == 1)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: ring.directory.path)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        let file = ring.directory.appendingPathComponent("\(ring.keyIDs[0]).key").path
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        // Opening again reuses the key.
        let again = try KeyRing.openOrCreate(at: ring.directory)
        #expect(again.keyIDs == ring.keyIDs)
    }

    @Test("sealed secrets open with the same context only, and never contain the plaintext")
    func sealing() throws {
        let box = SecretBox(keyRing: try temporaryKeyRing())
        let sealed = try box.seal("client-secret-value", context: "oauth_configs.client_secret")
        #expect(!sealed.contains("client-secret-value"))
        #expect(sealed.hasPrefix("v1.\(box.keyRing.currentKeyID!)."))
        #expect(try box.open(sealed, context: "oauth_configs.client_secret") == "client-secret-value")
        #expect(throws: (any Error).self) { try box.open(sealed, context: "other.column") }
        #expect(throws: (any Error).self) { try box.open("v1.kmissing.AAAA", context: "oauth_configs.client_secret") }
        // Two seals of one value differ (fresh nonce).
        #expect(try box.seal("x", context: "c") != box.seal("x", context: "c"))
    }

    @Test("after rotation new secrets use the new key and old ones still open")
    func rotationKeepsOldKeysReadable() throws {
        let ring = try temporaryKeyRing()
        let box = SecretBox(keyRing: ring)
        let old = try box.seal("before", context: "c")
        let newID = try ring.addKey()
        #expect(ring.currentKeyID == newID)
        #expect(try SecretBox.keyID(of: box.seal("after", context: "c")) == newID)
        #expect(try box.open(old, context: "c") == "before")
    }

    @Test("a key added by another process is found when a value needs it")
    func picksUpNewKeys() throws {
        let ring = try temporaryKeyRing()
        let other = try KeyRing.openOrCreate(at: ring.directory)
        let newID = try other.addKey()
        let sealed = try SecretBox(keyRing: other).seal("v", context: "c")
        #expect(try SecretBox(keyRing: ring).open(sealed, context: "c") == "v")
        #expect(try ring.currentKey().id == newID)
    }

    @Test("rotate-key re-seals stored secrets through the job, then old keys can be pruned", arguments: TestEngine.all)
    func resealJob(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let ring = try temporaryKeyRing()
            let box = SecretBox(keyRing: ring)
            let oldKey = try #require(ring.currentKeyID)
            try await database.withConnection { db in
                try await insertOrganization(db, slug: "acme", id: "org_acme")
                for index in 0..<3 {
                    try await db.raw("""
                        INSERT INTO oauth_configs (id, organization_id, name, client_id, client_secret_sealed, created_at, updated_at)
                        VALUES (\(bind: "oac_\(index)"), 'org_acme', \(bind: "cfg\(index)"), 'client',
                                \(bind: try box.seal("secret-\(index)", context: "oauth_configs.client_secret")), 0, 0)
                        """).run()
                }
            }
            let resealer = SecretResealer(database: database, box: box, logger: TestDatabase.logger)
            #expect(try await resealer.valuesUnderOldKeys() == 0)
            let newKey = try ring.addKey()
            #expect(try await resealer.valuesUnderOldKeys() == 3)

            let queue = JobQueue(database: database)
            var handlers = JobHandlers()
            handlers.register(SecretResealer.kind, resealer.handler)
            let services = RunningServices([JobWorker(queue: queue, handlers: handlers, settings: JobQueueTests.fast, logger: TestDatabase.logger)])
            try await queue.enqueue(kind: SecretResealer.kind)
            let resealed = try await eventually { try await resealer.valuesUnderOldKeys() == 0 }
            try await services.stop()
            #expect(resealed)

            let values = try await database.withConnection { db in
                try await db.raw("SELECT client_secret_sealed AS v FROM oauth_configs ORDER BY id").all()
                    .map { try $0.decode(column: "v", as: String.self) }
            }
            #expect(try values.map { try SecretBox.keyID(of: $0) } == [newKey, newKey, newKey])
            #expect(try ring.pruneOldKeys() == [oldKey])
            #expect(try values.map { try box.open($0, context: "oauth_configs.client_secret") } == ["secret-0", "secret-1", "secret-2"])
        }
    }

    @Test("rotate-key re-seals the OAuth proxy's secrets too: upstream tokens, verifiers, kept rotation answers", arguments: TestEngine.all)
    func resealOAuth(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let ring = try temporaryKeyRing()
            let box = SecretBox(keyRing: ring)
            let columns = SealedColumn.all.map { "\($0.table).\($0.column)" }
            #expect(Set(["oauth_grants.upstream_access_token_sealed", "oauth_grants.upstream_refresh_token_sealed",
                         "oauth_authorization_requests.upstream_verifier_sealed", "oauth_tokens.successor_sealed"]).isSubset(of: Set(columns)))
            try await database.withConnection { db in
                try await insertOrganization(db, slug: "acme", id: "org_acme")
                try await db.raw("""
                    INSERT INTO mcp_servers (id, organization_id, slug, name, product_name, created_at, updated_at)
                    VALUES ('srv_1', 'org_acme', 'acme-docs', 'Docs', 'Acme', 0, 0)
                    """).run()
                try await db.raw("INSERT INTO end_users (id, organization_id, first_seen_at, last_seen_at) VALUES ('eu_1', 'org_acme', 0, 0)").run()
                try await db.raw("""
                    INSERT INTO oauth_grants (id, organization_id, server_id, end_user_id, client_id, scope, provider, upstream_access_token_sealed,
                        upstream_refresh_token_sealed, consented_at, created_at, updated_at)
                    VALUES ('grt_1', 'org_acme', 'srv_1', 'eu_1', 'mcpc_1', 'mcp', 'custom',
                        \(bind: try box.seal("upstream-access", context: OAuthGrantStore.accessContext)),
                        \(bind: try box.seal("upstream-refresh", context: OAuthGrantStore.refreshContext)), 0, 0, 0)
                    """).run()
            }
            let resealer = SecretResealer(database: database, box: box, logger: TestDatabase.logger)
            let newKey = try ring.addKey()
            #expect(try await resealer.valuesUnderOldKeys() == 2)
            #expect(try await resealer.resealAll() == 2)
            let row = try await database.withConnection { try await $0.raw("SELECT upstream_access_token_sealed AS a, upstream_refresh_token_sealed AS r FROM oauth_grants").first() }
            let access = try #require(try row?.decode(column: "a", as: String.self))
            let refresh = try #require(try row?.decode(column: "r", as: String.self))
            #expect(try [access, refresh].map { try SecretBox.keyID(of: $0) } == [newKey, newKey])
            #expect(try box.open(access, context: OAuthGrantStore.accessContext) == "upstream-access")
            #expect(try box.open(refresh, context: OAuthGrantStore.refreshContext) == "upstream-refresh")
        }
    }

    @Test("platform tokens: readable prefix, stored as SHA-256 only")
    func tokens() {
        let token = PlatformToken.generate(kind: "mcpt")
        #expect(token.secret.hasPrefix("mcpt_") && token.secret.count == 48)
        #expect(token.displayPrefix == String(token.secret.prefix(11)))
        #expect(token.hash.count == 64 && !token.hash.contains(token.secret))
        #expect(PlatformToken.hash(token.secret) == token.hash)
        #expect(PlatformToken.generate(kind: "mcpt").secret != token.secret)
    }

    @Test("passwords hash with scrypt and verify in constant time")
    func passwords() throws {
        let hasher = PasswordHasher(rounds: 1 << 10)
        let stored = try hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("scrypt$1024$8$1$"))
        #expect(!stored.contains("correct horse"))
        #expect(hasher.verify("correct horse battery staple", against: stored))
        #expect(!hasher.verify("correct horse battery stapler", against: stored))
        #expect(!hasher.verify("x", against: "garbage"))
        #expect(try hasher.hash("same") != hasher.hash("same"))
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]) && !constantTimeEquals([1, 2, 3], [1, 2, 4]) && !constantTimeEquals([1], [1, 2]))
    }

    @Test("the default work factor is the strong one")
    func defaultWorkFactor() throws {
        let stored = try PasswordHasher().hash("pw")
        #expect(stored.hasPrefix("scrypt$32768$8$1$"))
        #expect(PasswordHasher().verify("pw", against: stored))
    }
}
