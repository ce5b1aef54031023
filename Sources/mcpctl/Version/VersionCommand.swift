import ArgumentParser
import BuildInfo
import Shared

/// `mcpctl version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version of mcpctl and the git commit it was built from.",
        discussion: "Example:\n  mcpctl version")

    func run() {
        print("mcpctl \(MCPlatformVersion.current) (commit \(BuildInfo.commit))")
    }
}
