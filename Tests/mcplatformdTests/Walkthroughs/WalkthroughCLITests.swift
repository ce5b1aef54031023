import Foundation
import Shared
import Testing
@testable import mcplatformd

/// Walkthroughs as code through mcpctl against the real daemon, delivered to the Python SDK.
@Suite("mcpctl walkthroughs against the daemon")
struct WalkthroughCLITests {
    static let gettingStarted = """
        ---
        title: Getting started with Acme
        description: Install the SDK and make your first call.
        type: quickstart
        status: published
        servers: [acme-docs]
        ---

        ## Install the SDK {#install}

        Run the installer for your platform.

        ### Introduction for agent
        Goal: the SDK is installed.

        ### Context for agent
        The SDK supports Python 3.10+.

        ### Operations for agent
        pip install acme

        ## Configure {#configure}

        Set ACME_KEY in your shell.

        ### Operations for agent
        export ACME_KEY=...

        ## First call {#first-call}

        Call the ping endpoint.
        """

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func minimal(_ slug: String, status: String?) -> String {
        "---\nslug: \(slug)\ntitle: \(slug.capitalized)\ntype: course\n\(status.map { "status: \($0)\n" } ?? "")---\n\n## Only step {#only}\n\nDo it.\n"
    }

    @Test("push, re-push no-op, diff 0 then 1 with a unified diff, pull round trip, invalid files write nothing, ownership, sources",
          arguments: TestEngine.all)
    func asCode(engine: TestEngine) async throws {
        try await TicketsCLITests.withDesk(engine) { desk in
            let repo = desk.home.appendingPathComponent("repo")
            try Self.write(Self.gettingStarted, to: repo.appendingPathComponent("getting-started.md"))
            try Self.write(Self.minimal("advanced", status: nil), to: repo.appendingPathComponent("guides/advanced.md"))
            try Self.write(Self.minimal("troubleshooting", status: "draft"), to: repo.appendingPathComponent("guides/troubleshooting.md"))
            let push = { (arguments: [String]) async throws -> (Int32, String, String) in
                let result = try await desk.ctl(["walkthroughs", "push"] + arguments)
                return (result.status, result.stdout, result.stderr)
            }
            let first = try await push([repo.path])
            #expect(first.0 == 0 && first.1.contains("applied: 3 created, 0 updated, 0 unchanged, 0 deleted"), "\(first.1)\(first.2)")
            let again = try await push([repo.path])
            #expect(again.1.contains("applied: 0 created, 0 updated, 3 unchanged, 0 deleted"), "re-pushing is a no-op: \(again.1)")
            #expect(try await desk.ctl(["walkthroughs", "diff", repo.path]).status == 0)

            // An edit: diff exits 1 with a unified diff of the step; push applies it.
            try Self.write(Self.gettingStarted.replacingOccurrences(of: "Set ACME_KEY in your shell.", with: "Set ACME_KEY in your profile."),
                           to: repo.appendingPathComponent("getting-started.md"))
            let diff = try await desk.ctl(["walkthroughs", "diff", repo.path])
            #expect(diff.status == 1 && diff.stdout.contains("-Set ACME_KEY in your shell.") && diff.stdout.contains("+Set ACME_KEY in your profile."),
                    "\(diff.stdout)\(diff.stderr)")
            #expect(diff.stdout.contains("@@ ") && diff.stdout.contains("~ update getting-started"))
            #expect(try await push([repo.path]).1.contains("1 updated"))
            #expect(try await desk.ctl(["walkthroughs", "diff", repo.path]).status == 0)
            #expect(try await desk.ctl(["walkthroughs", "diff", desk.home.appendingPathComponent("missing").path]).status == 2, "failures are never 1")

            // pull writes files that push back as a no-op.
            let pulled = desk.home.appendingPathComponent("pulled")
            #expect(try await desk.ctl(["walkthroughs", "pull", pulled.path]).status == 0)
            #expect(try await push([pulled.path]).1.contains("applied: 0 created, 0 updated, 3 unchanged"))

            // An invalid file anywhere: every problem with file and line, and nothing changes.
            try Self.write("---\ntitle: Broken\n---\n## Step\n", to: repo.appendingPathComponent("guides/broken.md"))
            try Self.write(Self.gettingStarted.replacingOccurrences(of: "Call the ping endpoint.", with: "Call /v2/ping."),
                           to: repo.appendingPathComponent("getting-started.md"))
            let refused = try await push([repo.path])
            #expect(refused.0 == 2 && refused.2.contains("guides/broken.md:1: the front matter needs a `type`"), "\(refused.2)")
            let stored = try await desk.json(APIWalkthrough.self, ["walkthroughs", "show", "getting-started"])
            #expect(stored.steps?.last?.content == "Call the ping endpoint.", "nothing was written")
            try FileManager.default.removeItem(at: repo.appendingPathComponent("guides/broken.md"))
            #expect(try await push([repo.path]).0 == 0)

            // Ownership: the file with `status: draft` wins over a CLI publish; the file without it does not.
            let publish = try await desk.ctl(["walkthroughs", "publish", "troubleshooting"])
            #expect(publish.status == 0 && publish.stderr.contains("warning:") && publish.stderr.contains("status"), "\(publish.stderr)")
            let back = try await push([repo.path])
            #expect(back.1.contains("troubleshooting") && back.1.contains("status published → draft"), "\(back.1)")
            #expect(try await desk.json(APIWalkthrough.self, ["walkthroughs", "show", "troubleshooting"]).status == "draft")
            let quiet = try await desk.ctl(["walkthroughs", "publish", "advanced"])
            #expect(quiet.status == 0 && !quiet.stderr.contains("warning"))
            #expect(try await push([repo.path]).1.contains("= unchanged advanced"))
            #expect(try await desk.json(APIWalkthrough.self, ["walkthroughs", "show", "advanced"]).status == "published")

            // Two sources never prune each other.
            let partner = desk.home.appendingPathComponent("partner")
            try Self.write(Self.minimal("partner-guide", status: "published"), to: partner.appendingPathComponent("partner-guide.md"))
            #expect(try await push([partner.path, "--source", "partner", "--prune"]).1.contains("1 created, 0 updated, 0 unchanged, 0 deleted"))
            try FileManager.default.removeItem(at: repo.appendingPathComponent("guides/advanced.md"))
            let pruned = try await push([repo.path, "--prune"])
            #expect(pruned.1.contains("- delete advanced") && !pruned.1.contains("partner-guide"), "\(pruned.1)")
            #expect(try await desk.json([APIWalkthrough].self, ["walkthroughs", "list"]).map(\.slug).sorted() == ["getting-started", "partner-guide", "troubleshooting"])
            let dryRun = try await push([partner.path, "--source", "partner", "--prune", "--dry-run"])
            #expect(dryRun.1.contains("plan: 0 created, 0 updated, 1 unchanged, 0 deleted"))

            // Render: tags in order, the footer as if the steps before were done.
            let render = try await desk.ctl(["walkthroughs", "render", "getting-started", "--step", "configure"])
            #expect(render.stdout.contains("## Step 2 of 3: Configure") && render.stdout.contains("progress: 33% (1 of 3 steps done)"))
            #expect(render.stdout.contains("current_step_id: getting-started:configure"))
            #expect(try await desk.ctl(["walkthroughs", "render", "getting-started", "--step", "nope"]).status == 3)
            #expect(try await desk.ctl(["walkthroughs", "assign", "troubleshooting", "--server", "no-such"]).status == 2)
        }
    }

    @Test("the Python SDK client walks a walkthrough to completion; the text has the tags in order and the footer's progress; two users independent",
          arguments: TestEngine.all)
    func sdkWalk(engine: TestEngine) async throws {
        let python = try #require(MCPInteropTests.python, "no Python venv with mcp 2.3.0: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "mcp_walkthrough", withExtension: "py"))
        try await TicketsCLITests.withDesk(engine) { desk in
            try Self.write(Self.gettingStarted, to: desk.home.appendingPathComponent("wt/getting-started.md"))
            #expect(try await desk.ctl(["walkthroughs", "push", desk.home.appendingPathComponent("wt").path]).status == 0)
            let walk = { (user: String, steps: Int, name: String, server: String) async throws -> [String: Any] in
                let url = "http://127.0.0.1:\(desk.running.publicPort)/s/\(server)/api/mcpserver/\(user)/mcp"
                let run = try await runDaemonCommand([script.path, url, name, "\(steps)"], environment: ["HOME": desk.home.path],
                                                     timeout: .seconds(120), program: "python3-via-env-path:\(python)")
                #expect(run.status == 0, "\(run.stderr)")
                return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
            }
            let partial = try await walk("user-b", 1, "Getting started with ACME", "acme-docs")
            let full = try await walk("user-a", 100, "Getting started with ACME", "acme-docs")
            #expect(full["tools"] as? [String] == ["get_my_tickets", "get_next_step", "get_support", "reply_to_ticket", "start_walkthrough"])
            let texts = try #require(full["texts"] as? [String])
            #expect(texts.count == 4, "three steps and the completion")
            let first = texts[0]
            let tags = ["<step_information_and_objectives>", "<background_information_context>", "<operations_to_perform>", "<step_content>"]
            let positions = tags.map { first.range(of: "\n\($0)\n")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! }, "tags in order: \(first)")
            #expect(first.hasPrefix("# Getting started with Acme\n\n## Step 1 of 3: Install the SDK"))
            #expect(texts.map { WalkthroughEngineTests.footer($0, "progress") } == ["0% (0 of 3 steps done)", "33% (1 of 3 steps done)",
                                                                                     "66% (2 of 3 steps done)", "100% (3 of 3 steps done)"])
            #expect(WalkthroughEngineTests.footer(texts[3], "complete") == "yes")
            let rendered = try await desk.ctl(["walkthroughs", "render", "getting-started"])
            #expect(rendered.stdout == first, "mcpctl render shows exactly what the agent got")

            // The other end user is where they left off.
            let partialTexts = try #require(partial["texts"] as? [String])
            #expect(partialTexts.count == 2 && WalkthroughEngineTests.footer(partialTexts[1], "current_step_id") == "getting-started:configure")
            let userA = try await desk.json(APIEndUser.self, ["users", "show", "user-a"])
            #expect(userA.walkthroughs?.first.map { ($0.completedSteps, $0.totalSteps, $0.completedAt != nil) } ?? (0, 0, false) == (3, 3, true))
            let userB = try await desk.json(APIEndUser.self, ["users", "show", "user-b"])
            #expect(userB.walkthroughs?.first?.completedSteps == 1 && userB.walkthroughs?.first?.currentStepKey == "configure")
            let table = try await desk.ctl(["users", "show", "user-b"])
            #expect(table.stdout.contains("getting-started  1/3 steps  at configure"), "\(table.stdout)")

            // Editing the step's text keeps user-b's place; the new text is what they get.
            try Self.write(Self.gettingStarted.replacingOccurrences(of: "Set ACME_KEY in your shell.", with: "Set ACME_KEY in your profile."),
                           to: desk.home.appendingPathComponent("wt/getting-started.md"))
            #expect(try await desk.ctl(["walkthroughs", "push", desk.home.appendingPathComponent("wt").path]).stdout.contains("1 updated"))
            let resumed = try #require(try await walk("user-b", 0, "getting-started", "acme-docs")["texts"] as? [String])
            #expect(WalkthroughEngineTests.footer(resumed[0], "current_step_id") == "getting-started:configure" && resumed[0].contains("in your profile"))
            #expect(WalkthroughEngineTests.footer(resumed[0], "progress") == "33% (1 of 3 steps done)")

            // Activity on server B does not move server A's active walkthrough.
            #expect(try await desk.ctl(["servers", "create", "acme-two", "--name", "Acme Two", "--product", "Acme"]).status == 0)
            try Self.write(WalkthroughEngineTests.file("other", steps: ["o1", "o2", "o3"], servers: ["acme-two"]),
                           to: desk.home.appendingPathComponent("wt/other.md"))
            #expect(try await desk.ctl(["walkthroughs", "push", desk.home.appendingPathComponent("wt").path]).status == 0)
            _ = try await walk("user-c", 1, "getting-started", "acme-docs")
            let onB = try #require(try await walk("user-c", 1, "other", "acme-two")["texts"] as? [String])
            #expect(WalkthroughEngineTests.footer(onB[1], "current_step_id") == "other:o2")
            let backOnA = try #require(try await walk("user-c", 0, "-", "acme-docs")["texts"] as? [String])
            #expect(WalkthroughEngineTests.footer(backOnA[0], "current_step_id") == "getting-started:first-call", "\(backOnA[0])")
        }
    }
}
