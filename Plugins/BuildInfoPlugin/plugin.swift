import Foundation
import PackagePlugin

/// Writes the git commit of the source tree into the `BuildInfo` target at every build
/// (`scripts/build-info`); the file is rewritten only when the commit changes, so an unchanged
/// tree rebuilds nothing. A tree outside git gets `dev`.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [.prebuildCommand(
            displayName: "Recording the git commit",
            executable: URL(filePath: "/bin/sh"),
            arguments: [package.appending(path: "scripts/build-info").path, package.path, output.path],
            outputFilesDirectory: output)]
    }
}
