import ArgumentParser
import Foundation
import Shared

/// `mcpctl logout`.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Revoke the stored login token and forget it.", discussion: "Example:\n  mcpctl logout")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await runReporting(global) {
            let store = ContextStore()
            let name = global.context ?? store.currentName ?? "default"
            guard var context = store.context(named: name), context.token != nil else { throw CLIError(message: "not logged in", exitCode: 4) }
            _ = try? await global.client().api.logout()
            context.token = nil
            try store.save(context, as: name)
            print("logged out of \(context.url)")
        }
    }
}

/// `mcpctl passwd`.
struct PasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change your account's password (prompts).",
        discussion: "Examples:\n  mcpctl passwd\n  printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | mcpctl passwd --stdin")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Read the current and the new password as two lines of standard input.") var stdin = false

    func run() async throws {
        try await runReporting(global) {
            let current: String?, new: String?
            if stdin {
                let lines = readStandardInput().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                (current, new) = (lines.first, lines.count > 1 ? lines[1] : nil)
            } else {
                current = Prompt.secret("Current password: ")
                new = Prompt.secret("New password: ")
                guard Prompt.secret("New password again: ") == new else { throw CLIError.usage("the new passwords differ") }
            }
            guard let current, let new, !current.isEmpty, !new.isEmpty else {
                throw CLIError.usage("no password given", hint: "use --stdin when not on a terminal")
            }
            _ = try await global.client().api.changePassword(body: .json(PasswordChange(currentPassword: current, newPassword: new))).noContent
            print("password changed")
        }
    }
}
