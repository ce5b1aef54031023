import ArgumentParser
import Foundation
import Shared

/// `mcpctl walkthroughs`: interactive tutorials authored as markdown in git.
struct WalkthroughsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthroughs", abstract: "Walkthroughs as code: push markdown files, assign them to servers, render what agents see.",
        discussion: """
            One walkthrough per .md file: YAML front matter (title, type, and optionally slug,
            description, status, estimated_minutes, tags, servers, position), then one `##` heading
            per step ({#key} keeps progress across renames) with `### Introduction for agent`,
            `### Context for agent`, `### Operations for agent` sections; text before them is the
            content for the user. A front-matter key owns its property: every push sets it.

            Examples:
              mcpctl walkthroughs push walkthroughs/ --prune --source docs-repo
              mcpctl walkthroughs diff walkthroughs/ || echo "out of sync"
              mcpctl walkthroughs pull exported/
              mcpctl walkthroughs assign getting-started --server acme-docs --position 1
              mcpctl walkthroughs render getting-started --step install
            """,
        subcommands: [WalkthroughsList.self, WalkthroughsShow.self, WalkthroughsPushCommand.self, WalkthroughsDiff.self, WalkthroughsPull.self,
                      WalkthroughsRender.self, WalkthroughsPublish.self, WalkthroughsUnpublish.self, WalkthroughsArchive.self, WalkthroughsDelete.self,
                      WalkthroughsAssign.self, WalkthroughsUnassign.self])
}

extension APIClient {
    /// Every walkthrough of the organization (summaries, without steps).
    func walkthroughs(_ org: String) async throws -> [APIWalkthrough] {
        try await api.listWalkthroughs(path: .init(org: org)).ok.body.json.items
    }

    /// One walkthrough with its steps, by slug or id.
    func walkthrough(_ org: String, _ reference: String) async throws -> APIWalkthrough {
        try await api.getWalkthrough(path: .init(org: org, walkthrough: reference)).ok.body.json
    }

    /// Plans (and unless a dry run, applies) a push.
    func push(_ org: String, _ push: APIWalkthroughPush) async throws -> APIWalkthroughPlan {
        try await api.pushWalkthroughs(path: .init(org: org), body: .json(push)).ok.body.json
    }
}

/// `mcpctl walkthroughs list`.
struct WalkthroughsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List walkthroughs with their status and servers.",
                                                    discussion: "Examples:\n  mcpctl walkthroughs list\n  mcpctl walkthroughs list -o json")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let walkthroughs = try await client.walkthroughs(org)
            let printer = global.printer
            try printer.list(walkthroughs, columns: [
                Column(header: "SLUG") { $0.slug }, Column(header: "TITLE") { $0.title }, Column(header: "TYPE") { $0.type },
                Column(header: "STATUS") { printer.status($0.status, good: $0.status == "published") }, Column(header: "STEPS") { "\($0.stepCount)" },
                Column(header: "SERVERS") { $0.assignments.map { "\($0.serverSlug)#\($0.position)\($0.enabled ? "" : " (off)")" }.joined(separator: ", ") },
                Column(header: "SOURCE") { $0.source }, Column(header: "UPDATED") { printer.time($0.updatedAt) },
            ], id: \.slug)
        }
    }
}

/// `mcpctl walkthroughs show WALKTHROUGH`.
struct WalkthroughsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a walkthrough with its steps.",
                                                    discussion: "Examples:\n  mcpctl walkthroughs show getting-started\n  mcpctl walkthroughs show getting-started -o yaml")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await client.walkthrough(org, walkthrough)
            let printer = global.printer
            var fields: [(String, String)] = [
                ("slug", shown.slug), ("title", shown.title), ("type", shown.type), ("status", shown.status), ("source", shown.source),
                ("set by the file", shown.ownedByFile.isEmpty ? "-" : shown.ownedByFile.joined(separator: ", ")),
                ("servers", shown.assignments.map { "\($0.serverSlug) (position \($0.position)\($0.enabled ? "" : ", disabled"))" }.joined(separator: ", ")),
                ("updated", printer.time(shown.updatedAt)),
            ]
            for (index, step) in (shown.steps ?? []).enumerated() { fields.append(("step \(index + 1)", "\(step.key)  \(step.title)")) }
            try printer.object(shown, fields: fields, id: shown.slug)
        }
    }
}

/// `mcpctl walkthroughs render WALKTHROUGH [--step KEY]`.
struct WalkthroughsRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Print a step exactly as an agent receives it (progress as if the steps before it were done).",
        discussion: "Examples:\n  mcpctl walkthroughs render getting-started\n  mcpctl walkthroughs render getting-started --step install")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    @Option(help: "The step's key (default: the first step).") var step: String?

    func run() async throws {
        try await global.inOrganization { client, org in
            let rendered = try await client.api.renderWalkthrough(path: .init(org: org, walkthrough: walkthrough), query: .init(step: step)).ok.body.json
            if global.format == .json { return print(try Printer.json(rendered)) }
            print(rendered.text, terminator: "")
        }
    }
}

