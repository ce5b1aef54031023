import ArgumentParser
import Foundation

/// `mcplatformd copy-db --to postgres://…`: move an SQLite installation to PostgreSQL.
struct CopyDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-db",
        abstract: "Copy the SQLite database into an empty PostgreSQL database, verified table by table.",
        discussion: """
            Reads one consistent snapshot of the SQLite database (safe while the daemon runs; stop \
            it first for the final cutover, so nothing is written after the snapshot), creates the \
            schema in the target, copies every table in foreign-key order in batches, sets the \
            sequences and rebuilds the search columns, then checks each table's row count and a \
            checksum of its rows. The target must be empty; an interrupted copy continues with \
            --resume. Afterwards start the daemon with --database-url pointing at the target and \
            the same keys-dir.

            Examples:
              mcplatformd copy-db --to postgres://mcp:secret@db/mcplatform
              mcplatformd copy-db --to postgres://mcp:secret@db/mcplatform --resume
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(name: .customLong("to"), help: "The empty PostgreSQL database to copy into.") var to: String
    @Flag(help: "Continue a copy that was interrupted.") var resume = false

    func run() async throws {
        let (configuration, logger) = try CommandSupport.prepare(options)
        guard case .sqlite(let path) = configuration.databaseURL.target else {
            printError("copy-db copies an SQLite database; the configured database is \(configuration.databaseURL.redacted)")
            throw ExitCode(2)
        }
        let target: DatabaseURL
        do {
            target = try DatabaseURL(parsing: to)
        } catch {
            printError("--to: \(error)")
            throw ExitCode(2)
        }
        guard target.engine == .postgres else {
            printError("--to must be a postgres:// URL")
            throw ExitCode(2)
        }
        var copy = CopyDatabase(source: path, target: target, resume: resume, logger: logger)
        let onTerminal = isatty(STDERR_FILENO) == 1
        if onTerminal {
            copy.progress = { table, copied, total in
                let width = 30
                let filled = total == 0 ? width : min(width, copied * width / max(total, 1))
                FileHandle.standardError.write(Data("\r\u{1B}[K\(table) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(copied)/\(total)".utf8))
            }
        }
        let results: [CopyDatabase.TableResult]
        do {
            results = try await copy.run()
        } catch {
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for result in results where result.rows > 0 {
            print("\(result.table)\t\(result.rows) rows\tsha256-xor \(result.checksum.prefix(16))")
        }
        let rows = results.reduce(0) { $0 + $1.rows }
        print("copied and verified \(results.count) tables, \(rows) rows, into \(target.redacted)")
    }
}
