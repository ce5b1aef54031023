import Foundation
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Storage")
struct StorageTests {
    @Test("migrations apply once; a second run is a no-op; status lists them", arguments: TestEngine.all)
    func migrationsIdempotent(engine: TestEngine) async throws {
        try await withTestDatabase(engine, migrate: false) { database, _ in
            let migrator = Migrator(database: database, logger: TestDatabase.logger)
            let before = try await migrator.status()
            #expect(before.allSatisfy { $0.appliedAt == nil })
            let first = try await migrator.migrate()
            #expect(first == Migration.all.map(\.version))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            let after = try await migrator.status()
            #expect(after.map(\.name) == Migration.all.map(\.name))
            #expect(after.allSatisfy { $0.appliedAt != nil })
            #expect(try await migrator.isCurrent())
        }
    }

    @Test("two migrators racing on one database apply each migration once", arguments: TestEngine.all)
    func concurrentMigration(engine: TestEngine) async throws {
        try await withTestDatabase(engine, migrate: false) { _, test in
            let first = try await test.open(migrate: false)
            let second = try await test.open(migrate: false)
            async let a = Result(catching: { try await Migrator(database: first, logger: TestDatabase.logger).migrate() })
            async let b = Result(catching: { try await Migrator(database: second, logger: TestDatabase.logger).migrate() })
            let (resultA, resultB) = await (a, b)
            await first.close()
            await second.close()
            let (appliedA, appliedB) = (try resultA.get(), try resultB.get())
            #expect((appliedA + appliedB).sorted() == Migration.all.map(\.version))
        }
    }

    @Test("a transaction that throws leaves nothing behind", arguments: TestEngine.all)
    func transactionRollback(engine: TestEngine) async throws {
        struct Boom: Error {}
        try await withTestDatabase(engine) { database, _ in
            await #expect(throws: Boom.self) {
                try await database.transaction { db in
                    try await insertOrganization(db, slug: "rolled-back")
                    throw Boom()
                }
            }
            try await database.transaction { db in try await insertOrganization(db, slug: "kept") }
            let slugs = try await database.withConnection { db in
                try await db.select().column("slug").from("organizations").all().map { try $0.decode(column: "slug", as: String.self) }
            }
            #expect(slugs == ["kept"])
        }
    }

    @Test("constraints hold on both engines: unique slugs, foreign keys, role checks", arguments: TestEngine.all)
    func constraints(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            try await database.withConnection { try await insertOrganization($0, slug: "acme") }
            await #expect(throws: (any Error).self) {
                try await database.withConnection { try await insertOrganization($0, slug: "acme") }
            }
            await #expect(throws: (any Error).self) {
                try await database.withConnection { db in
                    try await db.raw("""
                        INSERT INTO memberships (organization_id, account_id, role, created_at)
                        VALUES ('org_missing', 'acc_missing', 'owner', 0)
                        """).run()
                }
            }
        }
    }

    @Test("timestamps round-trip as UTC epoch milliseconds, bucketed identically", arguments: TestEngine.all)
    func timestamps(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let instant: EpochMillis = 1_795_597_754_081 // 2026-11-25T…Z
            try await database.withConnection { db in
                try await db.raw("""
                    INSERT INTO organizations (id, slug, name, created_at, updated_at)
                    VALUES ('org_t', 'times', 'Times', \(bind: instant), \(bind: instant))
                    """).run()
            }
            let row = try await database.withConnection { db in
                try await db.raw("""
                    SELECT created_at, (created_at / 3600000) * 3600000 AS hour_bucket FROM organizations WHERE id = 'org_t'
                    """).first()
            }
            #expect(try row?.decode(column: "created_at", as: EpochMillis.self) == instant)
            #expect(try row?.decode(column: "hour_bucket", as: EpochMillis.self) == instant - instant % 3_600_000)
            #expect(Date(epochMillis: instant).epochMillis == instant)
        }
    }

    @Test("identifiers carry their prefix and do not repeat")
    func identifiers() {
        let ids = (0..<1000).map { _ in Identifier.make("org") }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.hasPrefix("org_") && $0.count == 24 })
    }

    @Test("database URLs parse, redact and refuse other schemes")
    func databaseURLs() throws {
        let pg = try DatabaseURL(parsing: "postgres://user:pa%40ss@db.example:6543/app?sslmode=require")
        guard case .postgres(let details) = pg.target else { Issue.record("not postgres"); return }
        #expect(details.host == "db.example" && details.port == 6543 && details.database == "app")
        #expect(details.password == "pa@ss" && details.tls)
        #expect(!pg.redacted.contains("pa%40ss"))
        #expect(throws: DatabaseURLError.unsupportedScheme("mysql")) { try DatabaseURL(parsing: "mysql://x/y") }
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "sqlite://") }
    }
}

/// Inserts an organization row directly (tests of the storage layer itself).
func insertOrganization(_ db: any SQLDatabase, slug: String, id: String = Identifier.make("org")) async throws {
    try await db.raw("""
        INSERT INTO organizations (id, slug, name, created_at, updated_at)
        VALUES (\(bind: id), \(bind: slug), \(bind: slug), \(bind: nowMillis()), \(bind: nowMillis()))
        """).run()
}
