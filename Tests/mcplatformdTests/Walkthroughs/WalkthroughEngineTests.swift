import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// Walkthrough delivery through the MCP endpoint, in process (the database is at hand to check
/// the history the tools write).
@Suite("Walkthrough delivery")
struct WalkthroughEngineTests {
    static func file(_ slug: String, steps: [String], status: String? = "published", servers: [String]? = ["acme-docs"], position: Int? = nil,
                     title: String? = nil) -> String {
        var text = "---\nslug: \(slug)\ntitle: \(title ?? slug.capitalized)\ntype: course\n"
        if let status { text += "status: \(status)\n" }
        if let servers { text += "servers: [\(servers.joined(separator: ", "))]\n" }
        if let position { text += "position: \(position)\n" }
        text += "---\n"
        for step in steps { text += "\n## Step \(step) {#\(step)}\n\nDo \(step).\n\n### Operations for agent\nrun \(step)\n" }
        return text
    }

    static func push(_ mcp: MCPHarness, _ files: [String: String], prune: Bool = false, source: String = "default") async throws -> APIWalkthroughPlan {
        let reply = try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/push", token: mcp.token,
                                           json: APIWalkthroughPush(source: source, prune: prune, dryRun: false,
                                                                    files: files.map { APIWalkthroughSource(path: "\($0.key).md", text: $0.value) }))
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(APIWalkthroughPlan.self)
    }

    /// A tool call as end user `user` (a tracking id) on `server`.
    static func call(_ mcp: MCPHarness, _ tool: String, _ arguments: String = "{}", user: String, server: String = "acme-docs") async throws -> String {
        let reply = try await mcp.modern("tools/call", name: tool, arguments: arguments, path: "/s/\(server)/api/mcpserver/\(user)/mcp")
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.toolText ?? ""
    }

    static func footer(_ text: String, _ field: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("\(field): ") }.map { String($0.dropFirst(field.count + 2)) }
    }

    @Test("offered only when published and enabled, listed in display order; switching, resuming and restarting land where they should",
          arguments: TestEngine.all)
    func seedBugs(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let tools = { () async throws -> [String] in
                guard case .array(let list)? = try await mcp.modern("tools/list").result?["tools"] else { return [] }
                return list.compactMap { $0["name"]?.stringValue }.sorted()
            }
            _ = try await Self.push(mcp, ["draft-only": Self.file("draft-only", steps: ["a"], status: "draft")])
            #expect(try await tools() == ["get_my_tickets", "get_support", "reply_to_ticket"], "a draft is not offered")
            _ = try await Self.push(mcp, [
                "draft-only": Self.file("draft-only", steps: ["a"], status: "draft"),
                "alpha": Self.file("alpha", steps: ["a1", "a2", "a3"], position: 2),
                "beta": Self.file("beta", steps: ["b1", "b2"], position: 0),
                "gamma": Self.file("gamma", steps: ["g1"], position: 1),
                "hidden": Self.file("hidden", steps: ["h1"], position: 3),
            ])
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/hidden/assign", token: mcp.token,
                                           json: APIWalkthroughAssign(server: "acme-docs", enabled: false)).status == .ok)
            #expect(await eventually(timeout: .seconds(5)) { (try? await tools()) == ["get_my_tickets", "get_next_step", "get_support", "reply_to_ticket", "start_walkthrough"] })

            let listing = try await Self.call(mcp, "start_walkthrough", user: "u1")
            let order = ["beta", "gamma", "alpha"].map { listing.range(of: "`\($0)`")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "display order: \(listing)")
            #expect(!listing.contains("hidden") && !listing.contains("draft-only"), "disabled and draft walkthroughs are not listed")

            // Two walkthroughs partly done; resuming each lands on its own step.
            _ = try await Self.call(mcp, "start_walkthrough", #"{"name":"ALPHA"}"#, user: "u1")
            #expect(Self.footer(try await Self.call(mcp, "get_next_step", user: "u1"), "current_step_id") == "alpha:a2")
            _ = try await Self.call(mcp, "start_walkthrough", #"{"name":"Beta"}"#, user: "u1")
            #expect(Self.footer(try await Self.call(mcp, "get_next_step", user: "u1"), "current_step_id") == "beta:b2")
            let resumed = try await Self.call(mcp, "start_walkthrough", #"{"name":"alpha"}"#, user: "u1")
            #expect(Self.footer(resumed, "current_step_id") == "alpha:a2" && Self.footer(resumed, "progress") == "33% (1 of 3 steps done)")
            #expect(Self.footer(try await Self.call(mcp, "get_next_step", user: "u1"), "current_step_id") == "alpha:a3", "the active one advances")
            let done = try await Self.call(mcp, "get_next_step", user: "u1")
            #expect(Self.footer(done, "complete") == "yes" && Self.footer(done, "progress") == "100% (3 of 3 steps done)")
            #expect(Self.footer(try await Self.call(mcp, "start_walkthrough", #"{"name":"beta"}"#, user: "u1"), "current_step_id") == "beta:b2")

            // Restart: a new run from the first step; the first run's completions stay, the new ones count.
            let restarted = try await Self.call(mcp, "start_walkthrough", #"{"name":"alpha","restart":true}"#, user: "u1")
            #expect(Self.footer(restarted, "current_step_id") == "alpha:a1" && Self.footer(restarted, "progress") == "0% (0 of 3 steps done)")
            _ = try await Self.call(mcp, "get_next_step", user: "u1")
            let runs = try await mcp.services.database.withConnection { db in
                try await db.raw("""
                    SELECT c.run, COUNT(*) AS n FROM walkthrough_step_completions c JOIN walkthroughs w ON w.id = c.walkthrough_id
                    WHERE w.slug = 'alpha' GROUP BY c.run ORDER BY c.run
                    """).all().map { (try $0.decode(column: "run", as: Int.self), try $0.decode(column: "n", as: Int.self)) }
            }
            #expect(runs.map(\.0) == [1, 2] && runs.map(\.1) == [3, 1], "history kept, re-run counted: \(runs)")
            #expect(try await Self.call(mcp, "start_walkthrough", #"{"name":"nope"}"#, user: "u1").contains("No walkthrough is named 'nope'"))
        }
    }

    @Test("progress is per end user, follows step keys across edits, wins with current_step_id, and is per server", arguments: TestEngine.all)
    func progressRules(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token, json: ServerFields(slug: "acme-two", name: "Two")).status == .created)
            _ = try await Self.push(mcp, ["one": Self.file("one", steps: ["s1", "s2", "s3"], servers: ["acme-docs", "acme-two"]),
                                          "two": Self.file("two", steps: ["t1", "t2"], servers: ["acme-two"])])
            _ = try await Self.call(mcp, "start_walkthrough", #"{"name":"one"}"#, user: "ada")
            _ = try await Self.call(mcp, "get_next_step", user: "ada")
            _ = try await Self.call(mcp, "start_walkthrough", #"{"name":"one"}"#, user: "bob")
            #expect(Self.footer(try await Self.call(mcp, "start_walkthrough", #"{"name":"one"}"#, user: "bob"), "current_step_id") == "one:s1",
                    "another end user has their own progress")

            // On server two, Ada works on another walkthrough; server one's active walkthrough is unaffected.
            _ = try await Self.call(mcp, "start_walkthrough", #"{"name":"two"}"#, user: "ada", server: "acme-two")
            _ = try await Self.call(mcp, "get_next_step", user: "ada", server: "acme-two")
            #expect(Self.footer(try await Self.call(mcp, "get_next_step", user: "ada"), "current_step_id") == "one:s3")

            // Edits: text changed and steps reordered; progress follows the keys.
            var edited = Self.file("one", steps: ["s3", "s1", "s2"], servers: ["acme-docs", "acme-two"])
            edited = edited.replacingOccurrences(of: "Do s3.", with: "Do s3, carefully.")
            let plan = try await Self.push(mcp, ["one": edited, "two": Self.file("two", steps: ["t1", "t2"], servers: ["acme-two"])])
            #expect(plan.items.first { $0.slug == "one" }?.action == "update")
            let after = try await Self.call(mcp, "start_walkthrough", #"{"name":"one"}"#, user: "ada")
            #expect(Self.footer(after, "current_step_id") == "one:s3" && after.contains("Do s3, carefully.") && Self.footer(after, "progress") == "66% (2 of 3 steps done)")

            // current_step_id wins over the stored state (e.g. when the visitor key changed).
            let jumped = try await Self.call(mcp, "get_next_step", #"{"current_step_id":"one:s1"}"#, user: "carol")
            #expect(Self.footer(jumped, "current_step_id") == "one:s2", "\(jumped)")
            #expect(try await Self.call(mcp, "get_next_step", #"{"current_step_id":"zzz:s1"}"#, user: "carol").contains("is not a step"))

            let user = try await mcp.api.call(.get, "/v1/orgs/acme/users/ada", token: mcp.token).decode(APIEndUser.self)
            let progress = try #require(user.walkthroughs)
            #expect(Set(progress.map(\.walkthroughSlug)) == ["one", "two"])
            #expect(progress.first { $0.walkthroughSlug == "one" }.map { ($0.completedSteps, $0.totalSteps) } ?? (0, 0) == (2, 3))
        }
    }

    @Test("the daemon validates a push again: an invalid file anywhere writes nothing; servers must exist; sources never collide", arguments: TestEngine.all)
    func pushValidation(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let push = { (files: [String: String], source: String) in
                try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/push", token: mcp.token,
                                       json: APIWalkthroughPush(source: source, prune: false, dryRun: false,
                                                                files: files.map { APIWalkthroughSource(path: "\($0.key).md", text: $0.value) }))
            }
            let invalid = try await push(["good": Self.file("good", steps: ["a"]), "bad": "---\ntitle: Bad\n---\n## A\n"], "default")
            #expect(invalid.status == .unprocessableContent && invalid.errorMessage?.contains("bad.md:1:") == true, "\(invalid.errorMessage ?? "")")
            let unknownServer = try await push(["good": Self.file("good", steps: ["a"], servers: ["elsewhere"])], "default")
            #expect(unknownServer.status == .unprocessableContent && unknownServer.errorMessage?.contains("no server 'elsewhere'") == true)
            #expect(try await mcp.count("walkthroughs") == 0)
            #expect(try await push(["good": Self.file("good", steps: ["a"])], "default").status == .ok)
            let taken = try await push(["good": Self.file("good", steps: ["a", "b"])], "partner")
            #expect(taken.status == .conflict && taken.errorMessage?.contains("--source default") == true)
            #expect(try await push(["x": Self.file("x", steps: ["a"])], "Not A Label").status == .unprocessableContent)
            #expect(try await mcp.count("walkthrough_steps") == 1)
        }
    }

    @Test("isolation: another organization sees and changes none of these walkthroughs; completing one is a walkthrough.completed event",
          arguments: TestEngine.all)
    func isolationAndEvent(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let hook = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token,
                                              json: APIWebhookCreate(url: "https://hooks.example.com/w", events: [.walkthroughCompleted]))
            #expect(hook.status == .created)
            _ = try await Self.push(mcp, ["solo": Self.file("solo", steps: ["only"])])
            _ = try await Self.call(mcp, "start_walkthrough", user: "finisher")
            #expect(Self.footer(try await Self.call(mcp, "get_next_step", user: "finisher"), "complete") == "yes")
            let events = try await mcp.api.call(.get, "/v1/orgs/acme/webhook-deliveries", token: mcp.token).decode(Page<APIWebhookDelivery>.self).items
            #expect(events.map(\.eventType) == ["walkthrough.completed"])
            _ = try await Self.call(mcp, "get_next_step", user: "finisher")
            #expect(try await mcp.count("webhook_deliveries") == 1, "completed once, announced once")

            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            for (method, path) in [(HTTPRequest.Method.get, "/v1/orgs/acme/walkthroughs"), (.get, "/v1/orgs/beta/walkthroughs/solo"),
                                   (.delete, "/v1/orgs/beta/walkthroughs/solo"), (.post, "/v1/orgs/beta/walkthroughs/solo/publish"),
                                   (.get, "/v1/orgs/beta/walkthroughs/solo/render")] {
                #expect(try await mcp.api.call(method, path, token: beta).status == .notFound, "\(method) \(path)")
            }
            #expect(try await mcp.api.call(.get, "/v1/orgs/beta/walkthroughs", token: beta).decode(Page<APIWalkthrough>.self).items.isEmpty)
            let pushed = try await mcp.api.call(.post, "/v1/orgs/beta/walkthroughs/push", token: beta,
                                                json: APIWalkthroughPush(source: "default", prune: true, dryRun: false,
                                                                         files: [APIWalkthroughSource(path: "solo.md", text: Self.file("solo", steps: ["x"], servers: nil))]))
            #expect(try pushed.decode(APIWalkthroughPlan.self).items.map(\.action) == ["create"], "the same slug in another organization is another walkthrough")
            let ours = try await mcp.api.call(.get, "/v1/orgs/acme/walkthroughs/solo", token: mcp.token).decode(APIWalkthrough.self)
            #expect(ours.steps?.map(\.key) == ["only"] && ours.status == "published")
        }
    }
}
