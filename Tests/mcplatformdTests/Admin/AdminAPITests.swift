import Foundation
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

@Suite("Admin API")
struct AdminAPITests {
    /// Signs up `email` and creates organization `slug`; returns the login token.
    static func signupWithOrganization(_ api: AdminAPIClient, email: String, slug: String) async throws -> String {
        let signup = try await api.call(.post, "/v1/account/signup", json: Credentials(email: email, password: "correct horse"))
        #expect(signup.status == .created)
        let token = try signup.decode(LoginResult.self).token
        let org = try await api.call(.post, "/v1/orgs", token: token, json: CreateOrganization(slug: slug, name: slug.capitalized))
        #expect(org.status == .created, "\(String(decoding: org.body, as: UTF8.self))")
        return token
    }

    @Test("the interactive story: signup, organizations, servers with URLs and snippets, audit", arguments: TestEngine.all)
    func interactiveStory(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let whoami = try await api.call(.get, "/v1/account", token: token).decode(WhoAmI.self)
            #expect(whoami.tokenKind == "login" && whoami.account?.email == "ada@example.com")

            let orgs = try await api.call(.get, "/v1/orgs", token: token).decode(Page<APIOrganization>.self)
            #expect(orgs.items.map(\.slug) == ["acme"] && orgs.items.first?.role == .owner)

            let created = try await api.call(.post, "/v1/orgs/acme/servers", token: token,
                                             json: ServerFields(slug: "acme-docs", name: "Acme Docs", productName: "Acme"))
            #expect(created.status == .created)
            let shown = try await api.call(.get, "/v1/orgs/acme/servers/acme-docs", token: token).decode(APIServer.self)
            #expect(shown.productName == "Acme" && shown.authMode == AuthMode.none && shown.supportEnabled)
            let connect = try #require(shown.connect)
            #expect(connect.url == "https://acme-docs.mcp.example.com/mcp")
            #expect(connect.pathUrl == "https://mcp.example.com/s/acme-docs/mcp")
            #expect(connect.trackingUrlTemplate == "https://acme-docs.mcp.example.com/api/mcpserver/{tracking_id}/mcp")
            #expect(connect.claudeCommand == "claude mcp add --transport http acme-docs https://acme-docs.mcp.example.com/mcp")
            #expect(connect.vscodeMcpJson.contains(#""url":"https://acme-docs.mcp.example.com/mcp""#))
            #expect(connect.cursorDeeplink.hasPrefix("cursor://anysphere.cursor-deeplink/mcp/install?name=acme-docs&config="))
            let config = try #require(connect.trackingCursorDeeplink.split(separator: "config=").last.flatMap { Data(base64Encoded: String($0)) })
            #expect(String(decoding: config, as: UTF8.self) == #"{"url":"https://acme-docs.mcp.example.com/api/mcpserver/{tracking_id}/mcp"}"#)

            let updated = try await api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: token,
                                             json: ServerFields(authMode: .collectEmail, docsSearchEnabled: false, instructions: "Be brief."))
            let server = try updated.decode(APIServer.self)
            #expect(server.authMode == .collectEmail && !server.docsSearchEnabled && server.instructions == "Be brief.")
            #expect(try await api.call(.delete, "/v1/orgs/acme/servers/acme-docs", token: token).status == .noContent)
            #expect(try await api.call(.get, "/v1/orgs/acme/servers/acme-docs", token: token).status == .notFound)

            let audit = try await api.call(.get, "/v1/orgs/acme/audit", token: token).decode(Page<APIAuditEvent>.self)
            #expect(audit.items.map(\.action) == ["server.delete", "server.update", "server.create", "organization.create"])
            #expect(audit.items.allSatisfy { $0.actorAccountId == whoami.account?.id })

