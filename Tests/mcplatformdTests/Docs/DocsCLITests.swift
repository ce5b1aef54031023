import Foundation
import Shared
import Testing
@testable import mcplatformd

/// The knowledge base end to end: mcpctl uploads a fixture doc set to the real daemon, its job
/// worker indexes it, and searches through mcpctl and the Python SDK's search_docs agree.
@Suite("Docs search against the daemon")
struct DocsCLITests {
    /// Known documents and the query each should top.
    static let known: [(path: String, query: String, text: String)] = [
        ("install/linux.md", "install debian apt", "# Installing on Linux\n\nOn Debian and Ubuntu, install the package with apt:\n\n```sh\nsudo apt install acme\n```\n\n## Upgrading\n\nRun apt upgrade to get new releases."),
        ("security/api-keys.md", "rotate api keys", "# API keys\n\nCreate keys in the console.\n\n## Rotating keys\n\nRotate an API key every 90 days: create a new key, deploy it, then revoke the old key."),
        ("webhooks/signatures.md", "verify hmac signature", "# Webhook signatures\n\nEach webhook carries an HMAC SHA-256 signature header. Verify the signature before trusting the payload."),
        ("limits.html", "throttled quota", "<html><head><title>Rate limits</title></head><body><h1>Rate limits</h1><p>Requests over the quota are throttled with HTTP 429.</p></body></html>"),
        ("faq.txt", "refund invoice", "Frequently asked questions\n\nCan I get a refund? Yes: send the invoice number to billing within 30 days."),
    ]

