import ArgumentParser
import Logging

/// `mcplatformd serve`: run the daemon (the default subcommand).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the public and admin listeners (the default).",
        discussion: """
            Creates the data directory, key and database when missing, applies migrations, and \
            serves until SIGTERM or SIGINT, after which in-flight requests finish and it exits 0.

            Examples:
              mcplatformd serve
              mcplatformd serve --public-listen 0.0.0.0:8080 --base-domain mcp.example.com
              mcplatformd serve --database-url postgres://mcp@db.internal/mcplatform --log-format json
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        LoggingSetup.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
        let logger = Logger(label: "mcplatformd")
        do {
            try await Daemon(configuration: configuration, logger: logger).run()
        } catch {
            logger.critical("\(error.message)")
            printError(error.message)
            throw ExitCode(error.exitCode)
        }
    }
}
