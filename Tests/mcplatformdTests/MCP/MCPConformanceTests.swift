import Foundation
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

/// Protocol conformance without asterisks (docs/MCP.md "Conformance"): the content type of a
/// POST, JSON members in declaration order, era-correct `server/discover` and `initialize`
/// results, tool annotations, `outputSchema` with matching `structuredContent`, and default
/// instructions.
@Suite("MCP conformance")
struct MCPConformanceTests {
    /// A server offering every tool: one published walkthrough and one indexed document.
    static func offerEverything(_ mcp: MCPHarness) async throws {
        _ = try await WalkthroughEngineTests.push(mcp, ["setup": WalkthroughEngineTests.file("setup", steps: ["install", "verify"])])
        let upload = try await mcp.api.call(.post, "/v1/orgs/acme/docs/upload", token: mcp.token,
                                            json: APIDocumentUpload(server: "acme-docs", documents: [DocsAPITests.file("guide/flux.md", "# Flux\n\n## Power\n\nThe flux capacitor needs 1.21 gigawatts.")]))
        #expect(upload.status == .ok || upload.status == .created, "\(String(decoding: upload.body, as: UTF8.self))")
        try await DocsAPITests.indexPending(mcp.services)
        #expect(await eventually(timeout: .seconds(5)) { (try? await Self.toolNames(mcp))?.count == 6 })
    }

    static func toolNames(_ mcp: MCPHarness) async throws -> [String] {
        guard case .array(let list)? = try await mcp.modern("tools/list").result?["tools"] else { return [] }
        return list.compactMap { $0["name"]?.stringValue }
    }

