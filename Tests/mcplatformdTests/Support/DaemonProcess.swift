import Foundation
import Synchronization
import Testing
@testable import mcplatformd

/// The built `mcplatformd` binary run as a child process, as an operator would run it.
final class DaemonProcess: Sendable {
    let process: Process
    /// Output goes to files, not pipes: a pipe's write end is inherited by daemons other tests
    /// start concurrently, so its end of file would come late.
    private let outputFile: URL
    private let errorFile: URL

    /// The binary next to the test bundle (`swift build` puts both in one folder).
    static var binary: URL { binary(named: "mcplatformd") }

    /// A built program of this package, next to the test bundle.
    static func binary(named name: String) -> URL {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { directories.insert(executable.deletingLastPathComponent(), at: 0) }
        let candidates = directories.map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Starts the binary with `arguments` and exactly `environment` (plus PATH).
    init(_ arguments: [String], environment: [String: String], program: String = "mcplatformd", stdin: String? = nil) throws {
        process = Process()
        // "python3-via-env" runs python3 from PATH, "python3-via-env-path:P" the python at P;
        // everything else is a program of this package.
        let binary: URL
        if program == "python3-via-env" {
            binary = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
        } else if program.hasPrefix("python3-via-env-path:") {
            binary = URL(fileURLWithPath: String(program.dropFirst("python3-via-env-path:".count)))
            process.arguments = arguments
        } else if program.hasPrefix("/") {
            // A binary outside the build folder (the unpacked release tarball).
            binary = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            binary = Self.binary(named: program)
            process.arguments = arguments
        }
        process.executableURL = binary
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-daemon-\(UUID().uuidString)")
        outputFile = base.appendingPathExtension("out")
        errorFile = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw DaemonError("\(program) binary not found at \(binary.path): run `swift build` first")
        }
        try process.run()
    }

    var stdout: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

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
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
    }
}

/// A daemon that could not be started or observed.
struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the daemon binary to completion (for one-shot subcommands); returns status and output.
func runDaemonCommand(_ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60),
                      program: String = "mcplatformd", stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
    let daemon = try DaemonProcess(arguments, environment: environment, program: program, stdin: stdin)
    let status = await daemon.waitForExit(timeout: timeout)
    return (status, daemon.stdout, daemon.stderr)
}

/// A scratch HOME for a daemon that must find nothing configured.
func makeTemporaryHome() throws -> URL {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    return home
}
