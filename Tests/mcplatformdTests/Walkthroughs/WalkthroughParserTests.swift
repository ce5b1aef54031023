import Foundation
import Shared
import Testing

@Suite("Walkthrough file format")
struct WalkthroughParserTests {
    static let sample = """
        ---
        title: Getting started with Acme
        description: Install the SDK and make your first API call.
        type: quickstart
        status: published
        estimated_minutes: 10
        tags: [sdk, onboarding]
        servers: [acme-docs]
        position: 2
        ---

        ## Install the SDK {#install}

        Run the installer.

        ```sh
        ## not a step
        ### Context for agent
        pip install acme
        ```

        ### Introduction for agent
        The SDK is installed when `acme --version` works.

        ### context FOR agent
        Docs: https://acme.example/sdk

        ### Notes
        Unknown headings stay in the section.

        ### Operations for agent
        pip install acme

        ## Make your first call

        ### Content for user
        Call the API.
        """

    @Test("front matter, steps with explicit and derived keys, the four sections, fences and unknown headings as text")
    func parsesEverything() throws {
        let file = try WalkthroughParser.parse(Self.sample, file: "docs/getting-started.md")
        #expect(file.slug == "getting-started" && file.title == "Getting started with Acme" && file.type == "quickstart")
        #expect(file.status == "published" && file.servers == ["acme-docs"] && file.position == 2 && file.estimatedMinutes == 10)
        #expect(file.tags == ["sdk", "onboarding"])
        #expect(file.steps.map(\.key) == ["install", "make-your-first-call"])
        let install = file.steps[0]
        #expect(install.content.hasPrefix("Run the installer.") && install.content.contains("## not a step") && install.content.contains("### Context for agent"))
        #expect(install.introduction == "The SDK is installed when `acme --version` works.")
        #expect(install.context == "Docs: https://acme.example/sdk\n\n### Notes\nUnknown headings stay in the section.")
        #expect(install.operations == "pip install acme")
        #expect(file.steps[1].content == "Call the API.")
        // Without the owning keys nothing is owned.
        let minimal = try WalkthroughParser.parse("---\ntitle: T\ntype: course\n---\n## One\ntext\n", file: "x/minimal.md")
        #expect(minimal.status == nil && minimal.servers == nil && minimal.position == nil && minimal.slug == "minimal")
    }

    @Test("render then parse gives the same walkthrough and hash")
    func roundTrip() throws {
        let file = try WalkthroughParser.parse(Self.sample, file: "getting-started.md")
        let again = try WalkthroughParser.parse(WalkthroughWriter.render(file), file: "getting-started.md")
        #expect(again == file)
        #expect(again.contentHash == file.contentHash)
        var edited = file
        edited.steps[0].operations += "\nacme login"
        #expect(edited.contentHash != file.contentHash)
        var owned = file
        owned.status = "draft"
        #expect(owned.contentHash == file.contentHash, "owned properties are compared apart from the content")
    }

    @Test("every problem names file and line", arguments: [
        ("no front matter", "## Step\n", 1, "missing front matter"),
        ("unclosed", "---\ntitle: T\n", 1, "not closed"),
        ("no title", "---\ntype: course\n---\n## A\n", 1, "needs a `title`"),
        ("no type", "---\ntitle: T\n---\n## A\n", 1, "needs a `type`"),
        ("unknown type", "---\ntitle: T\ntype: webinar\n---\n## A\n", 3, "unknown type 'webinar'"),
        ("unknown status", "---\ntitle: T\ntype: course\nstatus: live\n---\n## A\n", 4, "unknown status 'live'"),
        ("unknown key", "---\ntitle: T\ntype: course\nowner: me\n---\n## A\n", 4, "unknown front-matter key 'owner'"),
        ("bad minutes", "---\ntitle: T\ntype: course\nestimated_minutes: soon\n---\n## A\n", 4, "whole number"),
        ("duplicate keys", "---\ntitle: T\ntype: course\n---\n## A {#a}\nx\n## B {#a}\n", 7, "duplicate step key 'a' (also line 5)"),
        ("derived duplicate", "---\ntitle: T\ntype: course\n---\n## Set up\n## Set-up!\n", 6, "duplicate step key 'set-up'"),
        ("bad key", "---\ntitle: T\ntype: course\n---\n## A {#Bad Key}\n", 5, "step key 'Bad Key'"),
        ("both contents", "---\ntitle: T\ntype: course\n---\n## A\nhello\n### Content for user\nagain\n", 7, "also a Content for user section"),
        ("section twice", "---\ntitle: T\ntype: course\n---\n## A\n### Context for agent\nx\n### Context for agent\ny\n", 8, "already has"),
        ("text first", "---\ntitle: T\ntype: course\n---\nstray text\n## A\n", 5, "text before the first step"),
        ("no steps", "---\ntitle: T\ntype: course\n---\n\nonly ``` fenced\n", 6, ""),
        ("fenced step", "---\ntitle: T\ntype: course\n---\n```\n## A\n```\n", 5, "text before the first step"),
        ("bad yaml", "---\ntitle: [unclosed\ntype: course\n---\n## A\n", 3, "not valid YAML"),  // where YAML notices
        ("bad slug", "---\nslug: Not A Slug\ntitle: T\ntype: course\n---\n## A\n", 2, "slug 'Not A Slug'"),
    ])
    func errors(name: String, text: String, line: Int, problem: String) {
        do {
            _ = try WalkthroughParser.parse(text, file: "guides/\(name.replacingOccurrences(of: " ", with: "-")).md")
            Issue.record("\(name): parsed")
        } catch {
            #expect(error.file.hasPrefix("guides/") && error.line == line, "\(name): \(error)")
            #expect(error.description.hasPrefix("guides/") && error.description.contains(":\(line): "))
            #expect(problem.isEmpty || error.problem.contains(problem), "\(name): \(error.problem)")
        }
    }
}