            #expect(try await api.call(.post, "/v1/account/logout", token: token).status == .noContent)
            #expect(try await api.call(.get, "/v1/account", token: token).status == .unauthorized)
        }
    }

    @Test("API tokens: role no higher than the creator's, members cannot create, revoked tokens are refused", arguments: TestEngine.all)
    func apiTokenRoles(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let login = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let owner = try await api.call(.post, "/v1/orgs/acme/tokens", token: login, json: CreateToken(name: "ci", role: .owner))
            #expect(owner.status == .created)
            let ownerSecret = try owner.decode(CreatedToken.self).secret
            let member = try await api.call(.post, "/v1/orgs/acme/tokens", token: ownerSecret, json: CreateToken(name: "reader", role: .member))
            let memberToken = try member.decode(CreatedToken.self)
            #expect(memberToken.token.role == .member && memberToken.secret.hasPrefix("mcpt_"))

            let denied = try await api.call(.post, "/v1/orgs/acme/servers", token: memberToken.secret, json: ServerFields(slug: "nope", name: "Nope"))
            #expect(denied.status == .forbidden && denied.errorCode == "forbidden")
            #expect(try await api.call(.post, "/v1/orgs/acme/tokens", token: memberToken.secret, json: CreateToken(name: "x")).status == .forbidden)
            #expect(try await api.call(.get, "/v1/orgs/acme/servers", token: memberToken.secret).status == .ok)
            // API tokens cannot create organizations.
            #expect(try await api.call(.post, "/v1/orgs", token: ownerSecret, json: CreateOrganization(slug: "other", name: "Other")).status == .forbidden)

            let list = try await api.call(.get, "/v1/orgs/acme/tokens", token: ownerSecret)
            let listed = try list.decode(Page<APIToken>.self)
            #expect(Set(listed.items.map(\.name)) == ["ci", "reader"])
            #expect(!String(decoding: list.body, as: UTF8.self).contains(memberToken.secret))

            #expect(try await api.call(.delete, "/v1/orgs/acme/tokens/reader", token: ownerSecret).status == .noContent)
            let refused = try await api.call(.get, "/v1/orgs/acme/servers", token: memberToken.secret)
            #expect(refused.status == .unauthorized && refused.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await api.call(.delete, "/v1/orgs/acme/tokens/reader", token: ownerSecret).status == .notFound)
        }
    }

    @Test("tenant isolation: another organization's token gets 404, never data, for every resource", arguments: TestEngine.all)
    func tenantIsolation(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let a = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "org-a")
            let b = try await Self.signupWithOrganization(api, email: "bob@example.com", slug: "org-b")
            #expect(try await api.call(.post, "/v1/orgs/org-a/servers", token: a, json: ServerFields(slug: "a-server", name: "A")).status == .created)
            let aToken = try await api.call(.post, "/v1/orgs/org-a/tokens", token: a, json: CreateToken(name: "ci")).decode(CreatedToken.self)
            let bToken = try await api.call(.post, "/v1/orgs/org-b/tokens", token: b, json: CreateToken(name: "ci")).decode(CreatedToken.self)

            for credential in [b, bToken.secret] {
                let attempts: [(HTTPRequest.Method, String, (any Encodable)?)] = [
                    (.get, "/v1/orgs/org-a", nil), (.patch, "/v1/orgs/org-a", UpdateOrganization(name: "Pwned")), (.delete, "/v1/orgs/org-a", nil),
                    (.get, "/v1/orgs/org-a/servers", nil), (.get, "/v1/orgs/org-a/servers/a-server", nil),
                    (.patch, "/v1/orgs/org-a/servers/a-server", ServerFields(name: "Pwned")), (.delete, "/v1/orgs/org-a/servers/a-server", nil),
                    (.post, "/v1/orgs/org-a/servers", ServerFields(slug: "b-in-a", name: "B")),
                    (.get, "/v1/orgs/org-a/tokens", nil), (.post, "/v1/orgs/org-a/tokens", CreateToken(name: "x")),
                    (.delete, "/v1/orgs/org-a/tokens/\(aToken.token.id)", nil), (.get, "/v1/orgs/org-a/audit", nil),
                ]
                for (method, path, body) in attempts {
                    let reply = try await api.call(method, path, token: credential, json: body)
                    #expect(reply.status == .notFound, "\(method) \(path) gave \(reply.status)")
                    #expect(!String(decoding: reply.body, as: UTF8.self).contains("a-server") || path.hasSuffix("a-server"))
                }
                // Nor does org B's server list show org A's server, nor by id.
                let servers = try await api.call(.get, "/v1/orgs/org-b/servers", token: credential).decode(Page<APIServer>.self)
                #expect(servers.items.isEmpty)
            }
            // Org A is unchanged.
            let server = try await api.call(.get, "/v1/orgs/org-a/servers/a-server", token: aToken.secret).decode(APIServer.self)
            #expect(server.name == "A")
            #expect(try await api.call(.get, "/v1/orgs/org-a", token: aToken.secret).decode(APIOrganization.self).name == "Org-A")
        }
    }

    @Test("bad input gets the error envelope with the right status and changes nothing", arguments: TestEngine.all)
    func badInput(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, services in
            let token = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let invalid = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "Bad_Slug", name: "X"))
            #expect(invalid.status == .unprocessableContent && invalid.errorMessage?.contains("lower-case") == true)
            let reserved = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "oauth", name: "X"))
            #expect(reserved.status == .unprocessableContent && reserved.errorMessage == "'oauth' is reserved")
            let custom = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "good", name: "X", authMode: .customOAuth))
            #expect(custom.status == .unprocessableContent && custom.errorMessage?.contains("OAuth config") == true)
            #expect(try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "good", name: "X")).status == .created)
            let duplicate = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "good", name: "Y"))
            #expect(duplicate.status == .conflict && duplicate.errorCode == "conflict")
            let malformed = try await api.call(.post, "/v1/orgs/acme/servers", token: token, raw: "{not json")
            #expect(malformed.status == .badRequest && malformed.errorCode == "bad_request")
            let missing = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(name: "No slug"))
            #expect(missing.status == .unprocessableContent)
            let noToken = try await api.call(.get, "/v1/orgs/acme/servers")
            #expect(noToken.status == .unauthorized && noToken.errorCode == "unauthenticated")
            #expect(try await api.call(.post, "/v1/account/signup", json: Credentials(email: "ada@example.com", password: "another one")).status == .conflict)
            #expect(try await api.call(.post, "/v1/account/signup", json: Credentials(email: "not-an-email", password: "long enough")).status == .unprocessableContent)
            #expect(try await api.call(.post, "/v1/account/signup", json: Credentials(email: "x@example.com", password: "short")).status == .unprocessableContent)
            #expect(try await api.call(.get, "/v1/orgs?limit=0", token: token).status == .badRequest)
            #expect(try await api.call(.get, "/v1/orgs?cursor=%%%", token: token).status == .badRequest)
            let servers = try await api.call(.get, "/v1/orgs/acme/servers", token: token).decode(Page<APIServer>.self)
            #expect(servers.items.map(\.slug) == ["good"])
            _ = services
        }
    }

    @Test("wrong passwords: 401 without detail, then 429 with Retry-After", arguments: TestEngine.all)
    func loginThrottling(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            _ = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let wrong = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "wrong password"))
            #expect(wrong.status == .unauthorized && wrong.errorMessage == "wrong email or password")
            let unknown = try await api.call(.post, "/v1/account/login", json: Credentials(email: "nobody@example.com", password: "wrong password"))
            #expect(unknown.status == .unauthorized && unknown.errorMessage == wrong.errorMessage)
            for _ in 1..<AccountRules.failuresPerEmail.limit {
                _ = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "wrong password"))
            }
            let throttled = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "correct horse"))
            #expect(throttled.status == .tooManyRequests && throttled.errorCode == "rate_limited")
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
            // Another email is not affected.
            _ = try await api.call(.post, "/v1/account/signup", json: Credentials(email: "bob@example.com", password: "correct horse"))
            #expect(try await api.call(.post, "/v1/account/login", json: Credentials(email: "bob@example.com", password: "correct horse")).status == .ok)
        }
    }

    @Test("an idempotent retry returns the same object and creates one; the key with another body is 422", arguments: TestEngine.all)
    func idempotency(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-1"]
            let first = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "once", name: "Once"), headers: key)
            let second = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "once", name: "Once"), headers: key)
            #expect(first.status == .created && second.status == .created)
            #expect(try first.decode(APIServer.self).id == second.decode(APIServer.self).id)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "twice", name: "Twice"), headers: key)
            #expect(other.status == .unprocessableContent && other.errorCode == "idempotency_key_reused")
            let servers = try await api.call(.get, "/v1/orgs/acme/servers", token: token).decode(Page<APIServer>.self)
            #expect(servers.items.map(\.slug) == ["once"])
        }
    }

    @Test("lists paginate with limit and an opaque cursor", arguments: TestEngine.all)
    func pagination(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await Self.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            for index in 0..<5 {
                _ = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "server-\(index)", name: "S\(index)"))
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/v1/orgs/acme/servers?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.call(.get, path, token: token).decode(Page<APIServer>.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.slug)
                cursor = page.nextCursor
            } while cursor != nil
            // Newest first; servers created within one millisecond are ordered by id, so compare with
            // the order of one big page rather than with the creation loop.
            let whole = try await api.call(.get, "/v1/orgs/acme/servers?limit=200", token: token).decode(Page<APIServer>.self).items
            #expect(seen == whole.map(\.slug) && Set(seen) == Set((0..<5).map { "server-\($0)" }) && seen.count == 5)
            #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.createdAt >= $1.createdAt }, "newest first")
        }
    }

    @Test("signup can be turned off")
    func signupOff() async throws {
        try await withAdminAPI(.sqlite, allowSignup: false) { api, _ in
            let reply = try await api.call(.post, "/v1/account/signup", json: Credentials(email: "ada@example.com", password: "correct horse"))
            #expect(reply.status == .forbidden && reply.errorCode == "signup_disabled")
        }
    }

    @Test("the OpenAPI document is served, matches the checked-in copy, and every operation declares its access")
    func openAPI() async throws {
        let root = repositoryRoot
        let checkedIn = try Data(contentsOf: root.appendingPathComponent("openapi.json"))
        try await withAdminAPI(.sqlite) { api, _ in
            let served = try await api.call(.get, "/v1/openapi.json")
            #expect(served.status == .ok)
            let servedDocument = try #require(try JSONSerialization.jsonObject(with: served.body) as? NSDictionary)
            let checkedInDocument = try #require(try JSONSerialization.jsonObject(with: checkedIn) as? NSDictionary)
            #expect(servedDocument == checkedInDocument, "openapi.json is stale: run scripts/generate-docs")
            let paths = try #require(servedDocument["paths"] as? [String: [String: Any]])
            let operations = paths.values.flatMap { $0.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String } }
            #expect(operations.count > 70)
            for operation in operations {
                #expect(OperationPolicies.document[operation] != nil, "\(operation) has no valid x-min-role")
            }
        }
    }
}

