import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

@Suite("MCP endpoint")
struct MCPEndpointTests {
    @Test("legacy eras: initialize negotiates each version, then tools/list and get_support in the session",
          arguments: TestEngine.all, ["2025-03-26", "2025-06-18", "2025-11-25"])
    func legacyVersions(engine: TestEngine, version: String) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let initialized = try await mcp.initialize(version)
            #expect(initialized.status == .ok)
            #expect(initialized.result?["protocolVersion"]?.stringValue == version)
            #expect(initialized.result?["serverInfo"]?["name"] == "acme-docs")
            #expect(initialized.result?["instructions"] == "Ask Acme.")
            let session = try #require(initialized.sessionID)
            // 2025-03-26 clients send no version header: the session's version is assumed.
            let header: String? = version == "2025-03-26" ? nil : version
            #expect(try await mcp.send(body: #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, headers: ["Mcp-Session-Id": session]).status == .accepted)
            let tools = try await mcp.legacy("tools/list", session: session, version: header)
            #expect(tools.result?["tools"]?.jsonText.contains("get_support") == true)
            #expect(tools.result?["tools"]?.jsonText.contains("Acme support team") == true)
            let call = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: session, version: header)
            #expect(call.status == .ok)
            #expect(call.toolText?.contains("ticket #1") == true, "\(call.text)")
            let ticket = try await mcp.api.call(.get, "/v1/orgs/acme/tickets/1", token: mcp.token).decode(APITicket.self)
            #expect(ticket.status == "open" && ticket.email == "ada@example.com" && ticket.sessionId == session)
            #expect(ticket.events?.map(\.kind) == ["created"])
            let shown = try await mcp.api.call(.get, "/v1/orgs/acme/sessions/\(session)", token: mcp.token).decode(APISession.self)
            #expect(shown.protocolVersion == version && shown.clientName == "harness" && shown.toolCalls?.map(\.tool) == ["get_support"])
            #expect(shown.toolCalls?.first?.arguments["email"] == "ada@example.com")
        }
    }

    @Test("an unknown version is answered with the newest legacy one; a session can be ended with DELETE", arguments: TestEngine.all)
    func negotiationAndDelete(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let initialized = try await mcp.initialize("2024-01-01")
            #expect(initialized.result?["protocolVersion"] == "2025-11-25")
            let session = try #require(initialized.sessionID)
            #expect(try await mcp.send(method: .delete, headers: ["Mcp-Session-Id": session]).status == .ok)
            let after = try await mcp.legacy("tools/list", session: session)
            #expect(after.status == .notFound && after.errorCode == -32001)
            #expect(try await mcp.send(method: .delete, headers: ["Mcp-Session-Id": session]).status == .notFound)
        }
    }

    @Test("modern era: stateless server/discover, tools/list with cache hints, get_support", arguments: TestEngine.all)
    func modernEra(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let discover = try await mcp.modern("server/discover")
            #expect(discover.status == .ok && discover.sessionID == nil)
            #expect(discover.result?["resultType"] == "complete")
            #expect(discover.result?["supportedVersions"]?.jsonText.contains("2026-07-28") == true)
            #expect(discover.result?["_meta"]?[ProtocolVersions.serverInfoMeta]?["name"] == "acme-docs" && discover.result?["serverInfo"] == nil && discover.result?["instructions"] == "Ask Acme.")
            #expect(discover.result?["ttlMs"] != nil && discover.result?["cacheScope"] != nil)
            let tools = try await mcp.modern("tools/list")
            #expect(tools.result?["ttlMs"] != nil && tools.result?["cacheScope"] == "public" && tools.result?["resultType"] == "complete")
            let call = try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments)
            #expect(call.toolText?.contains("ticket #1") == true, "\(call.text)")
            #expect(call.result?["_meta"]?[ProtocolVersions.serverInfoMeta]?["name"] == "acme-docs")
            // The same visitor and client: one end user, one session.
            _ = try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments)
            #expect(try await mcp.count("end_users") == 1)
            #expect(try await mcp.count("end_user_sessions") == 1)
            #expect(try await mcp.count("tool_calls") == 2)
        }
    }

    @Test("JSON and SSE answers follow Accept; GET is 405; notifications are 202", arguments: TestEngine.all)
    func transportShapes(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let session = try #require(try await mcp.initialize().sessionID)
            let sse = try await mcp.send(body: #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#,
                                         headers: ["Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25", "Accept": "text/event-stream"])
            #expect(sse.headers[.contentType] == "text/event-stream")
            #expect(sse.text.hasPrefix("event: message\ndata: {") && sse.text.contains("get_support"))
            let get = try await mcp.send(method: .get, headers: ["Mcp-Session-Id": session])
            #expect(get.status == .methodNotAllowed)
            #expect(try await mcp.send(body: #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}"#,
                                       headers: ["Mcp-Session-Id": session]).status == .accepted)
            let ping = try await mcp.legacy("ping", session: session)
            #expect(ping.result == [:])
        }
    }

    @Test("Accept is matched without regard to case; accepting neither JSON nor SSE is 406")
    func acceptHeader() throws {
        #expect(try ResponseFormat(accept: nil) == .json)
        #expect(try ResponseFormat(accept: "") == .json)
        #expect(try ResponseFormat(accept: "Application/JSON, text/event-stream") == .json)
        #expect(try ResponseFormat(accept: "*/*") == .json)
        #expect(try ResponseFormat(accept: "TEXT/Event-Stream") == .sse)
        #expect(try ResponseFormat(accept: "text/event-stream;q=0.9") == .sse)
        for refused in ["text/html", "application/xml, text/plain", "a"] {
            #expect(throws: MCPError.self) { try ResponseFormat(accept: refused) }
            do { _ = try ResponseFormat(accept: refused) } catch { #expect(error.status == .notAcceptable) }
        }
    }

    @Test("every error case of docs/MCP.md is a clear error, and the daemon stays healthy after each", arguments: TestEngine.all)
    func errorCases(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let session = try #require(try await mcp.initialize().sessionID)
            let cases: [(String, () async throws -> MCPHarness.Reply, HTTPResponse.Status, Int64?)] = [
                ("unknown session", { try await mcp.legacy("tools/list", session: "ses_unknown") }, .notFound, -32001),
                ("missing session", { try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#) }, .badRequest, -32600),
                ("unsupported legacy version", { try await mcp.legacy("tools/list", session: session, version: "1999-01-01") }, .badRequest, -32600),
                ("unsupported modern version", {
                    try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}"#,
                                       headers: ["MCP-Protocol-Version": "2099-01-01", "Mcp-Method": "tools/list"])
                }, .badRequest, -32022),
                ("version header mismatch", { try await mcp.modern("tools/list", headers: ["MCP-Protocol-Version": "2025-11-25"]) }, .badRequest, -32020),
                ("method header mismatch", { try await mcp.modern("tools/list", headers: ["Mcp-Method": "tools/call"]) }, .badRequest, -32020),
                ("name header mismatch", { try await mcp.modern("tools/call", name: "get_support", arguments: "{}", headers: ["Mcp-Name": "other"]) },
                 .badRequest, -32020),
                ("missing _meta capabilities", {
                    try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#,
                                       headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/list"])
                }, .badRequest, -32602),
                ("modern unknown method", { try await mcp.modern("resources/list") }, .notFound, -32601),
                ("batch", { try await mcp.send(body: #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, headers: ["Mcp-Session-Id": session]) }, .badRequest, -32600),
                ("bad JSON", { try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method""#, headers: ["Mcp-Session-Id": session]) }, .badRequest, -32700),
                ("body over the endpoint's limit", {
                    try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""# + String(repeating: "a", count: 1 << 20) + #""}}"#,
                                       headers: ["Mcp-Session-Id": session])
                }, .contentTooLarge, -32600),
                ("body over the listener's limit", {
                    try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""# + String(repeating: "a", count: 1 << 21) + #""}}"#,
                                       headers: ["Mcp-Session-Id": session])
                }, .contentTooLarge, -32600),
                ("bad Origin", { try await mcp.send(body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, headers: ["Mcp-Session-Id": session, "Origin": "https://evil.example"]) },
                 .forbidden, -32600),
                ("unknown slug", { try await mcp.send("/s/nobody-here/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#) }, .notFound, -32600),
                ("unknown host", { try await mcp.send("/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, host: "nobody-here.mcp.test") }, .notFound, -32600),
                ("unknown tool (legacy)", { try await mcp.legacy("tools/call", #"{"name":"drop_tables","arguments":{}}"#, session: session) }, .ok, -32602),
                ("unknown tool (modern)", { try await mcp.modern("tools/call", name: "drop_tables", arguments: "{}") }, .badRequest, -32602),
                ("unknown method (legacy)", { try await mcp.legacy("prompts/list", session: session) }, .ok, -32601),
            ]
            for (name, send, status, code) in cases {
                let reply = try await send()
                #expect(reply.status == status, "\(name): \(reply.status) \(reply.text.prefix(300))")
                #expect(reply.errorCode == code, "\(name): \(reply.text.prefix(300))")
                let healthy = try await mcp.legacy("ping", session: session)
                #expect(healthy.status == .ok && healthy.result == [:], "after \(name)")
            }
            let invalid = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"","email":"not-an-email"}}"#, session: session)
            #expect(invalid.status == .ok && invalid.result?["isError"] == true)
            let text = try #require(invalid.toolText)
            #expect(text.contains("'title' must not be empty") && text.contains("'problem_description' is required") && text.contains("'email' must be an email"))
            #expect(try await mcp.count("support_tickets") == 0)
            // Unknown tools and invalid arguments are recorded as failed calls; refused requests are not calls.
            let outcomes = try await mcp.services.database.withConnection { db in
                try await db.select().columns("tool", "outcome").from("tool_calls").orderBy("created_at").all()
                    .map { "\(try $0.decode(column: "tool", as: String.self)):\(try $0.decode(column: "outcome", as: String.self))" }
            }
            #expect(outcomes.sorted() == ["drop_tables:error", "drop_tables:error", "get_support:error"])
        }
    }

    @Test("addressing: the vhost and the path form, tracking-id paths, X-Forwarded-Host only from trusted proxies", arguments: TestEngine.all)
    func addressing(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            for path in ["/mcp", "/api/mcpserver/mcp"] {
                let vhost = try await mcp.send(path, body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#,
                                               host: "acme-docs.mcp.test:\(mcp.port)")
                #expect(vhost.status == .ok && vhost.sessionID != nil, "\(path): \(vhost.text)")
            }
            // Not a trusted proxy: the forwarded host is ignored.
            let forwarded = try await mcp.send("/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
                                               headers: ["X-Forwarded-Host": "acme-docs.mcp.test"], host: "127.0.0.1")
            #expect(forwarded.status == .notFound)
            let tracked = try await mcp.initialize(path: "/s/acme-docs/api/mcpserver/customer-42/mcp")
            let session = try #require(tracked.sessionID)
            let user = try await mcp.api.call(.get, "/v1/orgs/acme/users/customer-42", token: mcp.token).decode(APIEndUser.self)
            #expect(user.trackingIds == ["customer-42"] && user.sessions?.map(\.id) == [session])
        }
    }

    @Test("X-Forwarded-Host is honoured from a trusted proxy", arguments: [TestEngine.sqlite])
    func trustedProxy(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { $0.trustedProxies = [AddressRange(parsing: "127.0.0.1")!] }) { mcp in
            let forwarded = try await mcp.send("/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#,
                                               headers: ["X-Forwarded-Host": "acme-docs.mcp.test"], host: "internal:8080")
            #expect(forwarded.status == .ok && forwarded.sessionID != nil)
        }
    }

    @Test("the same tracking id in another organization is a different end user; admin views are per organization", arguments: TestEngine.all)
    func trackingIsolation(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let other = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@globex.test", slug: "globex")
            #expect(try await mcp.api.call(.post, "/v1/orgs/globex/servers", token: other,
                                           json: ServerFields(slug: "globex-docs", name: "Globex", productName: "Globex")).status == .created)
            for slug in ["acme-docs", "globex-docs"] {
                let path = "/s/\(slug)/api/mcpserver/shared-id/mcp"
                let session = try #require(try await mcp.initialize(path: path).sessionID)
                _ = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: session, path: path)
            }
            let acme = try await mcp.api.call(.get, "/v1/orgs/acme/users/shared-id", token: mcp.token).decode(APIEndUser.self)
            let globex = try await mcp.api.call(.get, "/v1/orgs/globex/users/shared-id", token: other).decode(APIEndUser.self)
            #expect(acme.id != globex.id)
            #expect(acme.ticketCount == 1 && globex.ticketCount == 1)
            // Both organizations' first ticket is #1: numbers are per organization.
            #expect(try await mcp.api.call(.get, "/v1/orgs/globex/tickets/1", token: other).decode(APITicket.self).endUserId == globex.id)
            // Nothing of acme is visible with globex's token, and the other way round.
            for path in ["/v1/orgs/acme/users", "/v1/orgs/acme/sessions", "/v1/orgs/acme/tickets", "/v1/orgs/acme/tickets/1",
                         "/v1/orgs/acme/users/\(acme.id)", "/v1/orgs/acme/sessions/\(acme.sessions?.first?.id ?? "")"] {
                #expect(try await mcp.api.call(.get, path, token: other).status == .notFound, "\(path)")
            }
            #expect(try await mcp.api.call(.get, "/v1/orgs/globex/users/\(acme.id)", token: other).status == .notFound)
            #expect(try await mcp.api.call(.get, "/v1/orgs/globex/sessions/\(acme.sessions?.first?.id ?? "")", token: other).status == .notFound)
            let globexTickets = try await mcp.api.call(.get, "/v1/orgs/globex/tickets", token: other).decode(Page<APITicket>.self)
            #expect(globexTickets.items.map(\.endUserId) == [globex.id])
        }
    }

    @Test("get_support asks for an email when none is known, then remembers the claimed one", arguments: TestEngine.all)
    func emailFlow(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let session = try #require(try await mcp.initialize().sessionID)
            let ask = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"t","problem_description":"d"}}"#, session: session)
            #expect(ask.result?["isError"] == false && ask.toolText?.contains("email") == true)
            #expect(try await mcp.count("support_tickets") == 0)
            _ = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"t","problem_description":"d","email":"bo@example.com"}}"#, session: session)
            let again = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"t2","problem_description":"d2"}}"#, session: session)
            #expect(again.toolText?.contains("#2") == true && again.toolText?.contains("bo@example.com") == true)
            let users = try await mcp.api.call(.get, "/v1/orgs/acme/users", token: mcp.token).decode(Page<APIEndUser>.self)
            #expect(users.items.map(\.email) == ["bo@example.com"] && users.items.first?.emailVerified == false)
            #expect(users.items.first?.toolCallCount == 3)
            // The same email again changes nothing; another one replaces the claimed email.
            for email in ["bo@example.com", "bo@another.example"] {
                let call = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"t","problem_description":"d","email":"\#(email)"}}"#,
                                                session: session)
                #expect(call.toolText?.contains(email) == true)
            }
            let later = try await mcp.api.call(.get, "/v1/orgs/acme/users", token: mcp.token).decode(Page<APIEndUser>.self)
            #expect(later.items.map(\.email) == ["bo@another.example"] && later.items.first?.toolCallCount == 5)
        }
    }

    @Test("a server in an auth mode this daemon cannot serve answers 503 and serves nothing anonymously", arguments: TestEngine.all)
    func unavailableAuthMode(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token,
                                           json: ServerFields(authMode: .collectEmail)).status == .ok)
            let refused = try await eventually(timeout: .seconds(5)) { try await mcp.initialize().status == .serviceUnavailable }
            #expect(refused)
            #expect(try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments).status == .serviceUnavailable)
            #expect(try await mcp.count("end_users") == 0)
            #expect(try await mcp.count("tool_calls") == 0)
        }
    }

    @Test("N concurrent tool calls write exactly N rows and N tickets numbered 1…N", arguments: TestEngine.all)
    func concurrentCalls(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let session = try #require(try await mcp.initialize().sessionID)
            let calls = 60
            let texts = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<calls {
                    group.addTask {
                        if index % 2 == 0 {
                            return try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: session).toolText ?? ""
                        }
                        return try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments).toolText ?? ""
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(texts.filter { $0.contains("ticket #") }.count == calls)
            #expect(try await mcp.count("tool_calls") == calls)
            #expect(try await mcp.count("support_tickets") == calls)
            let numbers = try await mcp.services.database.withConnection { db in
                try await db.select().column("number").from("support_tickets").all().map { try $0.decode(column: "number", as: Int64.self) }
            }
            #expect(Set(numbers) == Set(1...Int64(calls)))
        }
    }

    @Test("abuse limits: over a limit is 429 with a JSON-RPC error, the tool does not run and nothing is recorded", arguments: TestEngine.all)
    func abuseLimits(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { $0.mcpToolCallsPerMinutePerAddress = 3; $0.mcpTicketsPerHourPerAddress = 2 }) { mcp in
            let session = try #require(try await mcp.initialize().sessionID)
            let call = { try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: session) }
            #expect(try await call().status == .ok)
            #expect(try await call().status == .ok)
            let overTickets = try await call()
            #expect(overTickets.status == .tooManyRequests && overTickets.errorCode == -32000 && overTickets.headers[.retryAfter] != nil)
            #expect(try await mcp.count("support_tickets") == 2)
            #expect(try await mcp.count("tool_calls") == 2)
            let overCalls = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{}}"#, session: session)
            #expect(overCalls.status == .tooManyRequests)
            #expect(try await mcp.count("tool_calls") == 2)
            // tools/list is not a tool call and stays available.
            #expect(try await mcp.legacy("tools/list", session: session).status == .ok)
        }
    }
}
