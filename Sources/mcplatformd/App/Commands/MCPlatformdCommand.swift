import ArgumentParser
import CommandLineSupport
import Foundation
import Shared

/// `mcplatformd`: the daemon that hosts MCP servers.
@main
struct MCPlatformdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcplatformd",
        abstract: "Host MCP servers for developer-tools companies.",
        discussion: """
            Serves the MCP and OAuth endpoints end users need on the public listener and the admin \
            API used by mcpctl on the admin listener. With no configuration it keeps its data in \
            ~/.local/share/mcplatform (an SQLite file and its keys).

            Settings come from flags, then MCPLATFORM_* environment variables, then the --config \
            file, then defaults.

            Examples:
              mcplatformd                                   # serve with zero configuration
              mcplatformd serve --database-url postgres://mcp:secret@db/mcplatform
              MCPLATFORM_PUBLIC_LISTEN=0.0.0.0:8080 mcplatformd serve
              mcplatformd migrate status
              mcplatformd config --config /etc/mcplatform.toml
            """,
        version: MCPlatformVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, BootstrapCommand.self, ConfigCommand.self, RotateKeyCommand.self,
                      BackupCommand.self, RestoreCommand.self, CopyDBCommand.self, JobsCommand.self, OpenAPICommand.self, SettingsCommand.self, VersionCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// Runs with the project's exit codes (usage errors exit 2).
    static func main() async {
        await mainWithProjectExitCodes()
    }
}