@Suite("Idempotency and secrets")
struct IdempotentSecretTests {
    @Test("a retried token creation creates one token and never stores its secret", arguments: TestEngine.all)
    func tokenCreationRetry(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, services in
            let login = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "token-1"]
            let first = try await api.call(.post, "/v1/orgs/acme/tokens", token: login, json: CreateToken(name: "ci"), headers: key)
            #expect(first.status == .created)
            let secret = try first.decode(CreatedToken.self).secret
            let retry = try await api.call(.post, "/v1/orgs/acme/tokens", token: login, json: CreateToken(name: "ci"), headers: key)
            #expect(retry.status == .conflict && retry.errorCode == "already_done")
            let tokens = try await api.call(.get, "/v1/orgs/acme/tokens", token: login).decode(Page<APIToken>.self)
            #expect(tokens.items.count == 1)
            let stored = try await services.database.withConnection { db in
                try await db.raw("SELECT response_body FROM idempotency_keys").all().map { try $0.decode(column: "response_body", as: String.self) }
            }
            #expect(stored.count == 1 && !stored.joined().contains(secret))
            // Signup and login are not tracked (their answers carry login tokens).
            _ = try await api.call(.post, "/v1/account/login", json: Credentials(email: "ada@example.com", password: "correct horse"), headers: key)
            let count = try await services.database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM idempotency_keys").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 1)
        }
    }
}
