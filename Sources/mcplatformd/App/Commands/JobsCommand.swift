import ArgumentParser
import Foundation

/// `mcplatformd jobs`: the operator's view of the job queue, across organizations.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Inspect and retry jobs of the durable queue (all organizations).",
        discussion: """
            Examples:
              mcplatformd jobs list --state dead
              mcplatformd jobs show job_0123456789abcdefghjk
              mcplatformd jobs retry job_0123456789abcdefghjk
            """,
        subcommands: [List.self, Show.self, Retry.self],
        defaultSubcommand: List.self
    )

    /// `mcplatformd jobs list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List jobs, newest first.",
            discussion: "Examples:\n  mcplatformd jobs list\n  mcplatformd jobs list --state dead --json")
        @OptionGroup var options: ConfigOptions
        @Option(help: "Only jobs in this state: pending, running, done or dead.") var state: JobState?
        @Option(help: "Only jobs of this kind.") var kind: String?
        @Option(help: "At most this many jobs.") var limit = 50
        @Flag(help: "Print JSON, one array.") var json = false

        func run() async throws {
            let (configuration, logger) = try CommandSupport.prepare(options)
            let jobs = try await CommandSupport.withStorage(configuration, logger: logger) { database, _ in
                try await JobQueue(database: database).list(allOrganizations: true, state: state, kind: kind, limit: limit)
            }
            if json {
                print(try CommandSupport.json(jobs))
            } else {
                print("ID\tKIND\tSTATE\tATTEMPTS\tORGANIZATION\tCREATED\tLAST ERROR")
                for job in jobs {
                    print([job.id, job.kind, job.state.rawValue, "\(job.attempts)/\(job.maxAttempts)", job.organizationID ?? "-",
                           Date(epochMillis: job.createdAt).formatted(.iso8601), job.lastError ?? ""].joined(separator: "\t"))
                }
            }
        }
    }

    /// `mcplatformd jobs show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one job as JSON.", discussion: "Example:\n  mcplatformd jobs show job_0123456789abcdefghjk")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            let (configuration, logger) = try CommandSupport.prepare(options)
            guard let job = try await CommandSupport.withStorage(configuration, logger: logger, { database, _ in
                try await JobQueue(database: database).find(id: id)
            }) else {
                printError("no job \(id)")
                throw ExitCode(3)
            }
            print(try CommandSupport.json(job))
        }
    }

    /// `mcplatformd jobs retry ID`.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a dead job again with a fresh set of attempts.",
            discussion: "Example:\n  mcplatformd jobs retry job_0123456789abcdefghjk")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            let (configuration, logger) = try CommandSupport.prepare(options)
            let retried = try await CommandSupport.withStorage(configuration, logger: logger) { database, _ in
                try await JobQueue(database: database).retryDead(id: id)
            }
            guard retried else {
                printError("no dead job \(id)")
                throw ExitCode(3)
            }
            print("queued \(id) again")
        }
    }
}

extension JobState: ExpressibleByArgument {}
