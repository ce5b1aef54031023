import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Shared
import SQLKit
import Synchronization
import Testing
@testable import mcplatformd

/// The security review's findings, each with the test that failed before its fix: privilege
/// after a demotion, secrets in stored answers, concurrent idempotent requests, the client
/// address behind a proxy, expensive signups and logins, and the smaller items (file modes,
/// a key ring without keys, other logins after a password change, control characters in logs).
@Suite("Security findings")
struct SecurityTests {
    @Test("a demoted member's API token loses the old role at once, and demotion revokes the tokens above the new role", arguments: TestEngine.all)
    func demotion(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, services in
            let ada = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let bob = try await MembersAPITests.signup(api, "bob@example.com")
            let invitation = try await api.call(.post, "/v1/orgs/acme/invitations", token: ada, json: CreateInvitation(email: "bob@example.com", role: .owner))
                .decode(CreatedInvitation.self)
            #expect(try await api.call(.post, "/v1/invitations/accept", token: bob, json: AcceptInvitation(token: invitation.token)).status == .ok)
            let ownerToken = try await api.call(.post, "/v1/orgs/acme/tokens", token: bob, json: CreateToken(name: "bob-owner"))
                .decode(CreatedToken.self).secret
            let adminToken = try await api.call(.post, "/v1/orgs/acme/tokens", token: bob, json: CreateToken(name: "bob-admin", role: .admin))
                .decode(CreatedToken.self).secret

            // Demoted to admin: the owner token is revoked, the admin token lives on.
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/bob@example.com", token: ada, json: UpdateMember(role: .admin)).status == .ok)
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/bob@example.com", token: ownerToken, json: UpdateMember(role: .owner)).status == .unauthorized)
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/ada@example.com", token: ownerToken, json: UpdateMember(role: .member)).status == .unauthorized)
            #expect(try await api.call(.get, "/v1/orgs/acme/servers", token: adminToken).status == .ok)

            // A membership changed without the revocation (another path, an older replica):
            // the token still speaks only with its creator's current role.
            try await services.database.withConnection { db in
                try await db.raw("UPDATE memberships SET role = 'member' WHERE account_id = (SELECT id FROM accounts WHERE email = 'bob@example.com')").run()
            }
            let asMember = try await api.call(.post, "/v1/orgs/acme/servers", token: adminToken,
                                              json: ServerFields(slug: "sneaky", name: "Sneaky", productName: "Acme"))
            #expect(asMember.status == .forbidden)
            let whoami = try await api.call(.get, "/v1/account", token: adminToken).decode(WhoAmI.self)
            #expect(whoami.role == .member)
            #expect(try await api.call(.patch, "/v1/orgs/acme/members/ada@example.com", token: adminToken, json: UpdateMember(role: .member)).status == .forbidden)
            let members = try await api.call(.get, "/v1/orgs/acme/members", token: ada).decode(Page<APIMember>.self)
            #expect(members.items.first { $0.email == "ada@example.com" }?.role == .owner)
            // Removed: every token of the member is dead.
            #expect(try await api.call(.delete, "/v1/orgs/acme/members/bob@example.com", token: ada).status == .noContent)
            #expect(try await api.call(.get, "/v1/orgs/acme/servers", token: adminToken).status == .unauthorized)
        }
    }

    @Test("no secret the API returns is kept in any text column: tokens, invitations, webhook and OAuth client secrets, generated passwords",
          arguments: TestEngine.all)
    func secretsAtRest(engine: TestEngine) async throws {
        try await OAuthTests.withSignIn(engine, configure: { $0.allowPrivateAddresses = true }) { mcp, client in
            let api = mcp.api, token = mcp.token
            func keyed(_ name: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: "key-\(name)"] }
            var secrets: [String: String] = [:]
            let apiToken = try await api.call(.post, "/v1/orgs/acme/tokens", token: token, json: CreateToken(name: "ci"), headers: keyed("token"))
            secrets["API token"] = try apiToken.decode(CreatedToken.self).secret
            let invitation = try await api.call(.post, "/v1/orgs/acme/invitations", token: token,
                                                json: CreateInvitation(email: "new@example.com", role: .member), headers: keyed("invitation"))
            secrets["invitation"] = try invitation.decode(CreatedInvitation.self).token
            let webhook = try await api.call(.post, "/v1/orgs/acme/webhooks", token: token,
                                             json: APIWebhookCreate(url: "https://hooks.example.com/x", events: [.ticketCreated]), headers: keyed("webhook"))
            #expect(webhook.status == .created, "\(String(decoding: webhook.body, as: UTF8.self))")
            let webhookSecret: String = try #require(try webhook.decode(APIWebhook.self).secret)
            secrets["webhook secret"] = webhookSecret
            // A replay of a request that returned a secret answers "already done", without it.
            let replay = try await api.call(.post, "/v1/orgs/acme/webhooks", token: token,
                                            json: APIWebhookCreate(url: "https://hooks.example.com/x", events: [.ticketCreated]), headers: keyed("webhook"))
            #expect(replay.status == .conflict && replay.errorCode == "already_done")
            let configSecret = "config-secret-\(UUID().uuidString)"
            let config = try await api.call(.post, "/v1/orgs/acme/oauth-configs", token: token,
                                            json: APIOAuthConfigFields(name: "idp", authorizeUrl: "http://127.0.0.1:\(mcp.port)/a", tokenUrl: "http://127.0.0.1:\(mcp.port)/t",
                                                                       clientId: "c", clientSecret: configSecret), headers: keyed("config"))
            #expect(config.status == .created, "\(String(decoding: config.body, as: UTF8.self))")
            secrets["OAuth config client secret"] = configSecret
            let registered = try await web(.post, client.base + "/oauth/register", json: """
                {"client_name":"confidential","redirect_uris":["http://127.0.0.1:9/cb"],"token_endpoint_auth_method":"client_secret_post"}
                """)
            let clientSecret: String = try #require(registered.json["client_secret"] as? String)
            secrets["OAuth client secret"] = clientSecret
            let outcome = try await Bootstrapper(database: mcp.services.database, accounts: AccountStore(hasher: PasswordHasher(rounds: 1 << 10)))
                .run(email: "ops@example.com", organizationSlug: "ops", organizationName: nil, password: nil)
            let generated: String = try #require(outcome.generatedPassword)
            let bootstrapToken: String = try #require(outcome.token)
            secrets["generated password"] = generated
            secrets["bootstrap token"] = bootstrapToken
            for (kind, secret) in secrets {
                let found = try await TextColumns.containing(secret, in: mcp.services.database)
                #expect(found.isEmpty, "the \(kind) is stored in \(found)")
            }
        }
    }

    @Test("concurrent requests with one Idempotency-Key run once", arguments: TestEngine.all)
    func idempotencyUnderConcurrency(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            #expect(try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments).status == .ok)
            let statuses = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let reply = try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token,
                                                           json: APITicketComment(body: "Once only."),
                                                           headers: [HTTPField.Name("Idempotency-Key")!: "same-key"])
                        return (reply.status.code, reply.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let comments = try await mcp.services.database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM ticket_events WHERE kind = 'comment'").first()?.decode(column: "n", as: Int.self)
            }
            #expect(comments == 1, "\(statuses)")
            #expect(statuses.filter { $0 == (201, false) }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0.0 == 201 || $0.0 == 409 }, "\(statuses)")
            // The same key with another body is refused; another key runs.
            let other = try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, json: APITicketComment(body: "Changed."),
                                               headers: [HTTPField.Name("Idempotency-Key")!: "same-key"])
            #expect(other.status == .unprocessableContent)
        }
    }

    @Test("the client address: the rightmost untrusted X-Forwarded-For entry from a trusted proxy, the peer otherwise")
    func forwardedClient() throws {
        let proxies = [AddressRange(parsing: "10.0.0.0/8"), AddressRange(parsing: "::1")].compactMap { $0 }
        let proxy = try SocketAddress(ipAddress: "10.1.2.3", port: 4000)
        let stranger = try SocketAddress(ipAddress: "198.51.100.7", port: 4000)
        func resolve(_ peer: SocketAddress, _ forwarded: [String], proto: String? = nil) -> (String, String) {
            var headers = HTTPHeaders()
            for value in forwarded { headers.add(name: "X-Forwarded-For", value: value) }
            if let proto { headers.add(name: "X-Forwarded-Proto", value: proto) }
            let resolved = ForwardedClient.resolve(peer: peer, headers: headers, trustedProxies: proxies)
            return (resolved.address, resolved.scheme)
        }
        #expect(resolve(proxy, ["203.0.113.9"], proto: "https") == ("203.0.113.9", "https"))
        // A client-supplied entry to the left of the real one is not believed.
        #expect(resolve(proxy, ["1.1.1.1, 203.0.113.9"]).0 == "203.0.113.9")
        #expect(resolve(proxy, ["1.1.1.1", "203.0.113.9, 10.9.9.9"]).0 == "203.0.113.9")
        #expect(resolve(proxy, ["[2001:db8::5]:443", "203.0.113.9:5000"]).0 == "203.0.113.9")
        #expect(resolve(proxy, ["10.2.2.2, 10.3.3.3"]).0 == "10.2.2.2")
        #expect(resolve(proxy, ["garbage, 203.0.113.9"]).0 == "203.0.113.9")
        #expect(resolve(proxy, ["203.0.113.9, garbage"]).0 == "10.1.2.3")
        #expect(resolve(proxy, []) == ("10.1.2.3", "http"))
        // From anyone else the headers mean nothing.
        #expect(resolve(stranger, ["203.0.113.9"], proto: "https") == ("198.51.100.7", "http"))
    }

    @Test("behind a trusted proxy, login throttling and MCP abuse limits count each forwarded client, not the proxy", arguments: TestEngine.all)
    func limitsBehindProxy(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { configuration in
            configuration.trustedProxies = AddressRange.loopback
            configuration.mcpToolCallsPerMinutePerAddress = 2
        }) { mcp in
            func call(from client: String) async throws -> HTTPResponse.Status {
                try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments,
                                     headers: ["X-Forwarded-For": client]).status
            }
            var answers: [HTTPResponse.Status] = []
            for client in ["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"] {
                answers.append(try await call(from: client))
            }
            #expect(answers == [.ok, .ok, .tooManyRequests, .ok])
        }
        try await withTestDatabase(engine) { database, _ in
            var configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
            configuration.trustedProxies = AddressRange.loopback
            let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
            let services = try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                           keyRing: ring, jobs: JobQueue(database: database), passwordHasher: PasswordHasher(rounds: 1 << 10))
            let app = buildApplication(name: "admin", router: try buildAdminRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                       logger: TestDatabase.logger, listener: .admin(configuration))
            try await app.test(.live) { client in
                let login = { (email: String, address: String) async throws -> HTTPResponse.Status in
                    try await client.execute(uri: "/v1/account/login", method: .post,
                                             headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: address],
                                             body: ByteBuffer(string: #"{"email":"\#(email)","password":"wrong password"}"#)) { $0.status }
                }
                // 50 failures from one client (each with another email, under the per-email limit) ...
                var failures: [HTTPResponse.Status] = []
                for attempt in 0..<AccountRules.failuresPerAddress.limit {
                    failures.append(try await login("user\(attempt)@example.com", "203.0.113.50"))
                }
                let over = try await login("one-more@example.com", "203.0.113.50")
                // ... lock that client out, not everyone behind the proxy.
                let other = try await login("someone@example.com", "203.0.113.51")
                #expect(failures.allSatisfy { $0 == .unauthorized } && over == .tooManyRequests && other == .unauthorized)
            }
        }
    }

    @Test("signups are limited per address and in all, before any password is hashed", arguments: TestEngine.all)
    func signupLimits(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            var configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
            configuration.signupsPerHourPerAddress = 2
            configuration.signupsPerHour = 3
            let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
            let services = try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                           keyRing: ring, jobs: JobQueue(database: database), passwordHasher: PasswordHasher(rounds: 1 << 10))
            let app = buildApplication(name: "admin", router: try buildAdminRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                       logger: TestDatabase.logger, listener: .admin(configuration))
            try await app.test(.router) { client in
                let api = AdminAPIClient(client: client)
                func signup(_ email: String) async throws -> AdminAPIClient.Reply {
                    try await api.call(.post, "/v1/account/signup", json: Credentials(email: email, password: "correct horse"))
                }
                #expect(try await signup("a@example.com").status == .created)
                #expect(try await signup("b@example.com").status == .created)
                let limited = try await signup("c@example.com")
                #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
                let count = try await database.withConnection { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM accounts").first()?.decode(column: "n", as: Int.self)
                }
                #expect(count == 2)
            }
        }
    }

    @Test("a wrong email is answered like a wrong password, and attempts over the limit are refused before any hashing", arguments: TestEngine.all)
    func loginAttempts(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            _ = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let unknown = try await api.call(.post, "/v1/account/login", json: Credentials(email: "nobody@example.com", password: "correct horse"))
            let wrong = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "wrong horse"))
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized && unknown.errorMessage == wrong.errorMessage)
            // Nine more attempts reach the per-email limit; the next, even with the right
            // password, is refused without being checked.
            for _ in 0..<(AccountRules.failuresPerEmail.limit - 1) {
                _ = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "wrong horse"))
            }
            let limited = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "correct horse"))
            #expect(limited.status == .tooManyRequests)
        }
    }

    @Test("changing a password ends the account's other logins and keeps the current one", arguments: TestEngine.all)
    func passwordChangeEndsOtherLogins(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let first = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let second = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "correct horse"))
                .decode(LoginResult.self).token
            let apiToken = try await api.call(.post, "/v1/orgs/acme/tokens", token: first, json: CreateToken(name: "ci")).decode(CreatedToken.self).secret
            let changed = try await api.call(.post, "/v1/account/password", token: first,
                                             json: PasswordChange(currentPassword: "correct horse", newPassword: "battery staple"))
            #expect(changed.status == .noContent)
            #expect(try await api.call(.get, "/v1/account", token: first).status == .ok)
            #expect(try await api.call(.get, "/v1/account", token: second).status == .unauthorized)
            // API tokens are the organization's, not the login's: they stay.
            #expect(try await api.call(.get, "/v1/account", token: apiToken).status == .ok)
            #expect(try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "battery staple")).status == .ok)
        }
    }

    @Test("the SQLite database and its WAL are readable by the daemon's user only, also when an older version left them 0644")
    func databaseFileModes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mcplatform.sqlite").path
        func mode(_ file: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? -1
        }
        let database = try await Database.open(DatabaseURL(sqlitePath: path), logger: TestDatabase.logger)
        try await Migrator(database: database, logger: TestDatabase.logger).migrate()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        await database.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let reopened = try await Database.open(DatabaseURL(sqlitePath: path), logger: TestDatabase.logger)
        #expect(try mode(path) == 0o600)
        await reopened.close()
    }

    @Test("without a key in the key ring the daemon does not start (no key derived from a path)")
    func keyRingWithoutKeys() async throws {
        try await withTestDatabase(.sqlite) { database, _ in
            let keys = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)")
            let ring = try KeyRing.openOrCreate(at: keys)
            for name in try FileManager.default.contentsOfDirectory(atPath: keys.path) {
                try FileManager.default.removeItem(at: keys.appendingPathComponent(name))
            }
            let configuration = try ConfigurationLoader(environment: ["HOME": "/tmp/none"]).load()
            let error = #expect(throws: StartupError.self) {
                try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                keyRing: ring, jobs: JobQueue(database: database))
            }
            #expect(error?.message.contains("keys-dir") == true && error?.exitCode == 2)
        }
    }

    @Test("text log lines escape control characters from outside, so one event is one line")
    func logEscaping() {
        let line = LineLogHandler.textLine(time: "t", level: .info, message: "upstream said\nINFO forged line",
                                           metadata: ["error": "access_denied\r\n\u{1B}[31mred\u{7F}", "ok": "plain"])
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{1B}") && !line.contains("\u{7F}"))
        #expect(line.contains(#"upstream said\nINFO forged line"#) && line.contains(#"error=access_denied\r\n\u{1B}[31mred\u{7F}"#))
        #expect(line.hasSuffix("ok=plain"))
    }
}
