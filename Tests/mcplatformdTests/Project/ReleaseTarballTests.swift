import Foundation
import Testing

/// The tarball `scripts/release` builds (scripts/test builds it with `--debug` and names it in
/// MCP_TEST_RELEASE_TARBALL), unpacked as an operator unpacks it on a machine without Swift.
@Suite("Release tarball", .enabled(if: ProcessInfo.processInfo.environment["MCP_TEST_RELEASE_TARBALL"] != nil,
                                   "set MCP_TEST_RELEASE_TARBALL (scripts/test builds it with scripts/release --debug)"))
struct ReleaseTarballTests {
    /// The tarball unpacked into a fresh directory; returns its one top-level folder.
    func unpack() throws -> URL {
        let tarball = try #require(ProcessInfo.processInfo.environment["MCP_TEST_RELEASE_TARBALL"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let untar = try runTool(["tar", "-xzf", tarball, "-C", directory.path])
        #expect(untar.status == 0, "\(untar.output)")
        let top = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let suffix = "-linux-" + (try machine())
        #expect(top.count == 1 && top[0].hasPrefix("mcplatform-0.") && top[0].hasSuffix(suffix), "\(top)")
        return directory.appendingPathComponent(try #require(top.first))
    }

    func machine() throws -> String {
        try runTool(["uname", "-m"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("it holds both binaries, man pages, completions, README, the unit, config.toml, the Caddyfile and matching SHA-256 sums")
    func contents() throws {
        let root = try unpack()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        for file in ["bin/mcplatformd", "bin/mcpctl", "man/mcplatformd.8", "man/mcpctl.1", "completions/mcpctl.bash", "completions/mcpctl.zsh",
                     "completions/mcpctl.fish", "README.md", "mcplatformd.service", "config.toml", "Caddyfile", "SHA256SUMS"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "missing \(file)")
        }
        let sums = try runTool(["sha256sum", "--check", "--strict", "SHA256SUMS"], in: root)
        #expect(sums.status == 0, "\(sums.output)")
        #expect(sums.output.contains("bin/mcplatformd: OK") && sums.output.contains("bin/mcpctl: OK"), "\(sums.output)")
        // A changed file is caught.
        try Data("tampered".utf8).write(to: root.appendingPathComponent("config.toml"))
        #expect(try runTool(["sha256sum", "--check", "--strict", "SHA256SUMS"], in: root).status != 0)
    }

    @Test("the binaries need no Swift runtime: no libswift*/libFoundation* dependency, no RUNPATH into the toolchain, stripped")
    func staticallyLinked() throws {
        let root = try unpack()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        for name in ["mcplatformd", "mcpctl"] {
            let dynamic = try runTool(["readelf", "-d", root.appendingPathComponent("bin/\(name)").path])
            #expect(dynamic.status == 0, "\(dynamic.output)")
            let needed = dynamic.output.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            #expect(!needed.isEmpty, "readelf found no dependencies at all: \(dynamic.output)")
            for line in needed {
                #expect(!line.contains("libswift") && !line.contains("libFoundation") && !line.contains("libdispatch")
                        && !line.contains("libBlocksRuntime"), "\(name): \(line)")
            }
            for line in dynamic.output.split(separator: "\n") where line.contains("(RUNPATH)") || line.contains("(RPATH)") {
                // Only $ORIGIN may remain: nothing that points at an installed toolchain.
                let paths = line.split(separator: "[").last?.split(separator: "]").first?.split(separator: ":") ?? []
                #expect(paths.allSatisfy { $0.hasPrefix("$ORIGIN") }, "\(name): \(line)")
            }
            let symbols = try runTool(["readelf", "-S", root.appendingPathComponent("bin/\(name)").path])
            #expect(!symbols.output.contains(".debug_info") && !symbols.output.contains(".symtab"), "\(name) is not stripped")
        }
    }

    @Test("unpacked, mcplatformd version names this commit and serve answers /healthz")
    func runs() async throws {
        let root = try unpack()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let commit = try gitCommit() ?? "dev"
        let home = try makeTemporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let daemonPath = root.appendingPathComponent("bin/mcplatformd").path
        let version = try await runDaemonCommand(["version"], environment: ["HOME": home.path], program: daemonPath)
        #expect(version.status == 0 && version.stdout == "mcplatformd 0.1.0 (commit \(commit))\n", "\(version.stdout)\(version.stderr)")
        let ctl = try await runDaemonCommand(["version"], environment: ["HOME": home.path], program: root.appendingPathComponent("bin/mcpctl").path)
        #expect(ctl.status == 0 && ctl.stdout == "mcpctl 0.1.0 (commit \(commit))\n", "\(ctl.stdout)\(ctl.stderr)")

        let daemon = try DaemonProcess(["serve"], environment: ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0",
                                                                "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"], program: daemonPath)
        let port = try await daemon.port(of: "public")
        let health = try await httpGet("http://127.0.0.1:\(port)/healthz")
        #expect(health.status == 200 && health.body == #"{"status":"ok"}"#)
        #expect(await daemon.stop() == 0)
    }
}
