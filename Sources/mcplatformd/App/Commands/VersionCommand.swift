import ArgumentParser
import BuildInfo
import Shared

/// `mcplatformd version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version and the git commit it was built from.",
        discussion: "Example:\n  mcplatformd version")

    func run() {
        print("mcplatformd \(MCPlatformVersion.current) (commit \(BuildInfo.commit))")
    }
}