    @Test("a POST whose body is not declared JSON is 415 and runs nothing; JSON with parameters or in any case is served", arguments: TestEngine.all)
    func contentType(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let call = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_support","arguments":\#(MCPHarness.supportArguments),"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}"#
            let modernHeaders = ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"]
            for type in ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                         "application/jsonx", "json", ""] {
                let reply = try await mcp.send(body: call, headers: modernHeaders.merging(["Content-Type": type]) { $1 })
                #expect(reply.status == .unsupportedMediaType, "\(type): \(reply.status)")
                #expect(reply.errorCode == Int64(MCPError.invalidRequest) && reply.json["error"]?["message"] == "Content-Type must be application/json")
                #expect(reply.headers[.contentType] == "application/json")
            }
            // Legacy initialize too: no session is created by a cross-site form post.
            let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}"#
            let refused = try await mcp.send(body: initialize, headers: ["Content-Type": "text/plain"])
            #expect(refused.status == .unsupportedMediaType && refused.sessionID == nil)
            #expect(try await mcp.count("tool_calls") == 0)
            #expect(try await mcp.count("support_tickets") == 0)
            #expect(try await mcp.count("end_user_sessions") == 0)
            for type in ["application/json; charset=utf-8", "Application/JSON", " application/json "] {
                let reply = try await mcp.send(body: call, headers: modernHeaders.merging(["Content-Type": type]) { $1 })
                #expect(reply.status == .ok, "\(type): \(reply.text)")
            }
            #expect(try await mcp.count("support_tickets") == 3)
        }
    }

    @Test("JSON members come in declaration order: the envelope, results and schemas, the same text every time", arguments: TestEngine.all)
    func memberOrder(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let first = try await mcp.modern("tools/list")
            #expect(first.text.hasPrefix(#"{"jsonrpc":"2.0","id":7,"result":{"tools":[{"name":"get_support","title":"Get Acme support","description":"#), "\(first.text)")
            for _ in 0..<5 { #expect(try await mcp.modern("tools/list").text == first.text) }
            // Schema properties as the tool declares them, then the schema's own keywords.
            let order = ["\"inputSchema\":{\"type\":\"object\",\"properties\":{\"title\":", "\"problem_description\":", "\"problem_context\":", "\"email\":",
                         "\"required\":[\"title\",\"problem_description\"]", "\"outputSchema\":", "\"annotations\":{\"title\":", "\"readOnlyHint\":",
                         "\"destructiveHint\":", "\"idempotentHint\":", "\"openWorldHint\":", "\"resultType\":\"complete\"", "\"_meta\":", "\"ttlMs\":", "\"cacheScope\":"]
            let positions = order.map { first.text.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(first.text)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(first.text)")
            // Errors: jsonrpc, id, error; code before message.
            let error = try await mcp.modern("nope/nope")
            #expect(error.text.hasPrefix(#"{"jsonrpc":"2.0","id":7,"error":{"code":-32601,"message":"#), "\(error.text)")
            // A tool result: content, structuredContent, isError, then the era's members.
            let call = try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments)
            #expect(call.text.hasPrefix(#"{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"#), "\(call.text)")
            #expect(call.text.contains(#""structuredContent":{"opened":true,"ticket_number":1,"status":"open","reply_to":"ada@example.com"},"isError":false,"resultType":"complete""#),
                    "\(call.text)")
            // Legacy answers too.
            let initialized = try await mcp.initialize()
            #expect(initialized.text.hasPrefix(#"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":"#), "\(initialized.text)")
        }
    }

    @Test("server/discover has the 2026-07-28 shape (server info in _meta); initialize keeps the legacy shape", arguments: TestEngine.all)
    func resultShapes(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let discover = try #require(try await mcp.modern("server/discover").result?.objectValue)
            #expect(Set(discover.keys) == ["supportedVersions", "capabilities", "instructions", "resultType", "_meta", "ttlMs", "cacheScope"])
            #expect(discover["serverInfo"] == nil)
            #expect(discover["_meta"]?[ProtocolVersions.serverInfoMeta]?["name"] == "acme-docs")
            #expect(discover["_meta"]?[ProtocolVersions.serverInfoMeta]?["title"] == "Acme Docs")
            #expect(discover["supportedVersions"] == .array(ProtocolVersions.all.map { .string($0) }))
            #expect(discover["resultType"] == "complete" && discover["cacheScope"] == "public" && discover["ttlMs"] == .int(MCPDispatcher.listTTLMillis))
            #expect(discover["instructions"] == "Ask Acme.")
            for version in ProtocolVersions.legacy {
                let initialize = try #require(try await mcp.initialize(version).result?.objectValue)
                #expect(Set(initialize.keys) == ["protocolVersion", "capabilities", "serverInfo", "instructions"], "\(version)")
                #expect(initialize["serverInfo"]?["name"] == "acme-docs" && initialize["protocolVersion"] == .string(version))
            }
        }
    }

    @Test("without instructions of its own, a server gets a default naming the product and the tools it offers", arguments: TestEngine.all)
    func defaultInstructions(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            // The daemon reads server settings through a cache of a few seconds: poll.
            func discovered() async -> String { (try? await mcp.modern("server/discover").result?["instructions"]?.stringValue) ?? "" }
            let onlySupport = "Help the user with Acme. Use `get_support` to open a support ticket with the Acme team when the user is stuck, "
                + "`get_my_tickets` to see the user's tickets and the team's replies and `reply_to_ticket` to answer the team on an existing ticket."
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(instructions: "")).status == .ok)
            #expect(await eventually(timeout: .seconds(10)) { await discovered() == onlySupport })
            try await Self.offerEverything(mcp)
            let all = "Help the user with Acme. Use `get_support` to open a support ticket with the Acme team when the user is stuck, "
                + "`get_my_tickets` to see the user's tickets and the team's replies, `reply_to_ticket` to answer the team on an existing ticket, "
                + "`start_walkthrough` to guide the user through a Acme walkthrough step by step, `get_next_step` to move on once the user has "
                + "finished a step and `search_docs` to search the Acme documentation before answering."
            #expect(await eventually(timeout: .seconds(10)) { await discovered() == all })
            #expect(try await mcp.initialize().result?["instructions"] == .string(all))
            // Whitespace only counts as none; the server's own text is returned as written.
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(instructions: "Be brief.")).status == .ok)
            #expect(await eventually(timeout: .seconds(10)) { await discovered() == "Be brief." })
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(instructions: "  \n")).status == .ok)
            #expect(await eventually(timeout: .seconds(10)) { await discovered() == all })
        }
    }

    /// The hints each tool must give (docs/MCP.md "Tools").
    static let hints: [String: (readOnly: Bool, destructive: Bool, idempotent: Bool, openWorld: Bool)] = [
        "get_support": (false, false, false, true),
        "reply_to_ticket": (false, false, false, true),
        "get_my_tickets": (true, false, true, false),
        "search_docs": (true, false, true, false),
        "start_walkthrough": (false, false, false, false),
        "get_next_step": (false, false, false, false),
    ]

    @Test("every tool carries a title and the four hints; outputSchema and title from 2025-06-18 on", arguments: TestEngine.all)
    func annotations(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.offerEverything(mcp)
            let session = try #require(try await mcp.initialize("2025-03-26").sessionID)
            let eras: [(name: String, list: MCPHarness.Reply, structured: Bool)] = [
                ("2026-07-28", try await mcp.modern("tools/list"), true),
                ("2025-11-25", try await mcp.legacy("tools/list", session: try #require(try await mcp.initialize("2025-11-25").sessionID)), true),
                ("2025-06-18", try await mcp.legacy("tools/list", session: try #require(try await mcp.initialize("2025-06-18").sessionID), version: "2025-06-18"), true),
                ("2025-03-26", try await mcp.legacy("tools/list", session: session, version: "2025-03-26"), false),
            ]
            for era in eras {
                guard case .array(let tools)? = era.list.result?["tools"] else {
                    Issue.record("\(era.name): no tools in \(era.list.text)")
                    continue
                }
                #expect(Set(tools.compactMap { $0["name"]?.stringValue }) == Set(Self.hints.keys), "\(era.name)")
                for tool in tools {
                    let name = tool["name"]?.stringValue ?? "?"
                    let annotations = try #require(tool["annotations"]?.objectValue, "\(era.name) \(name)")
                    let hints = try #require(Self.hints[name])
                    #expect(annotations["readOnlyHint"] == .bool(hints.readOnly) && annotations["destructiveHint"] == .bool(hints.destructive)
                            && annotations["idempotentHint"] == .bool(hints.idempotent) && annotations["openWorldHint"] == .bool(hints.openWorld),
                            "\(era.name) \(name): \(annotations)")
                    #expect(annotations["title"]?.stringValue?.isEmpty == false)
                    #expect((tool["title"] != nil) == era.structured && (tool["outputSchema"] != nil) == era.structured, "\(era.name) \(name)")
                    if era.structured {
                        #expect(tool["title"] == annotations["title"])
                        #expect(tool["outputSchema"]?["type"] == "object")
                    }
                }
            }
        }
    }

    @Test("structuredContent validates against outputSchema (checked by jsonschema), in every case; 2025-03-26 and errors get none",
          arguments: TestEngine.all)
    func structuredOutput(engine: TestEngine) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        try await withMCPEndpoint(engine) { mcp in
            try await Self.offerEverything(mcp)
            guard case .array(let tools)? = try await mcp.modern("tools/list").result?["tools"] else {
                Issue.record("no tools")
                return
            }
            var schemas: [String: JSONValue] = [:]
            for tool in tools { schemas[tool["name"]?.stringValue ?? "?"] = tool["outputSchema"] }
            let path = "/s/acme-docs/api/mcpserver/structured-user/mcp"
            let calls: [(name: String, tool: String, arguments: String)] = [
                ("ask for an email", "get_support", #"{"title":"Stuck","problem_description":"It fails."}"#),
                ("ticket", "get_support", MCPHarness.supportArguments),
                ("my tickets", "get_my_tickets", "{}"),
                ("reply", "reply_to_ticket", #"{"ticket_number":1,"message":"More details: it fails on Linux only."}"#),
                ("listing", "start_walkthrough", "{}"),
                ("step", "start_walkthrough", #"{"name":"setup"}"#),
                ("next step", "get_next_step", "{}"),
                ("complete", "get_next_step", "{}"),
                ("complete again", "start_walkthrough", #"{"name":"setup"}"#),
                ("hits", "search_docs", #"{"query":"flux capacitor"}"#),
                ("no hits", "search_docs", #"{"query":"zebra"}"#),
            ]
            var pairs: [JSONValue] = []
            var results: [String: JSONValue] = [:]
            for call in calls {
                let reply = try await mcp.modern("tools/call", name: call.tool, arguments: call.arguments, path: path)
                let structured = try #require(reply.result?["structuredContent"], "\(call.name): \(reply.text)")
                #expect(reply.result?["isError"] == false)
                results[call.name] = structured
                pairs.append(["name": .string(call.name), "schema": try #require(schemas[call.tool]), "instance": structured])
            }
            #expect(results["ask for an email"] == ["opened": false, "missing": ["email"]])
            #expect(results["ticket"]?["ticket_number"] == 1 && results["ticket"]?["status"] == "open")
            #expect(results["my tickets"]?["tickets"]?.first?["ticket_number"] == 1 && results["my tickets"]?["tickets"]?.first?["new_replies"] == [])
            #expect(results["reply"] == ["ticket_number": 1, "status": "open", "reopened": false])
            #expect(results["listing"]?["walkthroughs"] == nil, "one walkthrough is started, not listed")
            #expect(results["step"]?["current_step_id"] == "setup:install" && results["step"]?["step"]?["number"] == 1)
            #expect(results["next step"]?["current_step_id"] == "setup:verify" && results["next step"]?["progress"]?["completed"] == 1)
            #expect(results["complete"]?["complete"] == true && results["complete"]?["progress"]?["percent"] == 100)
            #expect(results["hits"]?["results"]?.arrayCount == 1)
            #expect(results["hits"]?["results"]?.first?["document"] == "Flux" && results["hits"]?["results"]?.first?["path"] == "guide/flux.md")
            #expect(results["hits"]?["results"]?.first?["heading"] == "Flux › Power")
            #expect(results["no hits"]?["results"] == [])
            // A listing appears with two walkthroughs.
            _ = try await WalkthroughEngineTests.push(mcp, ["setup": WalkthroughEngineTests.file("setup", steps: ["install", "verify"]),
                                                            "tour": WalkthroughEngineTests.file("tour", steps: ["look"])])
            let listing = try await mcp.modern("tools/call", name: "start_walkthrough", arguments: "{}", path: path)
            let listed = try #require(listing.result?["structuredContent"])
            #expect(listed["walkthroughs"]?.arrayCount == 2 && listed["walkthroughs"]?.first?["status"] == "completed", "\(listing.text)")
            pairs.append(["name": "listing of two", "schema": try #require(schemas["start_walkthrough"]), "instance": listed])

            // jsonschema, an independent validator, checks every pair.
            let script = try #require(Bundle.module.url(forResource: "validate_schema", withExtension: "py"))
            let run = try await runDaemonCommand([script.path], environment: ["HOME": "/tmp"], program: "python3-via-env-path:\(python)",
                                                 stdin: JSONValue.array(pairs).jsonText)
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains(#""checked": \#(pairs.count)"#), "\(run.stdout)")

            // Errors carry no structuredContent; nor does an era that does not know it.
            let invalid = try await mcp.modern("tools/call", name: "search_docs", arguments: #"{"query":""}"#)
            #expect(invalid.result?["isError"] == true && invalid.result?["structuredContent"] == nil, "\(invalid.text)")
            let old = try #require(try await mcp.initialize("2025-03-26").sessionID)
            let oldCall = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: old, version: "2025-03-26")
            #expect(oldCall.result?["isError"] == false && oldCall.result?["structuredContent"] == nil, "\(oldCall.text)")
            let newer = try #require(try await mcp.initialize("2025-06-18").sessionID)
            let newerCall = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: newer, version: "2025-06-18")
            #expect(newerCall.result?["structuredContent"]?["opened"] == true, "\(newerCall.text)")
        }
    }
}

extension JSONValue {
    /// The number of elements of an array (nil for other values).
    var arrayCount: Int? {
        if case .array(let values) = self { return values.count }
        return nil
    }

    /// The first element of an array.
    var first: JSONValue? {
        if case .array(let values) = self { return values.first }
        return nil
    }
}
