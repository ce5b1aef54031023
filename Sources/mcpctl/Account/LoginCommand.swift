import ArgumentParser
import CEditLine
import Foundation
import Shared

/// `mcpctl login` and `mcpctl signup`: store a login token in the current context.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in and store the login token in the current context.",
        discussion: """
            Examples:
              mcpctl login --email ada@example.com
              echo "$PASSWORD" | mcpctl login --email ada@example.com --password-stdin
              echo "$MCPCTL_TOKEN" | mcpctl login --token-stdin
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The account's email.") var email: String?
    @Flag(help: "Read the password from standard input.") var passwordStdin = false
    @Flag(help: "Store a token read from standard input instead of logging in.") var tokenStdin = false

    func run() async throws {
        try await runReporting(global) {
            if tokenStdin {
                let token = readStandardInput()
                guard !token.isEmpty else { throw CLIError.usage("no token on standard input") }
                let whoami = try await APIClient(baseURL: global.baseURL, token: token).api.whoami().ok.body.json
                try ContextStore().save(StoredContext(url: global.baseURL, token: token, org: whoami.organization), as: contextName)
                print("logged in to \(global.baseURL) with a \(whoami.tokenKind) token")
                return
            }
            let result = try await authenticate(signup: false)
            print("logged in as \(result.account.email)")
        }
    }

    var contextName: String { global.context ?? ContextStore().currentName ?? "default" }

    /// Prompts for what is missing, logs in (or signs up) and stores the login token.
    func authenticate(signup: Bool) async throws -> LoginResult {
        guard let email = email ?? Prompt.line("Email: ") else { throw CLIError.usage("--email is required") }
        let password = passwordStdin ? readStandardInput() : Prompt.secret("Password: ")
        guard let password, !password.isEmpty else { throw CLIError.usage("no password given", hint: "use --password-stdin when not on a terminal") }
        let api = try APIClient(baseURL: global.baseURL, token: nil).api
        let credentials = Credentials(email: email, password: password)
        let result = signup ? try await api.signup(body: .json(credentials)).created.body.json
            : try await api.login(body: .json(credentials)).ok.body.json
        let previous = ContextStore().context(named: contextName)
        try ContextStore().save(StoredContext(url: global.baseURL, token: result.token, org: previous?.org), as: contextName)
        return result
    }
}

/// `mcpctl signup`.
struct SignupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signup", abstract: "Create an account and log in.",
        discussion: "Examples:\n  mcpctl signup --email ada@example.com\n  echo \"$PASSWORD\" | mcpctl signup --email ada@example.com --password-stdin")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The account's email.") var email: String?
    @Flag(help: "Read the password from standard input.") var passwordStdin = false

    func run() async throws {
        try await runReporting(global) {
            var login = LoginCommand()
            login.global = global
            login.email = email
            login.passwordStdin = passwordStdin
            let result = try await login.authenticate(signup: true)
            print("signed up and logged in as \(result.account.email); next: mcpctl orgs create SLUG --name NAME")
        }
    }
}

/// Reads all of standard input, without the final newline.
func readStandardInput() -> String {
    String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .newlines)
}

/// Terminal prompts.
enum Prompt {
    /// A line from the terminal with line editing (libedit), or nil when standard input is not one.
    static func line(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1, let line = readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    /// A line typed without echo.
    static func secret(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        // Echo goes off before the prompt appears, so nothing typed after it can be echoed.
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        FileHandle.standardError.write(Data(prompt.utf8))
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine()
    }
}
