import Foundation
import SQLKit
import Testing
@testable import mcplatformd

/// The `sqlite-synchronous` setting reaches every SQLite connection; full is the default.
@Suite("sqlite-synchronous")
struct SQLiteSynchronousTests {
    @Test("full by default, normal when asked, anything else refused")
    func setting() throws {
        let environment = ["HOME": "/tmp/none"]
        #expect(try ConfigurationLoader(flags: [:], environment: environment).load().sqliteSynchronous == .full)
        #expect(try ConfigurationLoader(flags: [.sqliteSynchronous: "normal"], environment: environment).load().sqliteSynchronous == .normal)
        #expect(try ConfigurationLoader(flags: [:], environment: environment.merging(["MCPLATFORM_SQLITE_SYNCHRONOUS": "NORMAL"]) { $1 })
            .load().sqliteSynchronous == .normal)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(flags: [.sqliteSynchronous: "sometimes"], environment: environment).load()
        }
        #expect(error.map { "\($0)" }?.contains("expected full or normal") == true)
    }

    @Test("the connections run with the chosen mode", arguments: SQLiteSynchronous.allCases)
    func connections(mode: SQLiteSynchronous) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString).sqlite")
        defer { for suffix in SQLiteFiles.companions { try? FileManager.default.removeItem(atPath: file.path + suffix) } }
        let database = try await Database.open(DatabaseURL(sqlitePath: file.path), logger: TestDatabase.logger, synchronous: mode)
        var seen: Set<Int> = []
        for _ in 0..<6 {
            let value = try await database.withConnection { try await $0.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) }
            seen.insert(value ?? -1)
        }
        await database.close()
        #expect(seen == [mode == .full ? 2 : 1])
    }
}
