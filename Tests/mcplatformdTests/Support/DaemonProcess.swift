import Foundation
import Synchronization
import Testing
@testable import mcplatformd

/// The built `mcplatformd` binary run as a child process, as an operator would run it.
final class DaemonProcess: Sendable {
    let process: Process
    private let output = SharedValue("")
    private let errors = SharedValue("")
    private let closedPipes = SharedValue(0)

    /// The binary next to the test bundle (`swift build` puts both in one folder).
    static var binary: URL {
        let directory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("mcplatformd") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Starts the binary with `arguments` and exactly `environment` (plus PATH).
    init(_ arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let closedPipes = self.closedPipes
        for (pipe, buffer) in [(stdout, self.output), (stderr, self.errors)] {
            pipe.fileHandleForReading.readabilityHandler = { (handle: FileHandle) in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    closedPipes.update { $0 += 1 }
                } else {
                    buffer.update { $0 += String(decoding: data, as: UTF8.self) }
                }
            }
        }
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw DaemonError("mcplatformd binary not found at \(Self.binary.path): run `swift build` first")
        }
        try process.run()
    }

    var stdout: String { output.value }
    var stderr: String { errors.value }

    /// Standard output parsed as JSON log lines.
    var logLines: [[String: Any]] {
        stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Waits for the "listening" log line of `listener` and returns its port.
    func port(of listener: String, timeout: Duration = .seconds(30)) async throws -> Int {
        var port: Int?
        _ = await eventually(timeout: timeout) {
            port = logLines.first { $0["msg"] as? String == "listening" && $0["listener"] as? String == listener }
                .flatMap { ($0["address"] as? String)?.split(separator: ":").last.flatMap { Int($0) } }
            return port != nil || !process.isRunning
        }
        guard let port else { throw DaemonError("no \(listener) listener; stdout:\n\(stdout)\nstderr:\n\(stderr)") }
        return port
    }

    /// Sends `signal` and waits for the process to exit; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return await waitForExit(timeout: timeout)
    }

    /// Waits for the process to exit by itself; returns its exit status (-1 if it did not).
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32 {
        let exited = await eventually(timeout: timeout) { !process.isRunning }
        if !exited {
            process.terminate()
            return -1
        }
        // Everything it wrote is read once both pipes reached end of file.
        _ = await eventually(timeout: .seconds(5)) { closedPipes.value == 2 }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A daemon that could not be started or observed.
struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the daemon binary to completion (for one-shot subcommands); returns status and output.
func runDaemonCommand(_ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)) async throws -> (status: Int32, stdout: String, stderr: String) {
    let daemon = try DaemonProcess(arguments, environment: environment)
    let status = await daemon.waitForExit(timeout: timeout)
    return (status, daemon.stdout, daemon.stderr)
}

/// A scratch HOME for a daemon that must find nothing configured.
func makeTemporaryHome() throws -> URL {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    return home
}
