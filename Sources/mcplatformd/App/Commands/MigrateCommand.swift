import ArgumentParser
import Foundation

/// `mcplatformd migrate [status]`: apply or list the schema migrations.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations, or list them.",
        discussion: """
            serve applies migrations by itself at start; run this to migrate ahead of a rollout. \
            Replicas starting together on PostgreSQL migrate one at a time.

            Examples:
              mcplatformd migrate
              mcplatformd migrate status --database-url postgres://mcp@db/mcplatform
            """,
        subcommands: [Apply.self, Status.self],
        defaultSubcommand: Apply.self
    )

    /// `mcplatformd migrate apply`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply", abstract: "Apply pending migrations (the default).",
            discussion: "Example:\n  mcplatformd migrate apply")
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let (configuration, logger) = try CommandSupport.prepare(options)
            // Opening storage migrates; a second run finds nothing to do.
            let applied = try await CommandSupport.withStorage(configuration, logger: logger) { database, _ in
                try await Migrator(database: database, logger: logger).status().filter { $0.appliedAt != nil }.count
            }
            print("database is current (\(applied) migrations applied)")
        }
    }

    /// `mcplatformd migrate status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "List migrations and when each was applied.",
            discussion: "Example:\n  mcplatformd migrate status")
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let (configuration, logger) = try CommandSupport.prepare(options)
            try DataDirectoryOrExit.prepare(configuration)
            let database: Database
            do {
                database = try await Database.open(configuration.databaseURL, logger: logger)
            } catch {
                printError("cannot open the database: \(error)")
                throw ExitCode(1)
            }
            let status: [Migrator.Status]
            do {
                status = try await Migrator(database: database, logger: logger).status()
                await database.close()
            } catch {
                await database.close()
                throw error
            }
            print("VERSION\tNAME\tAPPLIED")
            for line in status {
                let applied = line.appliedAt.map { Date(epochMillis: $0).formatted(.iso8601) } ?? "pending"
                print("\(line.version)\t\(line.name)\t\(applied)")
            }
        }
    }
}

/// Creates the data directory for commands that open SQLite without migrating.
enum DataDirectoryOrExit {
    static func prepare(_ configuration: DaemonConfiguration) throws {
        do {
            try DataDirectory.prepare(configuration.dataDir)
        } catch {
            printError(error.message)
            throw ExitCode(error.exitCode)
        }
    }
}
