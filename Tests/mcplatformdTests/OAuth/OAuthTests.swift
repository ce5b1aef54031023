import Foundation
import HTTPTypes
import Hummingbird
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The OAuth proxy in process, on a real socket, with a `collect_email` server (no upstream
/// provider needed): discovery, registration, the browser steps, tokens and their lifecycle,
/// and the security rules of docs/OAUTH.md. The upstream providers are in `OAuthUpstreamTests`.
@Suite("OAuth proxy")
struct OAuthTests {
    /// The MCP endpoint with `acme-docs` in `collect_email` mode, OAuth allowed over plain http.
    static func withSignIn(_ engine: TestEngine, configure: @escaping @Sendable (inout DaemonConfiguration) -> Void = { _ in },
                           _ body: @escaping @Sendable (MCPHarness, OAuthTestClient) async throws -> Void) async throws {
        try await withMCPEndpoint(engine, configure: { configuration in
            configuration.oauthAllowInsecureHTTP = true
            configure(&configuration)
        }) { mcp in
            let changed = try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(authMode: .collectEmail))
            #expect(changed.status == .ok)
            // Tests connect to the listener's port whatever host the public URL names.
            let publicURL = mcp.services.publicURL.value
            let address = URLComponents(string: publicURL)?.port == nil ? "http://mcp.test:\(mcp.port)" : publicURL
            var client = OAuthTestClient(base: address + "/s/acme-docs", resource: publicURL + "/s/acme-docs")
            try await client.register()
            try await body(mcp, client)
        }
    }

    /// Signs in as `email` and exchanges the code: the token response.
    static func tokens(_ client: OAuthTestClient, email: String = "ada@example.com", browser: TestBrowser = TestBrowser()) async throws -> (access: String, refresh: String) {
        let code = try await client.collectEmailCode(browser, email: email)
        let reply = try await client.exchange(code)
        #expect(reply.status == .ok, "\(reply.text)")
        #expect(reply.headers[.cacheControl] == "no-store")
        return (try #require(reply.json["access_token"] as? String), try #require(reply.json["refresh_token"] as? String))
    }

    @Test("discovery: metadata in both URL forms, inserted and appended, with one issuer string everywhere", arguments: TestEngine.all)
    func discovery(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let publicURL = mcp.services.publicURL.value
            let port = mcp.port
            let forms = [
                (base: publicURL + "/s/acme-docs", prm: [(publicURL + "/.well-known/oauth-protected-resource/s/acme-docs", publicURL + "/s/acme-docs"),
                                                        (publicURL + "/.well-known/oauth-protected-resource/s/acme-docs/mcp", publicURL + "/s/acme-docs/mcp"),
                                                        (publicURL + "/s/acme-docs/.well-known/oauth-protected-resource", publicURL + "/s/acme-docs")],
                 metadata: [publicURL + "/.well-known/oauth-authorization-server/s/acme-docs", publicURL + "/.well-known/openid-configuration/s/acme-docs",
                            publicURL + "/s/acme-docs/.well-known/oauth-authorization-server", publicURL + "/s/acme-docs/.well-known/openid-configuration"]),
                (base: "http://acme-docs.mcp.test:\(port)", prm: [("http://acme-docs.mcp.test:\(port)/.well-known/oauth-protected-resource",
                                                                    "http://acme-docs.mcp.test:\(port)"),
                                                                   ("http://acme-docs.mcp.test:\(port)/.well-known/oauth-protected-resource/mcp",
                                                                    "http://acme-docs.mcp.test:\(port)/mcp")],
                 metadata: ["http://acme-docs.mcp.test:\(port)/.well-known/oauth-authorization-server",
                            "http://acme-docs.mcp.test:\(port)/.well-known/openid-configuration"]),
            ]
            for form in forms {
                var issuers: Set<String> = []
                for (url, resource) in form.prm {
                    let prm = try await web(.get, url)
                    #expect(prm.status == .ok, "\(url): \(prm.text)")
                    #expect(prm.json["resource"] as? String == resource, "\(url)")
                    issuers.formUnion(prm.json["authorization_servers"] as? [String] ?? [])
                }
                for url in form.metadata {
                    let metadata = try await web(.get, url)
                    #expect(metadata.status == .ok, "\(url)")
                    issuers.insert(metadata.json["issuer"] as? String ?? "?")
                    #expect(metadata.json["code_challenge_methods_supported"] as? [String] == ["S256"])
                    #expect((metadata.json["token_endpoint_auth_methods_supported"] as? [String])?.contains("none") == true)
                    #expect(metadata.json["client_id_metadata_document_supported"] as? Bool == true)
                    #expect(metadata.json["authorization_response_iss_parameter_supported"] as? Bool == true)
                    #expect(metadata.json["authorization_endpoint"] as? String == form.base + "/oauth/authorize")
                }
                #expect(issuers.count == 1, "\(issuers)")
                // The host form's issuer is its origin with the root slash: a client normalises a bare origin so, then compares `iss` exactly.
                #expect(issuers.first == (form.base.contains("/s/") ? form.base : form.base + "/"))
            }
            // The code's `iss` is that same string.
            let browser = TestBrowser()
            let page = try await browser.request(.get, client.authorizeURL())
            let answer = try await browser.request(.post, client.base + "/oauth/authorize", form: [
                ("request", try #require(page.field("request"))), ("csrf", try #require(page.field("csrf"))), ("decision", "approve"), ("email", "ada@example.com")])
            #expect(answer.redirectQuery["iss"] == client.base)
            // An MCP request without a token is challenged with the metadata URL.
            let challenged = try await client.listTools(nil)
            #expect(challenged.status == .unauthorized)
            let challenge = challenged.headers[.wwwAuthenticate] ?? ""
            #expect(challenge.contains(#"resource_metadata="\#(publicURL)/.well-known/oauth-protected-resource/s/acme-docs/mcp""#) && challenge.contains(#"scope="mcp""#),
                    "\(challenge)")
            let wrong = try await client.listTools("mcpat_not-a-token")
            #expect(wrong.status == .unauthorized && wrong.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
            // An anonymous server publishes no protected-resource metadata; unknown servers are 404.
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token, json: ServerFields(slug: "open-docs", name: "Open")).status == .created)
            #expect(try await web(.get, publicURL + "/.well-known/oauth-protected-resource/s/open-docs").status == .notFound)
            #expect(try await web(.get, publicURL + "/.well-known/oauth-authorization-server/s/nope").status == .notFound)
            #expect(try await web(.get, publicURL + "/.well-known/oauth-authorization-server").status == .notFound)
        }
    }

    @Test("collect_email: the claimed email is on the end user, get_support asks none, and calls are the end user's", arguments: TestEngine.all)
    func collectEmail(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let eve = TestBrowser()
            let (access, _) = try await Self.tokens(client, email: "Eve@Example.com", browser: eve)
            let tools = try await client.listTools(access)
            #expect(tools.status == .ok, "\(tools.text)")
            let properties = try JSONValue.parse(Data(tools.text.utf8))["result"]?["tools"]?.first?["inputSchema"]?["properties"]?.objectValue
            #expect(properties != nil && properties?["email"] == nil, "get_support must not ask for an email: \(tools.text)")
            let call = try await web(.post, client.base + "/mcp", json: OAuthTestClient.modernRequest("tools/call", params: #""name":"get_support","arguments":{"title":"Stuck","problem_description":"It fails."}"#),
                                     headers: ["Authorization": "Bearer " + access, "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
            #expect(call.text.contains("ticket #1") && call.text.contains("Eve@Example.com"), "\(call.text)")
            let users = try await mcp.api.call(.get, "/v1/orgs/acme/users", token: mcp.token).decode(Page<APIEndUser>.self)
            #expect(users.items.count == 1)
            let user = try #require(users.items.first)
            #expect(user.email == "Eve@Example.com" && !user.emailVerified && user.upstreamSubject == nil && user.activeGrants == 1 && user.toolCallCount == 1)
            // The same browser signing in again is the same end user; another browser is another
            // one, even with the same email: typing an email proves nothing (a claimed email).
            _ = try await Self.tokens(client, email: "eve@example.com", browser: eve)
            #expect(try await mcp.count("end_users") == 1)
            let (impostor, _) = try await Self.tokens(client, email: "Eve@Example.com", browser: TestBrowser())
            #expect(try await mcp.count("end_users") == 2)
            let impostorCall = try await web(.post, client.base + "/mcp", json: OAuthTestClient.modernRequest("tools/call", params: #""name":"get_support","arguments":{"title":"Mine?","problem_description":"Whose?"}"#),
                                             headers: ["Authorization": "Bearer " + impostor, "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
            #expect(impostorCall.text.contains("ticket #2"))
            let owners = try await mcp.services.database.withConnection { db in
                try await db.raw("SELECT DISTINCT end_user_id FROM support_tickets").all().count
            }
            #expect(owners == 2, "the impostor's ticket must not be filed under Eve's end user")
            let claimed = try await mcp.api.call(.get, "/v1/orgs/acme/users", token: mcp.token).decode(Page<APIEndUser>.self)
            #expect(claimed.items.allSatisfy { $0.email?.lowercased() == "eve@example.com" && !$0.emailVerified })
            _ = try await Self.tokens(client, email: "bob@example.com")
            #expect(try await mcp.count("end_users") == 3)
            // A bad email re-renders the page with a message and stores nothing.
            let browser = TestBrowser()
            let page = try await browser.request(.get, client.authorizeURL())
            let bad = try await browser.request(.post, client.base + "/oauth/authorize", form: [
                ("request", try #require(page.field("request"))), ("csrf", try #require(page.field("csrf"))), ("decision", "approve"), ("email", "not an email")])
            #expect(bad.status == .badRequest && bad.text.contains("Enter an email address"))
            #expect(try await mcp.count("end_users") == 3)
        }
    }

    @Test("a legacy session belongs to the end user who started it: another user's token cannot use or end it", arguments: TestEngine.all)
    func sessionOwnership(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let ada = try await Self.tokens(client, email: "ada@example.com")
            let bob = try await Self.tokens(client, email: "bob@example.com")
            let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
            let started = try await web(.post, client.base + "/mcp", json: initialize, headers: ["Authorization": "Bearer " + ada.access, "Accept": "application/json"])
            let session = try #require(started.headers[HTTPField.Name("Mcp-Session-Id")!], "\(started.text)")
            let ping = #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#
            for (token, status) in [(ada.access, HTTPResponse.Status.ok), (bob.access, .notFound)] {
                let reply = try await web(.post, client.base + "/mcp", json: ping, headers: [
                    "Authorization": "Bearer " + token, "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25", "Accept": "application/json"])
                #expect(reply.status == status, "\(reply.text)")
            }
            #expect(try await web(.delete, client.base + "/mcp", headers: ["Authorization": "Bearer " + bob.access, "Mcp-Session-Id": session]).status == .notFound)
            #expect(try await web(.delete, client.base + "/mcp", headers: ["Mcp-Session-Id": session]).status == .unauthorized)
            #expect(try await web(.delete, client.base + "/mcp", headers: ["Authorization": "Bearer " + ada.access, "Mcp-Session-Id": session]).status == .ok)
            let sessions = try await mcp.api.call(.get, "/v1/orgs/acme/sessions", token: mcp.token).decode(Page<APISession>.self)
            let owner = try await mcp.api.call(.get, "/v1/orgs/acme/users/ada@example.com", token: mcp.token).decode(APIEndUser.self)
            #expect(sessions.items.first { $0.id == session }?.endUserId == owner.id)
        }
    }

    @Test("refresh rotation: a new pair each time; the old refresh token answers once in the grace window, then revokes its family",
          arguments: TestEngine.all)
    func refreshRotation(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { _, client in
            let first = try await Self.tokens(client)
            let rotated = try await client.refresh(first.refresh)
            #expect(rotated.status == .ok, "\(rotated.text)")
            let second = try #require(rotated.json["refresh_token"] as? String)
            let secondAccess = try #require(rotated.json["access_token"] as? String)
            #expect(second != first.refresh && secondAccess != first.access)
            // A lost response: the old token once more gets the same answer.
            let retried = try await client.refresh(first.refresh)
            #expect(retried.status == .ok && retried.json["refresh_token"] as? String == second && retried.json["access_token"] as? String == secondAccess)
            // A third use is reuse: refused, and every token of the family is revoked.
            let reused = try await client.refresh(first.refresh)
            #expect(reused.status == .badRequest && reused.json["error"] as? String == "invalid_grant")
            #expect(try await client.refresh(second).json["error"] as? String == "invalid_grant")
            #expect(try await client.listTools(secondAccess).status == .unauthorized)

            // Concurrent refreshes of one token get one answer.
            let fresh = try await Self.tokens(client)
            let answers = try await withThrowingTaskGroup(of: WebReply.self) { group in
                for _ in 0..<2 { group.addTask { try await client.refresh(fresh.refresh) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .ok }, "\(answers.map(\.text))")
            #expect(Set(answers.compactMap { $0.json["refresh_token"] as? String }).count == 1)
            let newest = try #require(answers.first?.json["access_token"] as? String)
            #expect(try await client.listTools(newest).status == .ok)
        }
    }

    @Test("the grace window ends: a rotated refresh token presented after it is refused", arguments: TestEngine.all)
    func graceWindowEnds(engine: TestEngine) async throws {
        try await Self.withSignIn(engine, configure: { $0.oauth.refreshGrace = .seconds(0) }) { _, client in
            let first = try await Self.tokens(client)
            let rotated = try await client.refresh(first.refresh)
            let second = try #require(rotated.json["refresh_token"] as? String)
            // Grace 0: any later millisecond is past the window.
            let rotatedAt = nowMillis()
            #expect(await eventually(every: .milliseconds(1)) { nowMillis() > rotatedAt + 1 })
            #expect(try await client.refresh(first.refresh).json["error"] as? String == "invalid_grant")
            #expect(try await client.refresh(second).json["error"] as? String == "invalid_grant")
        }
    }

    @Test("audience: a token of server A is accepted on both URL forms of A and refused by server B", arguments: TestEngine.all)
    func audience(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let tokens = try await Self.tokens(client)
            #expect(try await client.listTools(tokens.access).status == .ok)
            let vhost = "http://acme-docs.mcp.test:\(mcp.port)/mcp"
            #expect(try await client.listTools(tokens.access, mcpURL: vhost).status == .ok)
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token,
                                           json: ServerFields(slug: "acme-two", name: "Two", authMode: .collectEmail)).status == .created)
            let other = try await client.listTools(tokens.access, mcpURL: mcp.services.publicURL.value + "/s/acme-two/mcp")
            #expect(other.status == .unauthorized && other.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            // The refresh token is bound to its server too.
            var otherClient = OAuthTestClient(base: mcp.services.publicURL.value + "/s/acme-two")
            otherClient.clientID = client.clientID
            #expect(try await otherClient.refresh(tokens.refresh).json["error"] as? String == "invalid_client")
        }
    }

    @Test("expiry: an access token is refused once its lifetime is over; its refresh token still works", arguments: TestEngine.all)
    func expiry(engine: TestEngine) async throws {
        try await Self.withSignIn(engine, configure: { $0.oauth.accessTokenTTL = .seconds(2) }) { _, client in
            let tokens = try await Self.tokens(client)
            #expect(try await client.listTools(tokens.access).status == .ok)
            let expired = try await eventually(timeout: .seconds(10), every: .milliseconds(250)) {
                try await client.listTools(tokens.access).status == .unauthorized
            }
            #expect(expired)
            let renewed = try await client.refresh(tokens.refresh)
            let access = try #require(renewed.json["access_token"] as? String)
            #expect(try await client.listTools(access).status == .ok)
        }
    }

    @Test("revocation (RFC 7009): revoking a refresh token ends its family; an access token alone; unknown tokens get 200", arguments: TestEngine.all)
    func revocation(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { _, client in
            let first = try await Self.tokens(client)
            #expect(try await client.revoke(first.access).status == .ok)
            #expect(try await client.listTools(first.access).status == .unauthorized)
            let renewed = try await client.refresh(first.refresh)
            let access = try #require(renewed.json["access_token"] as? String, "\(renewed.text)")
            #expect(try await client.listTools(access).status == .ok)
            let revoke = try await client.revoke(try #require(renewed.json["refresh_token"] as? String))
            #expect(revoke.status == .ok)
            #expect(try await client.listTools(access).status == .unauthorized)
            #expect(try await client.revoke("mcprt_unknown").status == .ok)
        }
    }

    @Test("security: unregistered redirects get an error page, PKCE and CSRF are enforced, a replayed code revokes what it issued",
          arguments: TestEngine.all)
    func security(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            // Open redirects: an unregistered redirect URI or unknown client is an error page, never a redirect.
            var evil = client
            evil.redirectURI = "https://evil.example/callback"
            for url in [evil.authorizeURL(), client.authorizeURL(extra: [("client_id", "x")]),
                        client.base + "/oauth/authorize?client_id=mcpc_unknown&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code"] {
                let page = try await web(.get, url)
                #expect(page.status == .badRequest && page.location == nil && page.headers[.contentType]?.hasPrefix("text/html") == true, "\(url)")
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
            // A native client's loopback redirect may use another port (RFC 8252), nothing else may differ.
            var otherPort = client
            otherPort.redirectURI = "http://127.0.0.1:41999/callback"
            #expect(try await web(.get, otherPort.authorizeURL()).status == .ok)
            var otherPath = client
            otherPath.redirectURI = "http://127.0.0.1:53682/elsewhere"
            #expect(try await web(.get, otherPath.authorizeURL()).status == .badRequest)
            // Missing PKCE, or plain PKCE: the (registered) client is told, by redirect.
            for omit in [["code_challenge"], ["code_challenge_method"]] {
                let refused = try await web(.get, client.authorizeURL(omit: Set(omit)))
                #expect(refused.status == .found && refused.redirectQuery["error"] == "invalid_request" && refused.redirectQuery["code"] == nil)
                #expect(refused.location?.hasPrefix(client.redirectURI) == true && refused.redirectQuery["iss"] == client.base)
            }
            let wrongResource = try await web(.get, client.authorizeURL(extra: []).replacingOccurrences(of: "resource=", with: "resource=https%3A%2F%2Fother.example&x="))
            #expect(wrongResource.redirectQuery["error"] == "invalid_target")

            // The consent form without its CSRF token, or from another browser, fails.
            let browser = TestBrowser()
            let page = try await browser.request(.get, client.authorizeURL())
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let request = try #require(page.field("request"))
            let forged = try await browser.request(.post, client.base + "/oauth/authorize", form: [("request", request), ("decision", "approve"), ("email", "a@b.example")])
            #expect(forged.status == .forbidden && forged.location == nil)
            let otherBrowser = try await TestBrowser().request(.post, client.base + "/oauth/authorize", form: [
                ("request", request), ("csrf", try #require(page.field("csrf"))), ("decision", "approve"), ("email", "a@b.example")])
            #expect(otherBrowser.status == .forbidden)
            #expect(try await mcp.count("oauth_codes") == 0)
            let denied = try await browser.request(.post, client.base + "/oauth/authorize", form: [
                ("request", request), ("csrf", try #require(page.field("csrf"))), ("decision", "deny")])
            #expect(denied.redirectQuery["error"] == "access_denied" && denied.redirectQuery["state"] == "st-1")

            // Token time: a wrong verifier, a missing one, another redirect URI all fail.
            let code = try await client.collectEmailCode(TestBrowser(), email: "ada@example.com")
            #expect(try await client.exchange(code, redirectURI: "http://127.0.0.1:9/other").json["error"] as? String == "invalid_grant")
            let second = try await client.collectEmailCode(TestBrowser(), email: "ada@example.com")
            #expect(try await client.exchange(second, verifier: PKCE.makeVerifier()).json["error"] as? String == "invalid_grant")
            let third = try await client.collectEmailCode(TestBrowser(), email: "ada@example.com")
            let noVerifier = try await web(.post, client.base + "/oauth/token", form: [
                ("grant_type", "authorization_code"), ("code", third), ("redirect_uri", client.redirectURI), ("client_id", client.clientID)])
            #expect(noVerifier.status == .badRequest && noVerifier.json["error"] as? String == "invalid_request")
            let fifth = try await client.collectEmailCode(TestBrowser(), email: "ada@example.com")
            let otherResource = try await web(.post, client.base + "/oauth/token", form: [
                ("grant_type", "authorization_code"), ("code", fifth), ("redirect_uri", client.redirectURI), ("client_id", client.clientID),
                ("code_verifier", client.verifier), ("resource", "http://elsewhere.example/mcp")])
            #expect(otherResource.json["error"] as? String == "invalid_target", "\(otherResource.text)")
            // A code used twice: the second use fails and revokes the tokens of the first.
            let fourth = try await client.collectEmailCode(TestBrowser(), email: "ada@example.com")
            let issued = try await client.exchange(fourth)
            let access = try #require(issued.json["access_token"] as? String)
            #expect(try await client.listTools(access).status == .ok)
            let replay = try await client.exchange(fourth)
            #expect(replay.status == .badRequest && replay.json["error"] as? String == "invalid_grant")
            #expect(try await client.listTools(access).status == .unauthorized)
            #expect(try await client.refresh(try #require(issued.json["refresh_token"] as? String)).json["error"] as? String == "invalid_grant")
            // Bad token requests.
            #expect(try await web(.post, client.base + "/oauth/token", form: [("grant_type", "password"), ("client_id", client.clientID)])
                .json["error"] as? String == "unsupported_grant_type")
            #expect(try await web(.post, client.base + "/oauth/token", json: "{}").json["error"] as? String == "invalid_request")
            #expect(try await web(.post, client.base + "/oauth/token", form: [("grant_type", "refresh_token"), ("refresh_token", "x")]).status == .unauthorized)
            // The daemon stays healthy.
            #expect(try await web(.get, mcp.services.publicURL.value + "/healthz").status == .ok)
        }
    }

    @Test("registration: public and confidential clients; bad metadata is refused and stores nothing", arguments: TestEngine.all)
    func registration(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let before = try await mcp.count("oauth_clients")
            for (body, error) in [
                ("{}", "invalid_redirect_uri"), (#"{"redirect_uris":["http://example.com/cb"]}"#, "invalid_redirect_uri"),
                (#"{"redirect_uris":["javascript:alert(1)"]}"#, "invalid_redirect_uri"), (#"{"redirect_uris":["https://a.example/cb#frag"]}"#, "invalid_redirect_uri"),
                (#"{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"private_key_jwt"}"#, "invalid_client_metadata"),
                (#"{"redirect_uris":["https://a.example/cb"],"grant_types":["client_credentials"]}"#, "invalid_client_metadata"),
                ("not json", "invalid_client_metadata"),
            ] {
                let reply = try await web(.post, client.base + "/oauth/register", json: body)
                #expect(reply.status == .badRequest && reply.json["error"] as? String == error, "\(body): \(reply.text)")
            }
            #expect(try await mcp.count("oauth_clients") == before)
            // A confidential client gets a secret once and must present it.
            let confidential = try await web(.post, client.base + "/oauth/register",
                                             json: #"{"redirect_uris":["https://app.example/cb","cursor://anysphere.cursor-retrieval/oauth/callback"],"client_name":"Web app"}"#)
            #expect(confidential.status == .created && confidential.json["token_endpoint_auth_method"] as? String == "client_secret_basic")
            let secret = try #require(confidential.json["client_secret"] as? String)
            let id = try #require(confidential.json["client_id"] as? String)
            let stored = try await mcp.services.database.withConnection { db in
                try await db.select().column("secret_hash").from("oauth_clients").where("id", .equal, id).first()?.decode(column: "secret_hash", as: String.self)
            }
            #expect(stored == PlatformToken.hash(secret) && stored != secret)
            let noSecret = try await web(.post, client.base + "/oauth/token", form: [("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", id)])
            #expect(noSecret.status == .unauthorized && noSecret.json["error"] as? String == "invalid_client")
            let basic = "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
            let authenticated = try await web(.post, client.base + "/oauth/token", form: [("grant_type", "refresh_token"), ("refresh_token", "x")],
                                              headers: ["Authorization": basic])
            #expect(authenticated.status == .badRequest && authenticated.json["error"] as? String == "invalid_grant")
            // Client metadata is shown escaped.
            let hostile = try await web(.post, client.base + "/oauth/register",
                                        json: #"{"redirect_uris":["http://127.0.0.1:5/cb"],"client_name":"<script>alert(1)</script>","token_endpoint_auth_method":"none"}"#)
            var hostileClient = client
            hostileClient.clientID = try #require(hostile.json["client_id"] as? String)
            hostileClient.redirectURI = "http://127.0.0.1:5/cb"
            let page = try await web(.get, hostileClient.authorizeURL())
            #expect(page.status == .ok && !page.text.contains("<script>") && page.text.contains("&lt;script&gt;"))
            // A client registered at one server is unknown at another.
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token,
                                           json: ServerFields(slug: "acme-two", name: "Two", authMode: .collectEmail)).status == .created)
            var elsewhere = client
            elsewhere = OAuthTestClient(base: mcp.services.publicURL.value + "/s/acme-two")
            elsewhere.clientID = client.clientID
            #expect(try await web(.get, elsewhere.authorizeURL()).status == .badRequest)
        }
    }

    @Test("client metadata documents: an https-style URL client id is fetched, validated and named on the consent page", arguments: TestEngine.all)
    func clientMetadataDocuments(engine: TestEngine) async throws {
        let router = Router()
        let documents = SharedValue<[String: String]>([:])
        router.get("/clients/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let body = documents.value[name] else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let documentServer = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
        try await documentServer.test(.live) { documentClient in
            let port = try #require(documentClient.port)
            let good = "http://127.0.0.1:\(port)/clients/good.json"
            documents.update {
                $0["good.json"] = #"{"client_id":"\#(good)","client_name":"Metadata App","redirect_uris":["http://127.0.0.1:53682/callback"]}"#
                $0["liar.json"] = #"{"client_id":"https://someone.else/client.json","client_name":"Liar","redirect_uris":["http://127.0.0.1:53682/callback"]}"#
                $0["secret.json"] = #"{"client_id":"http://127.0.0.1:\#(port)/clients/secret.json","redirect_uris":["http://127.0.0.1:53682/callback"],"token_endpoint_auth_method":"client_secret_basic"}"#
                $0["huge.json"] = #"{"client_id":"x","pad":""# + String(repeating: "a", count: 20_000) + #""}"#
            }
            try await Self.withSignIn(engine, configure: { $0.allowPrivateAddresses = true }) { mcp, registered in
                var client = OAuthTestClient(base: registered.base)
                client.clientID = good
                let browser = TestBrowser()
                let page = try await browser.request(.get, client.authorizeURL())
                #expect(page.status == .ok && page.text.contains("Metadata App") && page.text.contains("127.0.0.1"), "\(page.text)")
                let answer = try await browser.request(.post, client.base + "/oauth/authorize", form: [
                    ("request", try #require(page.field("request"))), ("csrf", try #require(page.field("csrf"))), ("decision", "approve"),
                    ("email", "meta@example.com")])
                let code = try #require(answer.redirectQuery["code"])
                let tokens = try await client.exchange(code)
                #expect(tokens.status == .ok, "\(tokens.text)")
                // An unregistered redirect for a document client is still an error page.
                var evil = client
                evil.redirectURI = "https://evil.example/cb"
                #expect(try await web(.get, evil.authorizeURL()).status == .badRequest)
                for name in ["liar.json", "secret.json", "huge.json", "missing.json"] {
                    var bad = client
                    bad.clientID = "http://127.0.0.1:\(port)/clients/\(name)"
                    let refused = try await web(.get, bad.authorizeURL())
                    #expect(refused.status == .badRequest && refused.location == nil && refused.text.contains("cannot be used"), "\(name): \(refused.text)")
                }
                _ = mcp
            }
            // Without allow-private-addresses the same document on loopback is not fetched.
            try await Self.withSignIn(engine) { _, registered in
                var client = OAuthTestClient(base: registered.base)
                client.clientID = good
                let refused = try await web(.get, client.authorizeURL())
                #expect(refused.status == .badRequest && refused.text.contains("private or loopback"), "\(refused.text)")
            }
        }
    }

    @Test("users revoke-access ends an end user's grants and tokens; another organization cannot", arguments: TestEngine.all)
    func revokeAccess(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            let tokens = try await Self.tokens(client, email: "ada@example.com")
            #expect(try await client.listTools(tokens.access).status == .ok)
            let other = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@other.test", slug: "other")
            let foreign = try await mcp.api.call(.post, "/v1/orgs/other/users/ada@example.com/revoke-access", token: other)
            #expect(foreign.status == .notFound)
            let crossing = try await mcp.api.call(.post, "/v1/orgs/acme/users/ada@example.com/revoke-access", token: other)
            #expect(crossing.status == .notFound || crossing.status == .forbidden)
            #expect(try await client.listTools(tokens.access).status == .ok)
            let revoked = try await mcp.api.call(.post, "/v1/orgs/acme/users/ada@example.com/revoke-access", token: mcp.token)
            #expect(revoked.status == .ok)
            let result = try revoked.decode(APIRevokeAccessResult.self)
            #expect(result.grants == 1 && result.tokens == 2)
            #expect(try await client.listTools(tokens.access).status == .unauthorized)
            #expect(try await client.refresh(tokens.refresh).json["error"] as? String == "invalid_grant")
            let user = try await mcp.api.call(.get, "/v1/orgs/acme/users/ada@example.com", token: mcp.token).decode(APIEndUser.self)
            #expect(user.activeGrants == 0)
        }
    }

    @Test("rate limits on registration, authorization and token requests", arguments: TestEngine.all)
    func rateLimits(engine: TestEngine) async throws {
        try await Self.withSignIn(engine, configure: { configuration in
            configuration.oauth.registrationsPerHour = 2
            configuration.oauth.authorizationsPerMinute = 2
            configuration.oauth.tokenRequestsPerMinute = 2
        }) { _, client in
            // The harness registered once already.
            var second = client
            try await second.register()
            let refused = try await web(.post, client.base + "/oauth/register", json: #"{"redirect_uris":["http://127.0.0.1:1/cb"]}"#)
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
            #expect(try await web(.get, client.authorizeURL()).status == .ok)
            #expect(try await web(.get, client.authorizeURL()).status == .ok)
            #expect(try await web(.get, client.authorizeURL()).status == .tooManyRequests)
            for _ in 0..<2 { _ = try await client.refresh("mcprt_x") }
            #expect(try await client.refresh("mcprt_x").status == .tooManyRequests)
        }
    }

    @Test("the expiry sweep removes expired requests, codes and tokens and idle clients", arguments: TestEngine.all)
    func sweep(engine: TestEngine) async throws {
        try await Self.withSignIn(engine) { mcp, client in
            _ = try await Self.tokens(client)
            _ = try await web(.get, client.authorizeURL())
            let sweep = ExpirySweep(database: mcp.services.database, logger: TestDatabase.logger)
            let now = nowMillis()
            #expect(try await sweep.sweep(now: now).oauthTokens == 0)
            let later = try await sweep.sweep(now: now + 400 * 86_400_000)
            #expect(later.oauthRequests == 2 && later.oauthCodes == 1 && later.oauthTokens == 2)
            #expect(try await mcp.count("oauth_tokens") == 0)
            // The client still has a grant, so it stays; without one it goes after 90 idle days.
            #expect(later.oauthClients == 0)
            try await mcp.services.database.withConnection { try await $0.raw("UPDATE oauth_grants SET revoked_at = 1").run() }
            #expect(try await sweep.sweep(now: now + 400 * 86_400_000).oauthClients == 1)
        }
    }

    @Test("cookies: HttpOnly and SameSite=Lax; on an https public URL the __Host- prefix and Secure", arguments: TestEngine.all)
    func cookies(engine: TestEngine) async throws {
        try await Self.withSignIn(engine, configure: { $0.publicURL = URL(string: "https://mcp.test") }) { _, client in
            let page = try await web(.get, client.authorizeURL())
            #expect(page.status == .ok, "\(page.text)")
            let cookie = try #require(page.headers[values: .setCookie].first)
            #expect(cookie.hasPrefix("__Host-mcp_oauth_binding=") && cookie.contains("Path=/") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), "\(cookie)")
            #expect(page.text.contains(#"action="https://mcp.test/s/acme-docs/oauth/authorize""#))
        }
        try await Self.withSignIn(engine) { _, client in
            let cookie = try #require(try await web(.get, client.authorizeURL()).headers[values: .setCookie].first)
            #expect(cookie.hasPrefix("mcp_oauth_binding=") && !cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")
        }
    }

    @Test("a signed-in server that cannot sign in here (plain http without the development setting) answers 503, never anonymously",
          arguments: TestEngine.all)
    func insecureTransport(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token,
                                           json: ServerFields(authMode: .collectEmail)).status == .ok)
            let base = mcp.services.publicURL.value + "/s/acme-docs"
            let refused = try await eventually(timeout: .seconds(5)) { try await mcp.initialize().status == .serviceUnavailable }
            #expect(refused)
            #expect(try await web(.get, base + "/oauth/authorize?client_id=x").status == .serviceUnavailable)
            #expect(try await web(.get, mcp.services.publicURL.value + "/.well-known/oauth-authorization-server/s/acme-docs").status == .serviceUnavailable)
            #expect(try await mcp.count("end_users") == 0)
        }
    }
}