    /// A few dozen documents: the known ones and fillers about other things.
    static func writeFixtures(to folder: URL) throws {
        let topics = ["dashboards", "teams", "projects", "exports", "imports", "themes", "search", "notifications", "audit", "backups",
                      "regions", "latency", "caching", "logging", "metrics", "tracing", "plugins", "themes-advanced", "sso", "scim",
                      "billing-plans", "migrations", "cli", "sdk-python", "sdk-go", "sdk-swift", "editor", "shortcuts", "accessibility"]
        for (index, topic) in topics.enumerated() {
            try write("# \(topic.capitalized)\n\nThis page explains \(topic) in Acme. Section \(index) covers setup and daily use.\n\n## Details\n\nMore about \(topic).",
                      to: folder.appendingPathComponent("topics/\(topic).md"))
        }
        for document in known { try write(document.text, to: folder.appendingPathComponent(document.path)) }
        try write("not documentation", to: folder.appendingPathComponent("image.png"))
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    struct UploadSummary: Decodable {
        let created: [String], updated: [String], unchanged: [String], failed: [APIDocumentFailure], deleted: [String]
    }

    @Test("upload, index, search: known queries find their document first; re-upload is a no-op; edits re-index; prune deletes within its scope; broken files fail alone; search_docs agrees",
          arguments: TestEngine.all)
    func knowledgeBase(engine: TestEngine) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv with mcp 2.3.0: run scripts/test (or set MCP_TEST_PYTHON)")
        try await TicketsCLITests.withDesk(engine) { desk in
            let folder = desk.home.appendingPathComponent("docs")
            try Self.writeFixtures(to: folder)
            let upload = { (arguments: [String]) async throws -> (Int32, UploadSummary?, String) in
                let result = try await desk.ctl(["docs", "upload"] + arguments + ["--wait", "-o", "json"])
                return (result.status, try? APICoding.makeDecoder().decode(UploadSummary.self, from: Data(result.stdout.utf8)), result.stderr)
            }
            // An org-wide document outside the server's scope, which no prune of the server touches.
            try Self.write("# Handbook\n\nCompany handbook: vacation policy.", to: desk.home.appendingPathComponent("handbook.md"))
            #expect(try await upload([desk.home.appendingPathComponent("handbook.md").path]).0 == 0)

            let (status, first, stderr) = try await upload([folder.path, "--server", "acme-docs"])
            #expect(status == 0, "\(stderr)")
            #expect(first?.created.count == 34 && first?.failed.isEmpty == true, "\(String(describing: first))")
            #expect(first?.created.contains("image.png") == false, "only documentation files are read from folders")
            let indexed = try await desk.json([APIDocument].self, ["docs", "list", "--server", "acme-docs", "--status", "indexed"])
            #expect(indexed.count == 34 && indexed.allSatisfy { $0.chunkCount > 0 })
            #expect(indexed.first { $0.path == "limits.html" }?.title == "Rate limits" && indexed.first { $0.path == "install/linux.md" }?.title == "Installing on Linux")

            for document in Self.known {
                let results = try await desk.json([APISearchResult].self, ["docs", "search", document.query, "--server", "acme-docs"])
                #expect(results.first?.path == document.path, "\(document.query) → \(results.map(\.path))")
                #expect(results.first?.excerpt.contains("**") == true, "highlighted: \(results.first?.excerpt ?? "")")
            }
            let rotate = try await desk.json([APISearchResult].self, ["docs", "search", "rotate api keys"])
            #expect(rotate.first?.heading == "API keys › Rotating keys")
            #expect(try await desk.json([APISearchResult].self, ["docs", "search", "vacation", "--server", "acme-docs"]).first?.path == "handbook.md",
                    "a server's search includes org-wide documents")
            let table = try await desk.ctl(["docs", "search", "rotate api keys", "--limit", "1", "-o", "table"])
            #expect(table.stdout.contains("API keys — security/api-keys.md"))

            // search_docs through the official Python client agrees with mcpctl.
            let script = try #require(Bundle.module.url(forResource: "mcp_search", withExtension: "py"))
            let sdk = try await runDaemonCommand([script.path, "http://127.0.0.1:\(desk.running.publicPort)/s/acme-docs/mcp", "how do I rotate api keys"],
                                                 environment: ["HOME": desk.home.path], timeout: .seconds(120), program: "python3-via-env-path:\(python)")
            #expect(sdk.status == 0, "\(sdk.stderr)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(sdk.stdout.utf8)) as? [String: Any], "\(sdk.stdout)")
            #expect(answer["tools"] as? [String] == ["get_my_tickets", "get_support", "reply_to_ticket", "search_docs"])
            let ctlTop = try await desk.json([APISearchResult].self, ["docs", "search", "how do I rotate api keys", "--server", "acme-docs"]).first
            let firstLine = (answer["text"] as? String ?? "").split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine == "1. \(ctlTop?.title ?? "?") — \(ctlTop?.path ?? "?")", "\(answer["text"] ?? "")")
            let sessions = try await desk.json([APISession].self, ["sessions", "list"])
            let session = try await desk.json(APISession.self, ["sessions", "show", try #require(sessions.first?.id)])
            #expect(session.toolCalls?.first?.tool == "search_docs")
            #expect(session.toolCalls?.first?.arguments["query"] == "how do I rotate api keys", "the query is recorded")

            // Again: nothing changed, nothing sent.
            let (_, again, _) = try await upload([folder.path, "--server", "acme-docs"])
            #expect(again?.unchanged.count == 34 && again?.created.isEmpty == true && again?.updated.isEmpty == true)

            // An edit is re-indexed.
            try Self.write("# Installing on Linux\n\nUse the zeppelin installer on Fedora.", to: folder.appendingPathComponent("install/linux.md"))
            let (_, edited, _) = try await upload([folder.path, "--server", "acme-docs"])
            #expect(edited?.updated == ["install/linux.md"] && edited?.unchanged.count == 33)
            #expect(try await desk.json([APISearchResult].self, ["docs", "search", "zeppelin"]).first?.path == "install/linux.md")
            #expect(try await desk.json([APISearchResult].self, ["docs", "search", "debian"]).isEmpty, "the old text is gone from the index")

            // Prune: files gone locally are deleted under this server and prefix only.
            try FileManager.default.removeItem(at: folder.appendingPathComponent("faq.txt"))
            try FileManager.default.removeItem(at: folder.appendingPathComponent("topics/cli.md"))
            let (_, pruned, _) = try await upload([folder.path, "--server", "acme-docs", "--prune"])
            #expect(pruned?.deleted == ["faq.txt", "topics/cli.md"])
            #expect(try await desk.json([APISearchResult].self, ["docs", "search", "refund invoice"]).isEmpty)
            #expect(try await desk.json([APIDocument].self, ["docs", "list", "--org-wide"]).map(\.path) == ["handbook.md"])
            let (_, prefixed, _) = try await upload([folder.appendingPathComponent("webhooks").path, "--server", "acme-docs", "--prefix", "webhooks", "--prune"])
            #expect(prefixed?.unchanged == ["webhooks/signatures.md"] && prefixed?.deleted.isEmpty == true, "a prefix limits the prune")

            // Broken files fail alone, with reasons; the daemon stays healthy.
            let broken = desk.home.appendingPathComponent("broken")
            try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
            try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]).write(to: broken.appendingPathComponent("binary.md"))
            try Data("caf\u{e9}".data(using: .isoLatin1) ?? Data()).write(to: broken.appendingPathComponent("latin1.md"))
            try Data(repeating: UInt8(ascii: "a"), count: Int(DocumentLimits.maxSize) + 1).write(to: broken.appendingPathComponent("huge.md"))
            try Self.write("# Fine\n\nA fine document about gyroscopes.", to: broken.appendingPathComponent("fine.md"))
            let (brokenStatus, brokenSummary, _) = try await upload([broken.path, "--server", "acme-docs", "--prefix", "broken"])
            #expect(brokenStatus == 1, "failures are reported")
            let reasons = Dictionary(uniqueKeysWithValues: (brokenSummary?.failed ?? []).map { ($0.path, $0.error) })
            #expect(reasons["broken/binary.md"]?.contains("binary") == true)
            #expect(reasons["broken/latin1.md"]?.contains("UTF-8") == true)
            #expect(reasons["broken/huge.md"]?.contains("too large") == true)
            #expect(brokenSummary?.created == ["broken/fine.md"])
            let failed = try await desk.json([APIDocument].self, ["docs", "list", "--status", "failed"])
            #expect(Set(failed.map(\.path)) == ["broken/binary.md", "broken/latin1.md", "broken/huge.md"] && failed.allSatisfy { $0.error != nil })
            #expect(try await desk.json([APISearchResult].self, ["docs", "search", "gyroscopes"]).first?.path == "broken/fine.md")
            #expect(try await httpGet("http://127.0.0.1:\(desk.running.publicPort)/healthz").status == 200)

            // Show and delete by path; bad input is a clear error.
            let shown = try await desk.json(APIDocument.self, ["docs", "show", "limits.html", "--server", "acme-docs"])
            #expect(shown.status == "indexed" && shown.serverSlug == "acme-docs")
            #expect(try await desk.ctl(["docs", "delete", "limits.html", "--server", "acme-docs", "--yes"]).status == 0)
            #expect(try await desk.ctl(["docs", "show", "limits.html"]).status == 3)
            #expect(try await desk.ctl(["docs", "upload", desk.home.appendingPathComponent("nothing-here").path]).status == 2)
            #expect(try await desk.ctl(["docs", "upload", folder.path, "--server", "no-such-server"]).status == 2)
            #expect(try await desk.ctl(["docs", "search", "x", "--limit", "0"]).status == 2)
        }
    }
}
