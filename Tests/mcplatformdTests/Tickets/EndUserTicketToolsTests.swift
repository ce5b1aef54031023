import Foundation
import Shared
import Testing
@testable import mcplatformd

/// `get_my_tickets` and `reply_to_ticket`: an end user reads the team's public replies and
/// answers in their editor, on both engines and in both protocol eras.
@Suite("The end user's tickets over MCP")
struct EndUserTicketToolsTests {
    static let alice = "/s/acme-docs/api/mcpserver/alice-1/mcp"
    static let bob = "/s/acme-docs/api/mcpserver/bob-2/mcp"
    static let eras = ["legacy", "2026-07-28"]

    /// One `tools/call` in `era` on `path` (a legacy call opens its own session there).
    static func call(_ mcp: MCPHarness, _ era: String, _ path: String, _ tool: String, _ arguments: String) async throws -> JSONValue {
        let reply: MCPHarness.Reply
        if era == "legacy" {
            let session = try #require(try await mcp.initialize(path: path).sessionID)
            reply = try await mcp.legacy("tools/call", #"{"name":"\#(tool)","arguments":\#(arguments)}"#, session: session, path: path)
        } else {
            reply = try await mcp.modern("tools/call", name: tool, arguments: arguments, path: path)
        }
        return try #require(reply.result, "\(tool): \(reply.text)")
    }

    static func text(_ result: JSONValue) -> String {
        if case .array(let content)? = result["content"] { return content.first?["text"]?.stringValue ?? "" }
        return ""
    }

    static func deliveries(_ mcp: MCPHarness, _ type: String) async throws -> Int {
        try await mcp.api.call(.get, "/v1/orgs/acme/webhook-deliveries", token: mcp.token).decode(Page<APIWebhookDelivery>.self).items
            .filter { $0.eventType == type }.count
    }

    @Test("the team's public replies reach the end user; their reply is a public end-user message, reopens a resolved ticket, fires ticket.commented and reaches the feed; a closed ticket refuses",
          arguments: TestEngine.all, Self.eras)
    func conversation(engine: TestEngine, era: String) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let hook = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token,
                                              json: APIWebhookCreate(url: "https://hooks.example.com/x", events: [.ticketCommented, .ticketUpdated]))
            #expect(hook.status == .created)
            let opened = try await Self.call(mcp, era, Self.alice, "get_support", MCPHarness.supportArguments)
            #expect(Self.text(opened).contains("ticket #1"))
            let bobs = try await Self.call(mcp, era, Self.bob, "get_support", #"{"title":"Bob's","problem_description":"x","email":"bob@example.com"}"#)
            #expect(Self.text(bobs).contains("ticket #2"))

            let first = try await Self.call(mcp, era, Self.alice, "get_my_tickets", "{}")
            #expect(first["isError"] == false)
            #expect(first["structuredContent"]?["tickets"]?.arrayCount == 1, "only her own ticket: \(first)")
            #expect(first["structuredContent"]?["tickets"]?.first?["ticket_number"] == 1)
            #expect(first["structuredContent"]?["tickets"]?.first?["new_replies"] == [])
            #expect(Self.text(first).contains("#1 \"Build fails\" — open") && Self.text(first).contains("No new reply"), "\(Self.text(first))")

            // The team answers: an internal note (never shown) and a public reply (shown).
            for comment in [APITicketComment(body: "Internal: reproduced"), APITicketComment(body: "Try acme 1.4.2", visibility: ._public)] {
                #expect(try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, json: comment).status == .created)
            }
            #expect(try await TicketWorkflowTests.patch(mcp, "1", APITicketUpdate(status: .resolved)).status == .ok)
            let answered = try await Self.call(mcp, era, Self.alice, "get_my_tickets", "{}")
            let ticket = try #require(answered["structuredContent"]?["tickets"]?.first)
            #expect(ticket["status"] == "resolved")
            #expect(ticket["new_replies"]?.arrayCount == 1 && ticket["new_replies"]?.first?["message"] == "Try acme 1.4.2", "\(answered)")
            #expect(Self.text(answered).contains("1 new reply from the Acme team") && !Self.text(answered).contains("Internal"))

            // She answers: the resolved ticket reopens.
            let cursor = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=0", token: mcp.token).decode(APITicketEventBatch.self).cursor
            let (commentedBefore, updatedBefore) = (try await Self.deliveries(mcp, "ticket.commented"), try await Self.deliveries(mcp, "ticket.updated"))
            let replied = try await Self.call(mcp, era, Self.alice, "reply_to_ticket", #"{"ticket_number":1,"message":"Still fails with 1.4.2"}"#)
            #expect(replied["isError"] == false && replied["structuredContent"] == ["ticket_number": 1, "status": "open", "reopened": true], "\(replied)")
            #expect(Self.text(replied).contains("open again"))
            let shown = try await TicketWorkflowTests.ticket(mcp, "1")
            let events = try #require(shown.events)
            #expect(shown.status == "open")
            #expect(events.suffix(2).map(\.kind) == ["status_changed", "comment"])
            #expect(events.last?.visibility == "public" && events.last?.body == "Still fails with 1.4.2")
            #expect(events.suffix(2).allSatisfy { $0.actorEndUserId == shown.endUserId && $0.actorEmail == nil && $0.actorTokenId == nil })
            #expect(try await Self.deliveries(mcp, "ticket.commented") == commentedBefore + 1)
            #expect(try await Self.deliveries(mcp, "ticket.updated") == updatedBefore + 1)
            let feed = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=\(cursor)", token: mcp.token).decode(APITicketEventBatch.self)
            #expect(feed.items.map(\.kind) == ["status_changed", "comment"] && feed.items.last?.actorEndUserId == shown.endUserId)
            let caughtUp = try await Self.call(mcp, era, Self.alice, "get_my_tickets", "{}")
            #expect(caughtUp["structuredContent"]?["tickets"]?.first?["new_replies"] == [], "she wrote last")

            // Another end user's ticket, or none: "no such ticket", and nothing changes.
            for (path, arguments) in [(Self.bob, #"{"ticket_number":1,"message":"hijack"}"#), (Self.alice, #"{"ticket_number":99,"message":"x"}"#),
                                      (Self.alice, #"{"ticket_number":2,"message":"not mine"}"#)] {
                let refused = try await Self.call(mcp, era, path, "reply_to_ticket", arguments)
                #expect(refused["isError"] == true && Self.text(refused).contains("has no Acme support ticket"), "\(refused)")
                #expect(refused["structuredContent"] == nil)
            }
            // Bad arguments are a tool error before anything runs.
            for bad in [#"{"ticket_number":1}"#, #"{"ticket_number":"1","message":"x"}"#, #"{"ticket_number":0,"message":"x"}"#,
                        #"{"ticket_number":1,"message":""}"#, #"{"ticket_number":1,"message":"x","extra":1}"#] {
                #expect(try await Self.call(mcp, era, Self.alice, "reply_to_ticket", bad)["isError"] == true, "\(bad)")
            }
            #expect(try await Self.call(mcp, era, Self.alice, "get_my_tickets", #"{"limit":500}"#)["isError"] == true)
            #expect(try await TicketWorkflowTests.ticket(mcp, "1").events?.count == events.count)
            #expect(try await TicketWorkflowTests.ticket(mcp, "2").events?.count == 1)

            // A closed ticket takes no more messages: open a new one instead.
            #expect(try await TicketWorkflowTests.patch(mcp, "1", APITicketUpdate(status: .closed)).status == .ok)
            let closed = try await Self.call(mcp, era, Self.alice, "reply_to_ticket", #"{"ticket_number":1,"message":"again"}"#)
            #expect(closed["isError"] == true && Self.text(closed).contains("closed") && Self.text(closed).contains("get_support"), "\(closed)")
            #expect(try await TicketWorkflowTests.ticket(mcp, "1").status == "closed")
        }
    }

    @Test("only what the caller holds identifies them: a stateless anonymous visitor is refused, a legacy session sees its own tickets, a typed email proves nothing",
          arguments: TestEngine.all)
    func identification(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            // The stateless era's anonymous visitor opens a ticket, but cannot list or answer it.
            let visitorTicket = try await Self.call(mcp, "2026-07-28", "/s/acme-docs/mcp", "get_support", MCPHarness.supportArguments)
            #expect(Self.text(visitorTicket).contains("ticket #1"))
            for (tool, arguments) in [("get_my_tickets", "{}"), ("reply_to_ticket", #"{"ticket_number":1,"message":"x"}"#)] {
                let refused = try await Self.call(mcp, "2026-07-28", "/s/acme-docs/mcp", tool, arguments)
                #expect(refused["isError"] == true && Self.text(refused).contains("anonymous") && Self.text(refused).contains("email") && Self.text(refused).contains("ticket's page"), "\(tool): \(refused)")
            }
            #expect(try await TicketWorkflowTests.ticket(mcp, "1").events?.count == 1)

            // A legacy session's anonymous end user: the session holds the record.
            let session = try #require(try await mcp.initialize().sessionID)
            let call = { (session: String, tool: String, arguments: String) async throws -> JSONValue in
                try #require(try await mcp.legacy("tools/call", #"{"name":"\#(tool)","arguments":\#(arguments)}"#, session: session).result)
            }
            #expect(Self.text(try await call(session, "get_support", MCPHarness.supportArguments)).contains("ticket #2"))
            let own = try await call(session, "get_my_tickets", "{}")
            #expect(own["structuredContent"]?["tickets"]?.arrayCount == 1 && own["structuredContent"]?["tickets"]?.first?["ticket_number"] == 2, "\(own)")
            #expect(try await call(session, "reply_to_ticket", #"{"ticket_number":2,"message":"more"}"#)["isError"] == false)

            // Another session typing the same email is another end user: it sees only its own.
            let other = try #require(try await mcp.initialize().sessionID)
            #expect(try await call(other, "get_my_tickets", "{}")["structuredContent"]?["tickets"] == [])
            #expect(Self.text(try await call(other, "get_support", MCPHarness.supportArguments)).contains("ticket #3"))
            let theirs = try await call(other, "get_my_tickets", "{}")
            #expect(theirs["structuredContent"]?["tickets"]?.arrayCount == 1 && theirs["structuredContent"]?["tickets"]?.first?["ticket_number"] == 3)
            let refused = try await call(other, "reply_to_ticket", #"{"ticket_number":2,"message":"same email, other person"}"#)
            #expect(refused["isError"] == true, "\(refused)")
            #expect(try await TicketWorkflowTests.ticket(mcp, "2").events?.count == 2)
        }
    }

    @Test("the Python SDK reads a public reply with get_my_tickets and answers with reply_to_ticket; tickets show names the end user", arguments: TestEngine.all, Self.eras)
    func sdk(engine: TestEngine, era: String) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv with mcp 2.3.0: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "mcp_calls", withExtension: "py"))
        try await TicketsCLITests.withDesk(engine) { desk in
            let url = "http://127.0.0.1:\(desk.running.publicPort)/s/acme-docs/api/mcpserver/sdk-ada/mcp"
            func run(_ calls: String) async throws -> [[String: Any]] {
                let client = try await runDaemonCommand([script.path, url, era, calls], environment: ["HOME": desk.home.path], timeout: .seconds(120),
                                                        program: "python3-via-env-path:\(python)")
                #expect(client.status == 0, "\(client.stderr)")
                let output = try #require(try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any], "\(client.stdout)\n\(client.stderr)")
                #expect(output["tools"] as? [String] == ["get_support", "get_my_tickets", "reply_to_ticket"])
                return output["results"] as? [[String: Any]] ?? []
            }
            let opened = try await run(#"[["get_support", {"title": "SDK ticket", "problem_description": "It breaks.", "email": "ada@example.com"}]]"#)
            #expect((opened.first?["text"] as? String)?.contains("ticket #1") == true)
            #expect(try await desk.ctl(["tickets", "comment", "1", "--public", "--body", "Which version?"]).status == 0)
            let answered = try await run(#"[["get_my_tickets", {}], ["reply_to_ticket", {"ticket_number": 1, "message": "Version 2.0."}]]"#)
            #expect(answered.count == 2)
            let listed = try #require(answered.first?["structured"] as? [String: Any], "\(answered)")
            let ticket = try #require((listed["tickets"] as? [[String: Any]])?.first)
            #expect(((ticket["new_replies"] as? [[String: Any]])?.first?["message"] as? String) == "Which version?")
            #expect((answered.first?["text"] as? String)?.contains("Which version?") == true)
            let reply = try #require(answered.last?["structured"] as? [String: Any], "\(answered)")
            #expect(reply["ticket_number"] as? Int == 1 && reply["reopened"] as? Bool == false && answered.last?["is_error"] as? Bool == false)
            let timeline = try await desk.ctl(["tickets", "show", "1"])
            #expect(timeline.stdout.contains("end user wrote: Version 2.0. — end user "), "\(timeline.stdout)")
        }
    }
}
