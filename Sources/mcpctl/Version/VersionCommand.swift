import ArgumentParser
import Shared

/// `mcpctl version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version of mcpctl.",
        discussion: "Example:\n  mcpctl version")

    func run() {
        print("mcpctl \(MCPlatformVersion.current)")
    }
}
