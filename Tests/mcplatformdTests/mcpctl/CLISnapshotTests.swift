import Foundation
import Testing

/// The JSON output of mcpctl's list and show commands, compared with files under `Snapshots/`
/// so that any change of the output shows up in review. Ids, secrets, times and ports are
/// replaced by placeholders. `UPDATE_SNAPSHOTS=1 scripts/test --filter CLISnapshot` rewrites them.
@Suite("mcpctl JSON snapshots")
struct CLISnapshotTests {
    static let directory = repositoryRoot.appendingPathComponent("Tests/mcplatformdTests/Snapshots")

    /// Replaces what differs between runs.
    static func normalize(_ value: Any, key: String = "") -> Any {
        switch value {
        case let dictionary as [String: Any]:
            return dictionary.reduce(into: [String: Any]()) { $0[$1.key] = normalize($1.value, key: $1.key) }
        case let array as [Any]:
            return array.map { normalize($0, key: key) }
        case let number as NSNumber where key.hasSuffix("_ms") || key.hasPrefix("median_seconds") || key == "score":
            return number == 0 ? number : "<measured>"
        case let string as String:
            if key.hasSuffix("_at") || key == "bucket" || key == "since" || key == "until" || key == "cursor" { return "<time>" }
            if key == "id" || key.hasSuffix("_id") { return "<id>" }
            if key == "secret" || key == "token" || key == "prefix" { return "<secret>" }
            if key.hasSuffix("cursor_deeplink") { return "<deeplink>" }
            return string.replacingOccurrences(of: #"/tmp/mcp-home-[0-9A-F-]+"#, with: "<home>", options: .regularExpression)
                .replacingOccurrences(of: #":\d{2,5}/"#, with: ":<port>/", options: .regularExpression)
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

        // Tickets (one opened through the MCP endpoint), webhooks, walkthroughs, docs, analytics.
        let publicPort = try await daemon.port(of: "public")
        let opened = try await mcpSend(port: publicPort, "/s/acme-docs/api/mcpserver/user-1/mcp", body: """
            {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_support","arguments":{"title":"Build fails","problem_description":"acme build exits 3","email":"ada@example.com"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"snapshot","version":"1"}}}}
            """, headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
        #expect(opened.status == .ok, "\(opened.text)")
        try check("tickets-comment", try await ctl(["tickets", "comment", "1", "--body", "Looking into it.", "--public", "-o", "json"]))
        try check("tickets-update", try await ctl(["tickets", "update", "1", "--priority", "high", "-o", "json"]))
        try check("tickets-list", try await ctl(["tickets", "list", "-o", "json"]))
        try check("tickets-show", try await ctl(["tickets", "show", "1", "-o", "json"]))
        try check("webhooks-create", try await ctl(["webhooks", "create", "https://hooks.example.com/acme", "--events", "ticket.created,ticket.updated", "-o", "json"]))
        try check("webhooks-list", try await ctl(["webhooks", "list", "-o", "json"]))
        let content = home.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("wt"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try """
            ---
            title: Getting started
            type: quickstart
            status: published
            servers: [acme-docs]
            ---

            ## Install {#install}

            Run the installer.

            ### Operations for agent
            run install
            """.write(to: content.appendingPathComponent("wt/getting-started.md"), atomically: true, encoding: .utf8)
        try "# Rotating keys\n\nRun `acme keys rotate` to rotate keys.\n".write(to: content.appendingPathComponent("docs/keys.md"), atomically: true, encoding: .utf8)
        try check("walkthroughs-push", try await ctl(["walkthroughs", "push", content.appendingPathComponent("wt").path, "-o", "json"]))
        try check("walkthroughs-list", try await ctl(["walkthroughs", "list", "-o", "json"]))
        try check("walkthroughs-show", try await ctl(["walkthroughs", "show", "getting-started", "-o", "json"]))
        try check("docs-upload", try await ctl(["docs", "upload", content.appendingPathComponent("docs").path, "--server", "acme-docs", "--wait", "-o", "json"]))
        try check("docs-list", try await ctl(["docs", "list", "-o", "json"]))
        try check("docs-search", try await ctl(["docs", "search", "rotate keys", "--server", "acme-docs", "-o", "json"]))
        try check("analytics-overview", try await ctl(["analytics", "overview", "-o", "json"]))
        try check("analytics-tools", try await ctl(["analytics", "tools", "-o", "json"]))
        try check("analytics-users", try await ctl(["analytics", "users", "-o", "json"]))
        try check("analytics-walkthroughs", try await ctl(["analytics", "walkthroughs", "-o", "json"]))
        #expect(await daemon.stop() == 0)
        try? FileManager.default.removeItem(at: home)
    }
}
