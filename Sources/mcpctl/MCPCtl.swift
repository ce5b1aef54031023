import ArgumentParser
import Foundation
import Shared

/// `mcpctl`: the command line through which customers manage mcplatform.
@main
struct MCPCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcpctl",
        abstract: "Manage organizations, MCP servers, walkthroughs, tickets and analytics on mcplatform.",
        discussion: """
            mcpctl talks to the admin API of an mcplatformd daemon (default http://127.0.0.1:8081).

            Examples:
              mcpctl version
              mcpctl completion zsh > ~/.zfunc/_mcpctl
            """,
        version: MCPlatformVersion.current,
        subcommands: [VersionCommand.self, CompletionCommand.self]
    )

    /// Parses and runs the command; usage errors exit with status 2 (CLI.md), not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
