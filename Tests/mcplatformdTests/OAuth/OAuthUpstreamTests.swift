import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The OAuth proxy against a real OpenID Connect provider process (oidc-provider-mock, from the
/// venv `scripts/test` makes) and the real daemon binary, driven by the official Python SDK
/// client's OAuth support and, step by step, by a test browser.
@Suite("OAuth with upstream identity providers")
struct OAuthUpstreamTests {
    /// A running oidc-provider-mock on a free loopback port.
    struct Provider: Sendable {
        let process: DaemonProcess
        let port: Int
        var url: String { "http://127.0.0.1:\(port)" }

        /// Gives `subject` these claims (email, email_verified, name) for their next sign-in.
        func setClaims(_ subject: String, _ claims: String) async throws {
            let reply = try await web(.put, url + "/users/\(subject)", json: claims)
            #expect(reply.status == .noContent, "\(reply.text)")
        }
    }

    static func startProvider(tokenMaxAge: Int = 3600) async throws -> Provider {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "oidc_provider", withExtension: "py"))
        let process = try DaemonProcess([script.path, "--token-max-age", String(tokenMaxAge)], environment: [:], program: "python3-via-env-path:\(python)")
        var port: Int?
        _ = await eventually(timeout: .seconds(30)) {
            port = process.stdout.split(separator: "\n").first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Int] }?["port"]
            return port != nil || !process.process.isRunning
        }
        guard let port else { throw DaemonError("the OIDC provider did not start: \(process.stderr)") }
        return Provider(process: process, port: port)
    }

    /// The real daemon on `database`, `platform_oauth` pointing at `provider`, OAuth over http,
    /// outbound requests to loopback allowed; the owner of `acme` logged in for mcpctl.
    struct Setup: Sendable {
        let daemon: MCPInteropTests.RunningDaemon
        let provider: Provider
        let env: [String: String]
        let home: URL
        let platformSecret: String
        var publicURL: String { "http://mcp.test:\(daemon.publicPort)" }

        func ctl(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
            try await runDaemonCommand(arguments, environment: env, program: "mcpctl", stdin: stdin)
        }

        /// Runs the Python SDK client's OAuth flow against `url`; returns its JSON output.
        func sdk(_ url: String, mode: String, arguments: [String] = [], environment: [String: String] = [:]) async throws -> [String: Any] {
            let python = try #require(MCPInteropTests.python)
            let script = try #require(Bundle.module.url(forResource: "mcp_oauth", withExtension: "py"))
            let run = try await runDaemonCommand([script.path, url, mode] + arguments, environment: ["HOME": home.path].merging(environment) { $1 },
                                                 timeout: .seconds(120),
                                                 program: "python3-via-env-path:\(python)")
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
        }

        func users() async throws -> [[String: Any]] {
            let listed = try await ctl(["users", "list", "-o", "json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        }
    }

    /// `extra` adds or overrides daemon settings (`MCPLATFORM_*`).
    static func withSetup(_ engine: TestEngine, tokenMaxAge: Int = 3600, extra: [String: String] = [:],
                          _ body: (Setup, TestDatabase) async throws -> Void) async throws {
        let provider = try await startProvider(tokenMaxAge: tokenMaxAge)
        let database = try await TestDatabase.create(engine)
        let home = try makeTemporaryHome()
        let token = try await MCPInteropTests.bootstrap(database, home: home)
        let secret = PlatformToken.generate(kind: "platformsecret").secret
        let daemon = try await MCPInteropTests.startDaemon(database, home: home, extra: [
            "MCPLATFORM_BASE_DOMAIN": "mcp.test", "MCPLATFORM_OAUTH_ALLOW_INSECURE_HTTP": "true", "MCPLATFORM_ALLOW_PRIVATE_ADDRESSES": "true",
            "MCPLATFORM_PLATFORM_OAUTH_DISCOVERY_URL": provider.url, "MCPLATFORM_PLATFORM_OAUTH_CLIENT_ID": "platform-client",
            "MCPLATFORM_PLATFORM_OAUTH_CLIENT_SECRET": secret, "MCPLATFORM_PLATFORM_OAUTH_NAME": "Test IdP", "MCPLATFORM_LOG_LEVEL": "trace",
        ].merging(extra) { $1 })
        var env = daemon.ctlEnvironment
        env["MCPCTL_TOKEN"] = token
        let setup = Setup(daemon: daemon, provider: provider, env: env, home: home, platformSecret: secret)
        do {
            try await body(setup, database)
        } catch {
            await daemon.daemon.stop()
            await provider.process.stop(signal: SIGKILL)
            await database.destroy()
            throw error
        }
        #expect(await daemon.daemon.stop() == 0)
        await provider.process.stop(signal: SIGKILL)
        await database.destroy()
        print("[storage] \(Test.current?.name ?? "test") ran on \(engine.rawValue)")
    }

    /// Creates `slug` in `mode` (custom_oauth with an OAuth config `idp` at the provider).
    static func createServer(_ setup: Setup, _ slug: String, mode: String) async throws {
        if mode == "custom_oauth" {
            let configs = try await setup.ctl(["oauth-configs", "list", "-o", "json"])
            if !configs.stdout.contains(#""name" : "idp""#) {
                let created = try await setup.ctl(["oauth-configs", "create", "idp", "--discovery-url", setup.provider.url, "--client-id", "custom-client",
                                                   "--client-secret-stdin"], stdin: "custom-secret-\(slug)\n")
                #expect(created.status == 0, "\(created.stderr)")
            }
        }
        var arguments = ["servers", "create", slug, "--name", "Acme \(mode)", "--product", "Acme", "--auth", mode]
        if mode == "custom_oauth" { arguments += ["--oauth-config", "idp"] }
        let created = try await setup.ctl(arguments)
        #expect(created.status == 0, "\(created.stderr)")
    }

    @Test("the Python SDK client signs in headlessly and calls tools: custom_oauth, platform_oauth and collect_email",
          arguments: TestEngine.all, [("custom_oauth", "legacy"), ("platform_oauth", "2026-07-28"), ("collect_email", "auto")])
    func sdkSignIn(engine: TestEngine, flow: (mode: String, era: String)) async throws {
        try await Self.withSetup(engine) { setup, _ in
            try await Self.createServer(setup, "acme-docs", mode: flow.mode)
            let output = try await setup.sdk("\(setup.publicURL)/s/acme-docs/mcp", mode: flow.era, arguments: [
                "--subject", "ada-\(flow.mode)", "--claims", #"{"email":"ada@example.com","email_verified":true,"name":"Ada"}"#,
                "--email", "typed@example.com"])
            #expect(output["tools"] as? [String] == ["get_support", "get_my_tickets", "reply_to_ticket"])
            #expect(output["support_properties"] as? [String] == ["problem_context", "problem_description", "title"], "signed in: no email asked")
            let expectedEmail = flow.mode == "collect_email" ? "typed@example.com" : "ada@example.com"
            #expect((output["text"] as? String)?.contains("ticket #1") == true && (output["text"] as? String)?.contains(expectedEmail) == true,
                    "\(output["text"] ?? "")")
            let steps = (output["steps"] as? [[String: Any]] ?? []).map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
            if flow.mode == "collect_email" {
                #expect(steps == ["GET /s/acme-docs/oauth/authorize", "POST /s/acme-docs/oauth/authorize"])
            } else {
                #expect(steps.contains("GET /oauth2/authorize") && steps.contains("POST /oauth2/authorize"), "\(steps)")
                #expect(steps.last == (flow.mode == "platform_oauth" ? "GET /s/acme-docs/oauth/resume" : "GET /s/acme-docs/oauth/callback"))
            }
            let users = try await setup.users()
            #expect(users.count == 1)
            let user = try #require(users.first)
            #expect(user["email"] as? String == expectedEmail)
            #expect(user["email_verified"] as? Bool == (flow.mode != "collect_email"))
            #expect(user["upstream_subject"] as? String == (flow.mode == "collect_email" ? nil : "ada-\(flow.mode)"))
            #expect(user["upstream_issuer"] as? String == (flow.mode == "collect_email" ? nil : setup.provider.url))
            #expect(user["session_count"] as? Int == 1 && user["tool_call_count"] as? Int == 1 && user["active_grants"] as? Int == 1, "\(user)")
            let tickets = try await setup.ctl(["tickets", "list", "-o", "json"])
            #expect(tickets.stdout.contains(expectedEmail) && tickets.stdout.contains("OAuth \(flow.era)"))
        }
    }

    @Test("platform_oauth crosses origins: started on the server's origin, called back daemon-wide, resumed on the server's origin; a resume without the browser's binding cookie is refused", arguments: TestEngine.all)
    func platformOrigins(engine: TestEngine) async throws {
        try await Self.withSetup(engine) { setup, _ in
            try await Self.createServer(setup, "acme-docs", mode: "platform_oauth")
            let origin = "http://acme-docs.mcp.test:\(setup.daemon.publicPort)"
            let output = try await setup.sdk(origin + "/mcp", mode: "auto", arguments: ["--subject", "grace", "--no-support"])
            #expect(output["tools"] as? [String] == ["get_support", "get_my_tickets", "reply_to_ticket"])
            let steps = (output["steps"] as? [[String: Any]] ?? []).map { "\($0["host"] ?? "") \($0["path"] ?? "")" }
            #expect(steps.first == "acme-docs.mcp.test:\(setup.daemon.publicPort) /oauth/authorize", "\(steps)")
            #expect(steps.contains("mcp.test:\(setup.daemon.publicPort) /oauth/platform/callback"), "\(steps)")
            #expect(steps.last == "acme-docs.mcp.test:\(setup.daemon.publicPort) /oauth/resume", "\(steps)")

            // Step by step: the resume URL opened in another browser (no binding cookie) is refused.
            var client = OAuthTestClient(base: origin)
            try await client.register()
            let browser = TestBrowser()
            let resume = try await Self.upstreamSignIn(browser, client, subject: "grace")
            let resumeURL = try #require(resume.location)
            #expect(resumeURL.hasPrefix(origin + "/oauth/resume?ticket="), "\(resumeURL)")
            let stranger = try await TestBrowser().request(.get, resumeURL)
            #expect(stranger.status == .badRequest && stranger.location == nil && stranger.text.contains("another browser"), "\(stranger.text)")
            // The ticket was single use: even the right browser cannot use it now.
            #expect(try await browser.request(.get, resumeURL).location == nil)
            // The browser approved this client before: the next sign-in skips the consent page.
            let direct = try await browser.request(.get, client.authorizeURL())
            #expect(direct.status == .found && direct.location?.hasPrefix(setup.provider.url) == true, "\(direct.status) \(direct.text)")
            // A fresh flow in the right browser finishes with a code for the client.
            let again = try await Self.upstreamSignIn(browser, client, subject: "grace")
            let finished = try await browser.request(.get, try #require(again.location))
            #expect(finished.status == .found && finished.redirectQuery["code"] != nil && finished.redirectQuery["iss"] == origin + "/")
            // A callback replayed (its state is single use) is refused too.
            #expect(try await browser.request(.get, "\(setup.publicURL)/oauth/platform/callback?code=x&state=st_unknown").status == .badRequest)
        }
    }

    /// Drives the browser through consent and the provider's login form; returns the daemon's
    /// answer to the provider's callback (a redirect to the resume step, or to the client).
    static func upstreamSignIn(_ browser: TestBrowser, _ client: OAuthTestClient, subject: String) async throws -> WebReply {
        let consent = try await browser.request(.get, client.authorizeURL())
        var upstream = consent
        if consent.status == .ok {
            #expect(consent.text.contains("Test IdP") || consent.text.contains("idp"), "the consent page names the provider")
            upstream = try await browser.request(.post, client.base + "/oauth/authorize", form: [
                ("request", try #require(consent.field("request"))), ("csrf", try #require(consent.field("csrf"))), ("decision", "approve")])
        }
        let login = try #require(upstream.location, "\(upstream.status) \(upstream.text)")
        #expect(try await browser.request(.get, login).status == .ok)
        let callback = try await browser.request(.post, login, form: [("sub", subject)])
        return try await browser.request(.get, try #require(callback.location, "\(callback.text)"))
    }

    @Test("custom_oauth: a callback in another browser is refused; the upstream token is refreshed when it expires; an upstream outage is temporarily_unavailable, not invalid_grant; no secret or token in the database or the logs", arguments: TestEngine.all)
    func upstreamLifecycle(engine: TestEngine) async throws {
        try await Self.withSetup(engine, tokenMaxAge: 2) { setup, database in
            try await Self.createServer(setup, "acme-docs", mode: "custom_oauth")
            let base = "\(setup.publicURL)/s/acme-docs"
            var client = OAuthTestClient(base: base)
            try await client.register()
            try await setup.provider.setClaims("alan", #"{"email":"alan@example.com","email_verified":true}"#)

            // The custom callback checks the binding cookie right there.
            let browser = TestBrowser()
            let consent = try await browser.request(.get, client.authorizeURL())
            let upstream = try await browser.request(.post, base + "/oauth/authorize", form: [
                ("request", try #require(consent.field("request"))), ("csrf", try #require(consent.field("csrf"))), ("decision", "approve")])
            let login = try #require(upstream.location)
            #expect(upstream.redirectQuery["code_challenge_method"] == "S256" && upstream.redirectQuery["state"] != nil, "PKCE and state upstream too")
            let callback = try await browser.request(.post, login, form: [("sub", "alan")])
            let callbackURL = try #require(callback.location)
            let elsewhere = try await TestBrowser().request(.get, callbackURL)
            #expect(elsewhere.status == .badRequest && elsewhere.location == nil)
            // The upstream state is single use: the same callback again is refused, even in the right browser.
            let replayed = try await browser.request(.get, callbackURL)
            #expect(replayed.status == .badRequest && replayed.location == nil)

            // A complete sign-in.
            let answer = try await Self.upstreamSignIn(TestBrowser(), client, subject: "alan")
            let code = try #require(answer.redirectQuery["code"], "\(answer.status) \(answer.text)")
            let tokens = try await client.exchange(code)
            let refresh = try #require(tokens.json["refresh_token"] as? String)
            let access = try #require(tokens.json["access_token"] as? String)
            #expect(try await client.listTools(access).status == .ok)

            let ring = try KeyRing.openOrCreate(at: setup.home.appendingPathComponent(".local/share/mcplatform/keys"))
            let box = SecretBox(keyRing: ring)
            let db = try await database.open(migrate: false)
            func upstreamTokens() async throws -> (access: String, refresh: String?) {
                let row = try await db.withConnection { try await $0.select().columns("upstream_access_token_sealed", "upstream_refresh_token_sealed")
                    .from("oauth_grants").where("upstream_subject", .equal, "alan").first() }
                let sealedAccess = try #require(try row?.decode(column: "upstream_access_token_sealed", as: String?.self))
                let sealedRefresh = try row?.decode(column: "upstream_refresh_token_sealed", as: String?.self)
                return (try box.open(sealedAccess, context: OAuthGrantStore.accessContext),
                        try sealedRefresh.map { try box.open($0, context: OAuthGrantStore.refreshContext) })
            }
            let before = try await upstreamTokens()
            #expect(before.refresh != nil)
            // The upstream access token lives two seconds: it is due (the daemon renews within 30 s of
            // expiry), so the next refresh of ours refreshes it upstream first.
            let expiry = try await db.withConnection { try await $0.select().column("upstream_expires_at").from("oauth_grants")
                .where("upstream_subject", .equal, "alan").first()?.decode(column: "upstream_expires_at", as: EpochMillis?.self) }
            #expect(try #require(expiry) <= nowMillis() + 30_000)
            let renewed = try await client.refresh(refresh)
            #expect(renewed.status == .ok, "\(renewed.text)")
            let after = try await upstreamTokens()
            #expect(after.access != before.access)

            // Secrets at rest and in logs: none of these appear in plain text.
            let secrets = ["custom-secret-acme-docs", setup.platformSecret, before.access, after.access, before.refresh ?? "-", after.refresh ?? "-",
                           access, refresh, try #require(renewed.json["access_token"] as? String), try #require(renewed.json["refresh_token"] as? String), code]
            let stored = try await Self.storedText(database, db)
            let logs = setup.daemon.daemon.stdout + setup.daemon.daemon.stderr
            #expect(logs.contains(#""msg":"request""#), "trace logs were captured")
            for secret in secrets {
                #expect(!stored.contains(secret), "a secret is stored in plain text: \(secret.prefix(8))…")
                #expect(!logs.contains(secret), "a secret is in the log: \(secret.prefix(8))…")
            }

            // The provider goes away while the upstream token is expired: refreshing is a temporary
            // failure, and the grant survives.
            await setup.provider.process.stop(signal: SIGKILL)
            try await db.withConnection { try await $0.raw("UPDATE oauth_grants SET upstream_expires_at = 1").run() }
            let outage = try await client.refresh(try #require(renewed.json["refresh_token"] as? String))
            #expect(outage.status == .serviceUnavailable && outage.json["error"] as? String == "temporarily_unavailable", "\(outage.text)")
            let revoked = try await db.withConnection { try await $0.select().column("revoked_at").from("oauth_grants")
                .where("upstream_subject", .equal, "alan").first()?.decode(column: "revoked_at", as: EpochMillis?.self) }
            #expect(revoked == nil)
            await db.close()
        }
    }

    /// Everything the database holds, as text: the SQLite file (with its WAL), or every row of every PostgreSQL table.
    static func storedText(_ test: TestDatabase, _ db: Database) async throws -> String {
        switch test.engine {
        case .sqlite:
            let path = test.url.raw.replacingOccurrences(of: "sqlite://", with: "")
            return [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.map { String(decoding: $0, as: UTF8.self) }.joined()
        case .postgres:
            return try await db.withConnection { db in
                let tables = try await db.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").all()
                    .map { try $0.decode(column: "table_name", as: String.self) }
                var text = ""
                for table in tables {
                    for row in try await db.raw("SELECT row_to_json(t)::text AS j FROM \(unsafeRaw: table) t").all() {
                        text += try row.decode(column: "j", as: String.self)
                    }
                }
                return text
            }
        }
    }

    @Test("tenant isolation: an OAuth config of one organization cannot be attached by another; one subject in two organizations is two end users; oauth-configs validate, test and refuse deleting a config in use", arguments: TestEngine.all)
    func isolationAndConfigs(engine: TestEngine) async throws {
        try await Self.withSetup(engine) { setup, database in
            try await Self.createServer(setup, "acme-docs", mode: "custom_oauth")
            let shown = try await setup.ctl(["servers", "show", "acme-docs"])
            #expect(shown.stdout.contains("oauth redirect URI\thttp://acme-docs.mcp.test:\(setup.daemon.publicPort)/oauth/callback"), "\(shown.stdout)")
            // Bad input changes nothing.
            let unreachable = try await setup.ctl(["oauth-configs", "create", "down", "--discovery-url", "http://127.0.0.1:9/", "--client-id", "x"])
            #expect(unreachable.status == 2 && unreachable.stderr.contains("could not be checked"), "\(unreachable.stderr)")
            let both = try await setup.ctl(["oauth-configs", "create", "both", "--discovery-url", setup.provider.url, "--authorize-url", setup.provider.url,
                                            "--client-id", "x"])
            #expect(both.status == 2)
            let listed = try await setup.ctl(["oauth-configs", "list", "-o", "json"])
            let configs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            #expect(configs.map { $0["name"] as? String } == ["idp"] && configs.first?["servers"] as? [String] == ["acme-docs"])
            #expect(!listed.stdout.contains("custom-secret"))
            #expect(try await setup.ctl(["oauth-configs", "test", "idp"]).status == 0)
            let inUse = try await setup.ctl(["oauth-configs", "delete", "idp", "--yes"])
            #expect(inUse.status == 5 && inUse.stderr.contains("acme-docs"), "\(inUse.stderr)")
            let explicit = try await setup.ctl(["oauth-configs", "create", "explicit", "--authorize-url", setup.provider.url + "/oauth2/authorize",
                                                "--token-url", setup.provider.url + "/oauth2/token", "--userinfo-url", setup.provider.url + "/userinfo",
                                                "--client-id", "x", "-o", "json"])
            #expect(explicit.status == 0 && explicit.stdout.contains(#""token_auth_method" : "none""#), "\(explicit.stderr)")
            let updated = try await setup.ctl(["oauth-configs", "update", "explicit", "--scopes", "openid email", "--client-secret-stdin"], stdin: "new-secret\n")
            #expect(updated.status == 0, "\(updated.stderr)")
            let shownConfig = try await setup.ctl(["oauth-configs", "show", "explicit"])
            #expect(shownConfig.stdout.contains("openid email") && shownConfig.stdout.contains("(stored, encrypted)") && !shownConfig.stdout.contains("new-secret"))
            #expect(try await setup.ctl(["oauth-configs", "update", "explicit", "--scopes", "bad\"scope"]).status == 2)
            #expect(try await setup.ctl(["oauth-configs", "delete", "explicit", "--yes"]).status == 0)

            // A second organization, with a platform_oauth server of its own.
            let other = try await MCPInteropTests.bootstrapOther(database, home: setup.home, email: "owner@beta.test", org: "beta")
            var beta = setup.env
            beta["MCPCTL_TOKEN"] = other
            let betaServer = try await runDaemonCommand(["servers", "create", "beta-docs", "--name", "Beta", "--auth", "platform_oauth"],
                                                        environment: beta, program: "mcpctl")
            #expect(betaServer.status == 0, "\(betaServer.stderr)")
            let configID = try #require(configs.first?["id"] as? String)
            for reference in ["idp", configID] {
                let foreign = try await runDaemonCommand(["servers", "update", "beta-docs", "--auth", "custom_oauth", "--oauth-config", reference],
                                                         environment: beta, program: "mcpctl")
                #expect(foreign.status == 2 && foreign.stderr.contains("no OAuth config"), "\(foreign.stderr)")
            }
            #expect(try await runDaemonCommand(["oauth-configs", "show", "idp"], environment: beta, program: "mcpctl").status == 3)
            let betaShown = try await runDaemonCommand(["servers", "show", "beta-docs", "-o", "json"], environment: beta, program: "mcpctl")
            #expect(betaShown.stdout.contains(#""auth_mode" : "platform_oauth""#))

            // The same subject signs in to both organizations' servers: two end users.
            try await setup.provider.setClaims("sam", #"{"email":"sam@example.com","email_verified":true}"#)
            _ = try await setup.sdk("\(setup.publicURL)/s/acme-docs/mcp", mode: "auto", arguments: ["--subject", "sam", "--no-support"])
            _ = try await setup.sdk("\(setup.publicURL)/s/beta-docs/mcp", mode: "auto", arguments: ["--subject", "sam", "--no-support"])
            let acmeUsers = try await setup.users()
            let betaList = try await runDaemonCommand(["users", "list", "-o", "json"], environment: beta, program: "mcpctl")
            let betaUsers = try #require(try JSONSerialization.jsonObject(with: Data(betaList.stdout.utf8)) as? [[String: Any]])
            #expect(acmeUsers.count == 1 && betaUsers.count == 1)
            #expect(acmeUsers.first?["upstream_subject"] as? String == "sam" && betaUsers.first?["upstream_subject"] as? String == "sam")
            #expect(acmeUsers.first?["id"] as? String != betaUsers.first?["id"] as? String)
            // revoke-access from the CLI.
            let revoked = try await setup.ctl(["users", "revoke-access", "sam@example.com", "--yes", "-o", "json"])
            #expect(revoked.status == 0 && revoked.stdout.contains(#""grants" : 1"#), "\(revoked.stdout) \(revoked.stderr)")
        }
    }
}
