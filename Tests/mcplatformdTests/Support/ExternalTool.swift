import Foundation

/// Runs a short external program (git, readelf, tar, systemd-analyze) to completion and returns
/// its status and output (standard error folded into standard output).
func runTool(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The short commit of the repository the tests run from, as `scripts/build-info` writes it;
/// nil outside git.
func gitCommit() throws -> String? {
    let result = try runTool(["git", "-C", repositoryRoot.path, "rev-parse", "--short=12", "HEAD"])
    let commit = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    return result.status == 0 && !commit.isEmpty ? commit : nil
}
