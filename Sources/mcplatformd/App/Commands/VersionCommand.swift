import ArgumentParser
import Shared

/// `mcplatformd version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version.",
        discussion: "Example:\n  mcplatformd version")

    func run() {
        print("mcplatformd \(MCPlatformVersion.current)")
    }
}
