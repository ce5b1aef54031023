import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Parses the process arguments, runs the chosen command and exits with the project's exit
    /// codes: swift-argument-parser's usage error (64) becomes 2, as docs/CLI.md prescribes for both
    /// programs; help and version go to stdout, errors to stderr.
    public static func mainWithProjectExitCodes() async {
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
