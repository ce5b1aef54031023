import ArgumentParser
import Foundation

/// `mcplatformd bootstrap`: the first account, organization and owner token.
struct BootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Create the first account, organization and an owner API token, directly in the database.",
        discussion: """
            For operators and CI. The API token (and a generated password, when none is given on \
            stdin) is printed once. Running it again creates nothing new and says so.

            Examples:
              mcplatformd bootstrap --email ada@example.com --org acme
              echo "$ADMIN_PASSWORD" | mcplatformd bootstrap --email ada@example.com --org acme --password-stdin
              export MCPCTL_TOKEN=$(mcplatformd bootstrap --email ci@example.com --org acme --json | jq -r .token)
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: "Email of the account (created when missing).") var email: String
    @Option(name: .customLong("org"), help: "Slug of the organization (created when missing).") var organization: String
    @Option(name: .customLong("org-name"), help: "Display name of a new organization (default: the slug).") var organizationName: String?
    @Flag(help: "Read the account's password from standard input.") var passwordStdin = false
    @Flag(help: "Print the outcome as one JSON object.") var json = false

    func run() async throws {
        let (configuration, logger) = try CommandSupport.prepare(options)
        var password: String?
        if passwordStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        let outcome: Bootstrapper.Outcome
        do {
            outcome = try await CommandSupport.withStorage(configuration, logger: logger) { database, _ in
                try await Bootstrapper(database: database).run(
                    email: email, organizationSlug: organization, organizationName: organizationName, password: password)
            }
        } catch let failure as Bootstrapper.Failure {
            printError(failure.description)
            if case .organizationOwnedByOthers = failure { throw ExitCode(5) }
            throw ExitCode(2)
        }
        if json {
            print(try CommandSupport.json(outcome))
            return
        }
        print("\(outcome.accountCreated ? "created" : "found") account \(email) (\(outcome.accountID))")
        if let generated = outcome.generatedPassword { print("generated password (shown once): \(generated)") }
        print("\(outcome.organizationCreated ? "created" : "found") organization \(organization) (\(outcome.organizationID))")
        if let token = outcome.token {
            print("created owner API token (shown once):\n\(token)")
        } else {
            print("nothing new was created: \(email) already owns \(organization) (create more tokens with mcpctl tokens create)")
        }
    }
}
