import ArgumentParser
import CommandLineSupport
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
              mcpctl login --email ada@example.com
              mcpctl servers create acme-docs --name "Acme Docs"
              MCPCTL_URL=https://admin.mcp.example.com MCPCTL_TOKEN=mcpt_… mcpctl servers list -o json
              mcpctl completion zsh > ~/.zfunc/_mcpctl
            """,
        version: MCPlatformVersion.current,
        subcommands: [SignupCommand.self, LoginCommand.self, LogoutCommand.self, WhoamiCommand.self, PasswdCommand.self,
                      ContextCommand.self, OrgsCommand.self, MembersCommand.self, InvitationsCommand.self, TokensCommand.self,
                      ServersCommand.self, OAuthConfigsCommand.self, UsersCommand.self, SessionsCommand.self, TicketsCommand.self, WebhooksCommand.self, DocsCommand.self, WalkthroughsCommand.self, AnalyticsCommand.self,
                      JobsCommand.self, AuditCommand.self, VersionCommand.self, CompletionCommand.self]
    )

    /// Runs with the project's exit codes (usage errors exit 2).
    static func main() async {
        await mainWithProjectExitCodes()
    }
}
