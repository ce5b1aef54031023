import Foundation
import Logging
import SQLKit
import Testing
@testable import mcplatformd

/// The database engines storage tests run on: SQLite always; PostgreSQL when
/// `MCP_TEST_POSTGRES_URL` is set (scripts/test sets it). With `CI=true` a missing PostgreSQL
/// fails the tests instead of skipping them.
enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["MCP_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var all: [TestEngine] {
        if postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

/// A database made for one test and removed after it: a new SQLite file in a temporary
/// directory, or a new PostgreSQL database on the test server.
struct TestDatabase: Sendable {
    let engine: TestEngine
    let url: DatabaseURL
    let directory: URL
    private let postgresName: String?

    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }()

    /// Creates the database (empty, not migrated).
    static func create(_ engine: TestEngine) async throws -> TestDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch engine {
        case .sqlite:
            let url = try DatabaseURL(parsing: "sqlite://" + directory.appendingPathComponent("test.sqlite").path)
            return TestDatabase(engine: engine, url: url, directory: directory, postgresName: nil)
        case .postgres:
            guard let base = TestEngine.postgresURL else {
                Issue.record("MCP_TEST_POSTGRES_URL is not set but CI=true: PostgreSQL tests must run (use scripts/test)")
                throw TestSetupError.postgresMissing
            }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await withAdmin(base) { db in try await db.execute(sql: SQLRaw("CREATE DATABASE \(name)")) { _ in } }
            var components = URLComponents(string: base)!
            components.path = "/\(name)"
            return TestDatabase(engine: engine, url: try DatabaseURL(parsing: components.string!), directory: directory, postgresName: String(name))
        }
    }

    /// Opens a handle; with `migrate`, applies every migration first.
    func open(migrate: Bool = true) async throws -> Database {
        let database = try await Database.open(url, logger: Self.logger)
        if migrate { try await Migrator(database: database, logger: Self.logger).migrate() }
        return database
    }

    /// Drops the database and removes the temporary directory.
    func destroy() async {
        if let postgresName, let base = TestEngine.postgresURL {
            try? await Self.withAdmin(base) { db in
                try await db.execute(sql: SQLRaw("DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)")) { _ in }
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func withAdmin(_ base: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let admin = try await Database.open(try DatabaseURL(parsing: base), logger: logger)
        do {
            try await admin.withConnection(body)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}

enum TestSetupError: Error { case postgresMissing }

/// Runs `body` with a fresh, migrated database of `engine`, then removes it; prints one line
/// per engine so the test log shows storage tests ran on both.
func withTestDatabase(
    _ engine: TestEngine, migrate: Bool = true, _ body: (Database, TestDatabase) async throws -> Void
) async throws {
    let test = try await TestDatabase.create(engine)
    let database = try await test.open(migrate: migrate)
    do {
        try await body(database, test)
        await database.close()
        await test.destroy()
    } catch {
        await database.close()
        await test.destroy()
        throw error
    }
    print("[storage] \(Test.current?.name ?? "test") ran on \(engine.rawValue)")
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(50),
                _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing call.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
