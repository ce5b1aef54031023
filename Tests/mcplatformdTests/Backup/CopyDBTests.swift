import Foundation
import SQLKit
import Testing
@testable import mcplatformd

/// `mcplatformd copy-db`: a populated SQLite installation moved into the throwaway PostgreSQL,
/// interrupted and resumed, then served from PostgreSQL with the same keys and tokens.
@Suite("copy-db")
struct CopyDBTests {
    @Test("copy-db moves everything, resumes after a kill, and the daemon on PostgreSQL continues where SQLite stopped")
    func copyAndServe() async throws {
        let source = try await TestDatabase.create(.sqlite)
        let target = try await TestDatabase.create(.postgres)
        defer { Task { await source.destroy(); await target.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await MCPInteropTests.bootstrap(source, home: home)
        let running = try await MCPInteropTests.startDaemon(source, home: home, extra: [
            "MCPLATFORM_MCP_TICKETS_PER_HOUR": "0", "MCPLATFORM_MCP_TICKETS_PER_HOUR_PER_ADDRESS": "0"])
        var ctl = running.ctlEnvironment
        ctl["MCPCTL_TOKEN"] = token
        #expect(try await MCPInteropTests.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], ctl).status == 0)
        for index in 1...3 {
            #expect(try await BackupRestoreTests.openTicket(port: running.publicPort, index: index) == index)
        }
        await running.daemon.stop()

        // Bulk rows (so the copy takes long enough to be interrupted) and knowledge-base chunks
        // (FTS5 on SQLite, a generated search column and a sequence on PostgreSQL).
        let handle = try await source.open(migrate: false)
        try await handle.withConnection { db in
            try await db.raw("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
                INSERT INTO tool_calls (id, organization_id, server_id, session_id, end_user_id, tool, arguments, outcome, duration_us, created_at)
                SELECT 'tc_bulk_' || i, c.organization_id, c.server_id, c.session_id, c.end_user_id, 'search_docs', '{"query":"bulk"}', 'ok', i, i
                FROM n, (SELECT * FROM tool_calls LIMIT 1) AS c
                """).run()
            try await db.raw("""
                INSERT INTO documents (id, organization_id, server_id, server_key, path, title, content_type, content_hash, size, status, chunk_count, created_at, updated_at)
                SELECT 'doc_copy', organization_id, NULL, '', 'guide.md', 'Guide', 'markdown', 'h', 10, 'indexed', 2, 1, 1 FROM mcp_servers LIMIT 1
                """).run()
            try await db.raw("""
                INSERT INTO document_chunks (document_id, organization_id, server_key, ordinal, title, heading, content)
                SELECT 'doc_copy', organization_id, '', 0, 'Guide', 'Install', 'Install the zanzibar toolchain first' FROM documents
                UNION ALL SELECT 'doc_copy', organization_id, '', 1, 'Guide', 'Run', 'Then run it' FROM documents
                """).run()
        }
        await handle.close()
        let environment = ["HOME": home.path, "MCPLATFORM_DATABASE_URL": source.url.raw]

        // Interrupted: killed once the first tables are recorded as copied.
        let copy = try DaemonProcess(["copy-db", "--to", target.url.raw], environment: environment)
        let pg = try await target.open(migrate: false)
        let recorded = await eventually(timeout: .seconds(60), every: .milliseconds(10)) {
            let rows = try? await pg.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM mcplatform_copy_progress").first()?.decode(column: "n", as: Int.self)
            }
            return (rows ?? 0) > 0 || !copy.process.isRunning
        }
        #expect(recorded)
        #expect(copy.process.isRunning, "the copy finished before it could be interrupted: \(copy.stdout)")
        await copy.stop(signal: SIGKILL)

        let refused = try await runDaemonCommand(["copy-db", "--to", target.url.raw], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("--resume"), "\(refused.stderr)")
        let resumed = try await runDaemonCommand(["copy-db", "--to", target.url.raw, "--resume"], environment: environment, timeout: .seconds(300))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("copied and verified"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("tool_calls\t40003 rows"), "\(resumed.stdout)")

        // A second copy into the now populated database, and one to nowhere, are refused.
        let again = try await runDaemonCommand(["copy-db", "--to", target.url.raw], environment: environment)
        #expect(again.status == 2 && again.stderr.contains("not empty") && again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        let nowhere = try await runDaemonCommand(["copy-db", "--to", "postgres://mcp@127.0.0.1:1/none"], environment: environment)
        #expect(nowhere.status == 3 && nowhere.stderr.contains("cannot reach"), "\(nowhere.stderr)")

        // Search columns rebuilt, sequences past the copied values, the marker gone.
        let (searchable, nextSeq, marker) = try await pg.withConnection { db in
            let searchable = try await db.raw("SELECT COUNT(*) AS n FROM document_chunks WHERE search @@ plainto_tsquery('english', 'zanzibar')").first()?
                .decode(column: "n", as: Int.self)
            let maxSeq = try await db.raw("SELECT MAX(seq) AS n FROM document_chunks").first()?.decode(column: "n", as: Int64.self)
            let next = try await db.raw("SELECT nextval(pg_get_serial_sequence('document_chunks', 'seq')) AS n").first()?.decode(column: "n", as: Int64.self)
            let marker = try await db.raw("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'mcplatform_copy_progress'").first()?
                .decode(column: "n", as: Int.self)
            return (searchable, (maxSeq ?? 0) < (next ?? 0), marker)
        }
        await pg.close()
        #expect(searchable == 1 && nextSeq && marker == 0)

        // Served from PostgreSQL with the same keys: the owner token works, tickets continue.
        let served = try await MCPInteropTests.startDaemon(target, home: home, extra: [
            "MCPLATFORM_MCP_TICKETS_PER_HOUR": "0", "MCPLATFORM_MCP_TICKETS_PER_HOUR_PER_ADDRESS": "0"])
        var pgCtl = served.ctlEnvironment
        pgCtl["MCPCTL_TOKEN"] = token
        let show = try await MCPInteropTests.ctl(["tickets", "show", "3", "--org", "acme"], pgCtl)
        #expect(show.status == 0 && show.stdout.contains("Backup load 3"), "\(show.stdout)\(show.stderr)")
        #expect(try await BackupRestoreTests.openTicket(port: served.publicPort, index: 4) == 4)
        await served.daemon.stop()
    }

    @Test("an OAuth token the Python SDK got from the SQLite daemon works on the PostgreSQL daemon after copy-db, and tickets continue")
    func oauthTokenSurvivesTheMove() async throws {
        let target = try await TestDatabase.create(.postgres)
        defer { Task { await target.destroy() } }
        try await OAuthUpstreamTests.withSetup(.sqlite) { setup, source in
            try await OAuthUpstreamTests.createServer(setup, "acme-docs", mode: "platform_oauth")
            let state = setup.home.appendingPathComponent("sdk-state.json")
            let url = "\(setup.publicURL)/s/acme-docs/mcp"
            let signIn = ["--subject", "ada-move", "--claims", #"{"email":"ada@example.com","email_verified":true,"name":"Ada"}"#, "--state", state.path]
            let first = try await setup.sdk(url, mode: "2026-07-28", arguments: signIn)
            #expect((first["text"] as? String)?.contains("ticket #1") == true, "\(first)")
            #expect(!(first["steps"] as? [Any] ?? []).isEmpty, "the first run signs in through the browser")
            #expect(await setup.daemon.daemon.stop() == 0)

            let copy = try await runDaemonCommand(["copy-db", "--to", target.url.raw],
                                                  environment: ["HOME": setup.home.path, "MCPLATFORM_DATABASE_URL": source.url.raw], timeout: .seconds(300))
            #expect(copy.status == 0, "\(copy.stderr)")

            // The same public address (the token's resource names it) and keys, now on PostgreSQL.
            let moved = try await MCPInteropTests.startDaemon(target, home: setup.home, extra: [
                "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:\(setup.daemon.publicPort)",
                "MCPLATFORM_BASE_DOMAIN": "mcp.test", "MCPLATFORM_OAUTH_ALLOW_INSECURE_HTTP": "true", "MCPLATFORM_ALLOW_PRIVATE_ADDRESSES": "true",
                "MCPLATFORM_PLATFORM_OAUTH_DISCOVERY_URL": setup.provider.url, "MCPLATFORM_PLATFORM_OAUTH_CLIENT_ID": "platform-client",
                "MCPLATFORM_PLATFORM_OAUTH_CLIENT_SECRET": setup.platformSecret, "MCPLATFORM_PLATFORM_OAUTH_NAME": "Test IdP"])
            let second = try await setup.sdk(url, mode: "2026-07-28", arguments: signIn)
            #expect((second["steps"] as? [Any] ?? ["browser"]).isEmpty, "the token from before the copy was refused: \(second)")
            #expect((second["text"] as? String)?.contains("ticket #2") == true, "\(second)")
            #expect(await moved.daemon.stop() == 0)
        }
    }
}
