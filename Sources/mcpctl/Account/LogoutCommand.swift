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

/// `mcpctl passwd`, and `mcpctl passwd --reset --email E` for a forgotten password.
struct PasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change your account's password, or reset a forgotten one by email (prompts).",
        discussion: """
            --reset asks the daemon to email a single-use code to the account (the answer is the same
            whether or not the account exists), then prompts for the code and the new password. It
            needs a daemon that sends mail (smtp-url); every login of the account ends.

            Examples:
              mcpctl passwd
              printf '%s\\n%s\\n' "$OLD" "$NEW" | mcpctl passwd --stdin
              mcpctl passwd --reset --email you@example.com
              printf '%s\\n%s\\n' "$CODE" "$NEW" | mcpctl passwd --reset --email you@example.com --stdin
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Read two lines of standard input: the current (with --reset: the emailed code) and the new password.") var stdin = false
    @Flag(help: "Reset a forgotten password with a code sent by email.") var reset = false
    @Option(help: "The account's email (with --reset).") var email: String?

    func run() async throws {
        try await runReporting(global) {
            if reset { return try await resetPassword() }
            if email != nil { throw CLIError.usage("--email goes with --reset") }
            let (current, new) = try secrets(first: "Current password: ")
            _ = try await global.client().api.changePassword(body: .json(PasswordChange(currentPassword: current, newPassword: new))).noContent
            print("password changed")
        }
    }

    private func resetPassword() async throws {
        guard let email, !email.isEmpty else { throw CLIError.usage("--reset needs --email", hint: "mcpctl passwd --reset --email you@example.com") }
        let client = try global.client()
        let requested = try await client.api.requestPasswordReset(body: .json(PasswordResetRequest(email: email))).accepted.body.json
        FileHandle.standardError.write(Data("\(requested.message); it works for \(requested.expiresInSeconds / 60) minutes\n".utf8))
        let (code, new) = try secrets(first: "Code from the email: ")
        _ = try await client.api.confirmPasswordReset(body: .json(PasswordResetConfirm(email: email, code: code, newPassword: new))).noContent
        print("password reset; every login of the account has ended, log in again")
    }

    /// The first secret and the new password, from standard input (`--stdin`) or prompts.
    private func secrets(first prompt: String) throws -> (String, String) {
        let first: String?, new: String?
        if stdin {
            let lines = readStandardInput().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            (first, new) = (lines.first, lines.count > 1 ? lines[1] : nil)
        } else {
            first = Prompt.secret(prompt)
            new = Prompt.secret("New password: ")
            guard Prompt.secret("New password again: ") == new else { throw CLIError.usage("the new passwords differ") }
        }
        guard let first, let new, !first.isEmpty, !new.isEmpty else {
            throw CLIError.usage("no \(reset ? "code or " : "")password given", hint: "use --stdin when not on a terminal")
        }
        return (first, new)
    }
}
