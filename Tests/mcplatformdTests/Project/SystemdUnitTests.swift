import Foundation
import Testing

/// `deploy/mcplatformd.service` (shipped in the tarball) passes `systemd-analyze verify` with no
/// complaint, and keeps the hardening README "Deploy" promises.
@Suite("systemd unit", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")
                                || FileManager.default.isExecutableFile(atPath: "/bin/systemd-analyze"),
                                "systemd-analyze is not installed (apt-get install systemd; scripts/test installs it)"))
struct SystemdUnitTests {
    static let unit = repositoryRoot.appendingPathComponent("deploy/mcplatformd.service")

    /// Runs `systemd-analyze verify` on `text` as `mcplatformd.service`, with ExecStart pointing
    /// at the built daemon (verify checks that the program exists).
    func verify(_ text: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mcplatformd.service")
        let binary = DaemonProcess.binary.path
        try text.replacingOccurrences(of: "ExecStart=/usr/local/bin/mcplatformd", with: "ExecStart=\(binary)").write(to: file, atomically: true, encoding: .utf8)
        return try runTool(["systemd-analyze", "verify", "--man=no", file.path])
    }

    @Test("systemd-analyze verify passes without a warning; a broken copy is caught")
    func verifies() throws {
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        let result = try verify(text)
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")
        // verify only warns about an unknown value (exit 0): the test must see the warning.
        let broken = try verify(text.replacingOccurrences(of: "Type=exec", with: "Type=exek"))
        #expect(!broken.output.isEmpty)
    }

    @Test("hardened, restarted on failure, stopped by SIGTERM, state under /var/lib/mcplatform, config under /etc/mcplatform")
    func hardening() throws {
        let lines = Set(try String(contentsOf: Self.unit, encoding: .utf8).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for directive in ["ExecStart=/usr/local/bin/mcplatformd serve", "DynamicUser=yes", "StateDirectory=mcplatform", "ConfigurationDirectory=mcplatform",
                          "Environment=MCPLATFORM_DATA_DIR=/var/lib/mcplatform", "Environment=MCPLATFORM_CONFIG=/etc/mcplatform/config.toml",
                          "Restart=on-failure", "KillSignal=SIGTERM", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                          "PrivateTmp=yes", "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                          "SystemCallFilter=@system-service"] {
            #expect(lines.contains(directive), "missing \(directive)")
        }
    }
}
