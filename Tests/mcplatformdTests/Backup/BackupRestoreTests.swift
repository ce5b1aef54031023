import Foundation
import Synchronization
import Testing
@testable import mcplatformd

/// `mcplatformd backup` and `restore` as an operator runs them: the real binary, a daemon serving
/// and writing while the backup is taken, and archives damaged the ways files get damaged.
@Suite("Backup and restore")
struct BackupRestoreTests {
    /// The ticket numbers answered so far by a stream of tool calls.
    final class Answered: Sendable {
        private let numbers = Mutex<[Int]>([])
        var count: Int { numbers.withLock { $0.count } }
        var highest: Int { numbers.withLock { $0.max() ?? 0 } }
        func add(_ number: Int) { numbers.withLock { $0.append(number) } }
    }

    static func openTicket(port: Int, index: Int) async throws -> Int? {
        let arguments = #"{"title":"Backup load \#(index)","problem_description":"written while the backup ran","email":"load\#(index)@example.com"}"#
        let body = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"load","version":"1.0"}},"name":"get_support","arguments":\#(arguments)}}"#
        let reply = try await mcpSend(port: port, "/s/acme-docs/mcp", body: body,
                                      headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
        guard case .int(let number)? = reply.result?["structuredContent"]?["ticket_number"] else { return nil }
        return Int(number)
    }

    static func daemon(_ arguments: [String], home: URL, database: String? = nil, stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ["HOME": home.path]
        if let database { environment["MCPLATFORM_DATABASE_URL"] = database }
        return try await runDaemonCommand(arguments, environment: environment, stdin: stdin)
    }

    @Test("a backup taken under write load restores into a new directory: tickets, servers, tokens and sealed secrets")
    func underWriteLoad() async throws {
        let database = try await TestDatabase.create(.sqlite)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await MCPInteropTests.bootstrap(database, home: home)
        let running = try await MCPInteropTests.startDaemon(database, home: home, extra: [
            "MCPLATFORM_MCP_TICKETS_PER_HOUR": "0", "MCPLATFORM_MCP_TICKETS_PER_HOUR_PER_ADDRESS": "0", "MCPLATFORM_MCP_TOOL_CALLS_PER_MINUTE": "0",
            "MCPLATFORM_ALLOW_PRIVATE_ADDRESSES": "true"])
        var ctl = running.ctlEnvironment
        ctl["MCPCTL_TOKEN"] = token
        #expect(try await MCPInteropTests.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], ctl).status == 0)
        let config = try await MCPInteropTests.ctl(["webhooks", "create", "https://127.0.0.1:9/hook", "--events", "ticket.created", "-o", "json"], ctl)
        #expect(config.status == 0, "\(config.stderr)")

        // A thread of tool calls, each opening a ticket, runs until the backup is done.
        let answered = Answered()
        let port = running.publicPort
        let load = Task {
            var index = 0
            while !Task.isCancelled {
                index += 1
                if let number = try? await Self.openTicket(port: port, index: index) { answered.add(number) }
            }
        }
        #expect(await eventually(timeout: .seconds(60)) { answered.count >= 3 })
        let lastBefore = answered.highest
        let archive = home.appendingPathComponent("live.backup")
        let backup = try await Self.daemon(["backup", archive.path], home: home, database: database.url.raw)
        let countAfterBackup = answered.count
        #expect(await eventually(timeout: .seconds(60)) { answered.count > countAfterBackup + 2 }, "calls kept being answered after the backup")
        load.cancel()
        _ = await load.value
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("SQLite database (schema \(Migration.all.count)"), "\(backup.stdout)")
        let attributes = try FileManager.default.attributesOfItem(atPath: archive.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        await running.daemon.stop()

        // Restore into a new directory and serve from it with the same owner token.
        let restoredHome = try makeTemporaryHome()
        let dataDir = restoredHome.appendingPathComponent("restored")
        let restore = try await Self.daemon(["restore", archive.path, "--data-dir", dataDir.path], home: restoredHome)
        #expect(restore.status == 0, "\(restore.stderr)")
        let server = try DaemonProcess([], environment: ["HOME": restoredHome.path, "MCPLATFORM_DATA_DIR": dataDir.path,
                                                         "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:0", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:0"])
        let admin = try await server.port(of: "admin")
        let restoredCtl = ["HOME": restoredHome.path, "MCPCTL_URL": "http://127.0.0.1:\(admin)", "MCPCTL_TOKEN": token]
        let show = try await MCPInteropTests.ctl(["tickets", "show", "\(lastBefore)", "--org", "acme", "-o", "json"], restoredCtl)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("\"number\" : \(lastBefore)") || show.stdout.contains("\"number\": \(lastBefore)"), "\(show.stdout)")
        let servers = try await MCPInteropTests.ctl(["servers", "list", "--org", "acme"], restoredCtl)
        #expect(servers.status == 0 && servers.stdout.contains("acme-docs"), "\(servers.stdout)\(servers.stderr)")
        // An unknown end user gets one line and exit 3 from export and delete (and nothing changes).
        for command in [["users", "export", "nobody@acme.test"], ["users", "delete", "nobody@acme.test", "--yes"]] {
            let unknown = try await MCPInteropTests.ctl(command + ["--org", "acme"], restoredCtl)
            #expect(unknown.status == 3 && unknown.stderr.contains("no end user"), "\(command): \(unknown.status) \(unknown.stderr)")
        }
        await server.stop()

        // Every sealed secret in the restored database opens with the restored key ring.
        let keys = try KeyRing.openOrCreate(at: dataDir.appendingPathComponent("keys"))
        let restoredDatabase = try await Database.open(try DatabaseURL(parsing: "sqlite://" + dataDir.appendingPathComponent("mcplatform.sqlite").path),
                                                       logger: TestDatabase.logger)
        var opened: [String] = []
        for column in SealedColumn.all {
            let values = try await restoredDatabase.withConnection { db in
                try await db.raw("SELECT \(unsafeRaw: column.column) AS v FROM \(unsafeRaw: column.table) WHERE \(unsafeRaw: column.column) IS NOT NULL").all()
                    .map { try $0.decode(column: "v", as: String.self) }
            }
            for value in values { opened.append(try SecretBox(keyRing: keys).open(value, context: column.context)) }
        }
        await restoredDatabase.close()
        let webhookSecret = try #require(try JSONSerialization.jsonObject(with: Data(config.stdout.utf8)) as? [String: Any])["secret"] as? String
        #expect(webhookSecret != nil && opened.contains(webhookSecret ?? "-"), "\(opened) \(config.stdout)")
    }

    /// Names in `directory`, or nil when it does not exist.
    static func listing(_ directory: URL) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted()
    }

    @Test("damaged, newer, encrypted and misdirected archives get one line, exit 2 or 3, and change nothing")
    func refusals() async throws {
        let database = try await TestDatabase.create(.sqlite)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        _ = try await MCPInteropTests.bootstrap(database, home: home)
        let good = home.appendingPathComponent("good.backup")
        #expect(try await Self.daemon(["backup", good.path], home: home, database: database.url.raw).status == 0)
        let listed = try runTool(["tar", "tf", good.path])
        #expect(listed.status == 0 && listed.output.contains("manifest.json") && listed.output.contains("database.sqlite"), "\(listed.output)")
        let bytes = try Data(contentsOf: good)

        let truncated = home.appendingPathComponent("truncated.backup")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        var corrupt = bytes
        corrupt[bytes.count / 2] ^= 0x55
        let corrupted = home.appendingPathComponent("corrupt.backup")
        try corrupt.write(to: corrupted)

        let encrypted = home.appendingPathComponent("encrypted.backup")
        let sealed = try await Self.daemon(["backup", encrypted.path, "--passphrase-stdin"], home: home, database: database.url.raw, stdin: "correct horse\n")
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let encryptedBytes = try Data(contentsOf: encrypted)
        #expect(encryptedBytes.range(of: Data("SQLite format 3".utf8)) == nil, "the encrypted archive shows the database in clear")
        let encryptedTruncated = home.appendingPathComponent("encrypted-truncated.backup")
        try encryptedBytes.prefix(encryptedBytes.count - 100).write(to: encryptedTruncated)

        // A database one schema ahead of this program.
        let handle = try await database.open(migrate: false)
        try await handle.withConnection { try await $0.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)").run() }
        await handle.close()
        let newer = home.appendingPathComponent("newer.backup")
        #expect(try await Self.daemon(["backup", newer.path], home: home, database: database.url.raw).status == 0)

        let cases: [(name: String, arguments: [String], stdin: String?, status: Int32, message: String)] = [
            ("missing", ["restore", home.appendingPathComponent("nope.backup").path], nil, 3, "no backup at"),
            ("truncated", ["restore", truncated.path], nil, 2, "truncated"),
            ("corrupt", ["restore", corrupted.path], nil, 2, "corrupt"),
            ("newer schema", ["restore", newer.path], nil, 2, "newer schema (9999"),
            ("no passphrase", ["restore", encrypted.path], nil, 2, "encrypted"),
            ("wrong passphrase", ["restore", encrypted.path, "--passphrase-stdin"], "battery staple\n", 2, "wrong passphrase"),
            ("encrypted, truncated", ["restore", encryptedTruncated.path, "--passphrase-stdin"], "correct horse\n", 2, "truncated"),
            ("into PostgreSQL", ["restore", good.path, "--database-url", "postgres://mcp@127.0.0.1:1/mcp"], nil, 2, "copy-db"),
        ]
        for item in cases {
            let target = home.appendingPathComponent("target-\(UUID().uuidString)")
            let result = try await Self.daemon(item.arguments + ["--data-dir", target.path], home: home, stdin: item.stdin)
            #expect(result.status == item.status, "\(item.name): \(result.stderr)")
            #expect(result.stderr.contains(item.message), "\(item.name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(item.name): \(result.stderr)")
            #expect(Self.listing(target) == nil, "\(item.name) left \(Self.listing(target) ?? [])")
        }

        // A data directory that holds something is left as it is.
        let occupied = home.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: occupied.appendingPathComponent("notes.txt"))
        let refused = try await Self.daemon(["restore", good.path, "--data-dir", occupied.path], home: home)
        #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(Self.listing(occupied) == ["notes.txt"])
        let forced = try await Self.daemon(["restore", good.path, "--data-dir", occupied.path, "--force"], home: home)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(Self.listing(occupied) == ["keys", "mcplatform.sqlite", "notes.txt"])

        // The right passphrase restores; an existing archive is never overwritten.
        let decrypted = home.appendingPathComponent("decrypted")
        let opened = try await Self.daemon(["restore", encrypted.path, "--data-dir", decrypted.path, "--passphrase-stdin"], home: home, stdin: "correct horse\n")
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(Self.listing(decrypted) == ["keys", "mcplatform.sqlite"])
        let again = try await Self.daemon(["backup", good.path], home: home, database: database.url.raw)
        #expect(again.status == 2 && again.stderr.contains("already exists"), "\(again.stderr)")
        #expect(try Data(contentsOf: good) == bytes)
    }

    @Test("on PostgreSQL the archive holds the keys and manifest and says to use pg_dump; restoring it restores the keys")
    func postgres() async throws {
        let database = try await TestDatabase.create(.postgres)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        _ = try await MCPInteropTests.bootstrap(database, home: home)
        let archive = home.appendingPathComponent("pg.backup")
        let backup = try await Self.daemon(["backup", archive.path], home: home, database: database.url.raw)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stderr.contains("pg_dump"), "\(backup.stderr)")
        let listed = try runTool(["tar", "tf", archive.path])
        #expect(!listed.output.contains("database.sqlite") && listed.output.contains("manifest.json") && listed.output.contains("keys/"), "\(listed.output)")
        let manifest = try runTool(["tar", "xOf", archive.path, "manifest.json"])
        #expect(manifest.output.contains("\"database_included\" : false") && manifest.output.contains("\"engine\" : \"postgres\""), "\(manifest.output)")

        let target = home.appendingPathComponent("restored")
        let restore = try await Self.daemon(["restore", archive.path, "--data-dir", target.path], home: home, database: database.url.raw)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stderr.contains("pg_restore"), "\(restore.stderr)")
        let originalKeys = Self.listing(home.appendingPathComponent(".local/share/mcplatform/keys")) ?? []
        #expect(!originalKeys.isEmpty && Self.listing(target.appendingPathComponent("keys")) == originalKeys)
        let twice = try await Self.daemon(["restore", archive.path, "--data-dir", target.path], home: home, database: database.url.raw)
        #expect(twice.status == 2 && twice.stderr.contains("already holds keys"), "\(twice.stderr)")
    }
}
