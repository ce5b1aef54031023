import Foundation
import Testing

/// The JSON output of mcpctl's list and show commands, compared with files under `Snapshots/`
/// so that any change of the output shows up in review. Ids, secrets, times and ports are
/// replaced by placeholders. `UPDATE_SNAPSHOTS=1 scripts/test --filter CLISnapshot` rewrites them.
@Suite("mcpctl JSON snapshots")
struct CLISnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Replaces what differs between runs.
    static func normalize(_ value: Any, key: String = "") -> Any {
        switch value {
        case let dictionary as [String: Any]:
            return dictionary.reduce(into: [String: Any]()) { $0[$1.key] = normalize($1.value, key: $1.key) }
        case let array as [Any]:
            return array.map { normalize($0, key: key) }
        case let string as String:
            if key.hasSuffix("_at") { return "<time>" }
            if key == "id" || key.hasSuffix("_id") { return "<id>" }
            if key == "secret" || key == "token" || key == "prefix" { return "<secret>" }
            if key.hasSuffix("cursor_deeplink") { return "<deeplink>" }
            return string.replacingOccurrences(of: #":\d{2,5}/"#, with: ":<port>/", options: .regularExpression)
                .replacingOccurrences(of: #":\d{2,5}$"#, with: ":<port>", options: .regularExpression)
        default:
            return value
        }
    }

    func check(_ name: String, _ output: String) throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
        let normalized = try JSONSerialization.data(withJSONObject: Self.normalize(parsed), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let text = String(decoding: normalized, as: UTF8.self) + "\n"
        let file = Self.directory.appendingPathComponent("\(name).json")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected == text, "snapshot \(name) differs (UPDATE_SNAPSHOTS=1 rewrites it):\n\(text)")
    }

    @Test("list and show commands print stable JSON")
    func snapshots() async throws {
        let home = try makeTemporaryHome()
        let daemon = try DaemonProcess([], environment: ["HOME": home.path, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"])
        let url = "http://127.0.0.1:\(try await daemon.port(of: "admin"))"
        let env = ["HOME": home.path]
        func ctl(_ arguments: [String], stdin: String? = nil) async throws -> String {
            let result = try await runDaemonCommand(arguments, environment: env, program: "mcpctl", stdin: stdin)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        _ = try await ctl(["signup", "--url", url, "--email", "ada@example.com", "--password-stdin"], stdin: "correct horse\n")
        _ = try await ctl(["orgs", "create", "acme", "--name", "Acme"])
        _ = try await ctl(["orgs", "use", "acme"])
        try check("servers-create", try await ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme", "-o", "json"]))
        try check("servers-list", try await ctl(["servers", "list", "-o", "json"]))
        try check("servers-show", try await ctl(["servers", "show", "acme-docs", "-o", "json"]))
        try check("tokens-create", try await ctl(["tokens", "create", "--name", "ci", "--role", "admin", "-o", "json"]))
        try check("tokens-list", try await ctl(["tokens", "list", "-o", "json"]))
        try check("orgs-list", try await ctl(["orgs", "list", "-o", "json"]))
        try check("orgs-show", try await ctl(["orgs", "show", "acme", "-o", "json"]))
        _ = try await ctl(["members", "invite", "bob@example.com", "--role", "member"])
        try check("invitations-list", try await ctl(["invitations", "list", "-o", "json"]))
        try check("members-list", try await ctl(["members", "list", "-o", "json"]))
        try check("audit-list", try await ctl(["audit", "list", "-o", "json"]))
        try check("whoami", try await ctl(["whoami", "-o", "json"]))
        #expect(await daemon.stop() == 0)
        try? FileManager.default.removeItem(at: home)
    }
}
