import Foundation
import Testing

/// Man pages and completions are generated from the command definitions; this fails when the
/// checked-in copies no longer match what the built programs describe.
@Test("man pages and shell completions are current (scripts/generate-docs)")
func generatedDocsAreCurrent() async throws {
    let root = repositoryRoot
    let binaries = DaemonProcess.binary.deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("scripts/generate-docs").path, "--check", "--bin", binaries.path]
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-gendocs-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let exited = await eventually(timeout: .seconds(60)) { !process.isRunning }
    #expect(exited)
    let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "\(message)")
    try? FileManager.default.removeItem(at: errors)
}
