import ArgumentParser
import Foundation
import Logging

/// Writes `message` as one line on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("mcplatformd: " + message + "\n").utf8))
}

/// Shared steps of the one-shot subcommands (migrate, config, rotate-key, jobs).
enum CommandSupport {
    /// Loads configuration and sets up logging to stderr for a one-shot command.
    static func prepare(_ options: ConfigOptions) throws -> (DaemonConfiguration, Logger) {
        let configuration = try options.load()
        LoggingSetup.bootstrap(level: min(configuration.logLevel, .warning), format: configuration.logFormat, toStandardError: true)
        return (configuration, Logger(label: "mcplatformd"))
    }

    /// Opens the storage of `configuration` and runs `body`, closing the database afterwards;
    /// startup problems become their message and exit status.
    static func withStorage<T: Sendable>(
        _ configuration: DaemonConfiguration, logger: Logger, _ body: (Database, KeyRing) async throws -> T
    ) async throws -> T {
        let (database, keyRing): (Database, KeyRing)
        do {
            (database, keyRing) = try await Daemon.openStorage(configuration, logger: logger)
        } catch {
            printError(error.message)
            throw ExitCode(error.exitCode)
        }
        do {
            let result = try await body(database, keyRing)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// Pretty, key-sorted JSON with snake_case keys, for `--json` output.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
