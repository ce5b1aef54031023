import ArgumentParser
import Shared

/// `mcpctl whoami`.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who the current credential speaks for.",
        discussion: "Examples:\n  mcpctl whoami\n  MCPCTL_TOKEN=mcpt_… mcpctl whoami -o json")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await runReporting(global) {
            let whoami = try await global.client().api.whoami().ok.body.json
            try global.printer.object(whoami, fields: [
                ("token", whoami.tokenKind), ("account", whoami.account?.email ?? "-"),
                ("organization", whoami.organization ?? "(any of the account's)"), ("role", whoami.role?.rawValue ?? "-"),
            ], id: whoami.account?.id ?? whoami.organization ?? "")
        }
    }
}
