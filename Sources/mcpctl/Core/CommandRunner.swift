import ArgumentParser
import Foundation

/// Runs a command body and reports a `CLIError` the docs/CLI.md way: `error: …` (and a hint) on
/// stderr, or a JSON error object on stderr with `-o json`; then exits with its code.
func runReporting(_ global: GlobalOptions, _ body: () async throws -> Void) async throws {
    do {
        do {
            try await body()
        } catch {
            // The generated client wraps what its middlewares throw.
            throw CLIError.from(error) ?? error
        }
    } catch let error as CLIError {
        if global.output == .json {
            var fields: [String: Any] = ["code": error.code, "message": error.message]
            if let hint = error.hint { fields["hint"] = hint }
            let object: [String: Any] = ["error": fields]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            FileHandle.standardError.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            if let hint = error.hint { FileHandle.standardError.write(Data("hint: \(hint)\n".utf8)) }
        }
        throw ExitCode(error.exitCode)
    }
}

extension GlobalOptions {
    /// Runs `body` with the API client and the organization to act in, reporting errors the
    /// docs/CLI.md way.
    func inOrganization(_ body: (APIClient, String) async throws -> Void) async throws {
        try await runReporting(self) {
            let client = try client()
            try await body(client, try await organization(client: client))
        }
    }
}