/// `publish`, `unpublish` and `archive`: the status, warning when the file owns it.
struct WalkthroughStatusChange {
    static func run(_ action: String, walkthrough: String, global: GlobalOptions) async throws {
        try await global.inOrganization { client, org in
            let path = Operations.PublishWalkthrough.Input.Path(org: org, walkthrough: walkthrough)
            let changed = switch action {
            case "publish": try await client.api.publishWalkthrough(path: path).ok.body.json
            case "unpublish": try await client.api.unpublishWalkthrough(path: .init(org: org, walkthrough: walkthrough)).ok.body.json
            default: try await client.api.archiveWalkthrough(path: .init(org: org, walkthrough: walkthrough)).ok.body.json
            }
            if changed.ownedByFile.contains("status") {
                FileHandle.standardError.write(Data("warning: \(changed.slug)'s file sets `status`; the next push sets it back to what the file says\n".utf8))
            }
            try global.printer.object(changed, fields: [("slug", changed.slug), ("status", changed.status)], id: changed.slug)
        }
    }
}

struct WalkthroughsPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish", abstract: "Publish a walkthrough (end users' agents can start it).",
                                                    discussion: "Example:\n  mcpctl walkthroughs publish getting-started")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    func run() async throws { try await WalkthroughStatusChange.run("publish", walkthrough: walkthrough, global: global) }
}

struct WalkthroughsUnpublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpublish", abstract: "Set a walkthrough back to draft.",
                                                    discussion: "Example:\n  mcpctl walkthroughs unpublish getting-started")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    func run() async throws { try await WalkthroughStatusChange.run("unpublish", walkthrough: walkthrough, global: global) }
}

struct WalkthroughsArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Archive a walkthrough (kept with its analytics, offered nowhere).",
                                                    discussion: "Example:\n  mcpctl walkthroughs archive old-onboarding")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    func run() async throws { try await WalkthroughStatusChange.run("archive", walkthrough: walkthrough, global: global) }
}

/// `mcpctl walkthroughs delete WALKTHROUGH`.
struct WalkthroughsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a walkthrough with its progress history.",
                                                    discussion: "Example:\n  mcpctl walkthroughs delete old-onboarding --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try global.confirm("delete walkthrough \(walkthrough) and its progress history")
            _ = try await client.api.deleteWalkthrough(path: .init(org: org, walkthrough: walkthrough)).noContent
            if global.format == .table { print("deleted walkthrough \(walkthrough)") }
        }
    }
}

/// `mcpctl walkthroughs assign WALKTHROUGH --server SLUG [--position N] [--disabled]`.
struct WalkthroughsAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Offer a walkthrough on a server, at a display position, enabled or not.",
        discussion: "Examples:\n  mcpctl walkthroughs assign getting-started --server acme-docs --position 1\n  mcpctl walkthroughs assign beta-guide --server acme-docs --disabled")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    @Option(help: "The server's slug.") var server: String
    @Option(help: "Display position among the server's walkthroughs (0 first).") var position: Int?
    @Flag(help: "Assigned but not offered.") var disabled = false
    @Flag(help: "Offered again (after --disabled).") var enabled = false

    func run() async throws {
        try await global.inOrganization { client, org in
            if disabled && enabled { throw CLIError.usage("--disabled and --enabled exclude each other") }
            let assignment = APIWalkthroughAssign(server: server, position: position, enabled: disabled ? false : (enabled ? true : nil))
            let changed = try await client.api.assignWalkthrough(path: .init(org: org, walkthrough: walkthrough), body: .json(assignment)).ok.body.json
            for owned in changed.ownedByFile where owned == "servers" || (owned == "position" && position != nil) {
                FileHandle.standardError.write(Data("warning: \(changed.slug)'s file sets `\(owned)`; the next push sets it back to what the file says\n".utf8))
            }
            try global.printer.object(changed, fields: [("slug", changed.slug), ("servers", changed.assignments.map {
                "\($0.serverSlug) (position \($0.position)\($0.enabled ? "" : ", disabled"))" }.joined(separator: ", "))], id: changed.slug)
        }
    }
}

/// `mcpctl walkthroughs unassign WALKTHROUGH --server SLUG`.
struct WalkthroughsUnassign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Stop offering a walkthrough on a server.",
                                                    discussion: "Example:\n  mcpctl walkthroughs unassign getting-started --server acme-docs")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The walkthrough's slug or id.") var walkthrough: String
    @Option(help: "The server's slug.") var server: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let changed = try await client.api.unassignWalkthrough(path: .init(org: org, walkthrough: walkthrough), body: .json(APIWalkthroughAssign(server: server))).ok.body.json
            if changed.ownedByFile.contains("servers") {
                FileHandle.standardError.write(Data("warning: \(changed.slug)'s file sets `servers`; the next push sets it back to what the file says\n".utf8))
            }
            try global.printer.object(changed, fields: [("slug", changed.slug), ("servers", changed.assignments.map(\.serverSlug).joined(separator: ", "))],
                                      id: changed.slug)
        }
    }
}
