import ArgumentParser
import Foundation

/// The flags every command accepts (docs/CLI.md), each with its `MCPCTL_*` variable.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Admin API base URL. Env: MCPCTL_URL. Default: the context's, else http://127.0.0.1:8081.")
    var url: String?
    @Option(help: "API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.")
    var token: String?
    @Option(help: "Organization slug for this command. Env: MCPCTL_ORG.")
    var org: String?
    @Option(help: "Stored context to use. Env: MCPCTL_CONTEXT.")
    var context: String?
    @Option(name: .shortAndLong, help: "Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).")
    var output: OutputFormat?
    @Flag(name: .customLong("no-color"), help: "No ANSI colour (also NO_COLOR, or when stdout is not a TTY).")
    var noColor = false
    @Flag(name: .shortAndLong, help: "Print only ids.")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Skip confirmation prompts (required for destructive commands when not on a TTY).")
    var yes = false

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The stored configuration of the chosen context.
    var storedContext: StoredContext? {
        let store = ContextStore()
        let name = context ?? environment["MCPCTL_CONTEXT"] ?? store.currentName
        return name.flatMap { store.context(named: $0) }
    }

    var baseURL: String {
        url ?? environment["MCPCTL_URL"] ?? storedContext?.url ?? "http://127.0.0.1:8081"
    }

    var bearer: String? {
        token ?? environment["MCPCTL_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? storedContext?.token
    }

    /// The organization to act in: flag, environment, the context's, or the one an API token is bound to.
    func organization(client: APIClient) async throws -> String {
        if let org = org ?? environment["MCPCTL_ORG"] ?? storedContext?.org { return org }
        let whoami = try await client.api.whoami().ok.body.json
        guard let org = whoami.organization else {
            throw CLIError.usage("no organization chosen", hint: "pass --org SLUG, set MCPCTL_ORG, or run `mcpctl orgs use SLUG`")
        }
        return org
    }

    /// The output format in effect.
    var format: OutputFormat {
        if quiet { return .name }
        return output ?? (isatty(STDOUT_FILENO) == 1 ? .table : .plain)
    }

    /// The printer for these options.
    var printer: Printer {
        let colour = format == .table && !noColor && environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
        return Printer(format: format, colour: colour)
    }

    /// The API client for these options.
    func client() throws -> APIClient { try APIClient(baseURL: baseURL, token: bearer) }

    /// Refuses a destructive action unless confirmed (`--yes`, or an answer on a TTY).
    func confirm(_ question: String) throws {
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.usage("refusing to \(question) without --yes when not on a terminal")
        }
        FileHandle.standardError.write(Data("\(question)? [y/N] ".utf8))
        guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
            throw CLIError(message: "cancelled", exitCode: 1)
        }
    }
}
