import ArgumentParser
import Foundation
import Shared

/// The walkthrough files under some paths, read and validated locally before anything is sent.
struct LocalWalkthroughs {
    let sources: [APIWalkthroughSource]
    let files: [String: WalkthroughFile]

    /// Reads `*.md` under `paths` (folders recursively); every invalid file is reported as
    /// `file:line: problem` and the command stops with exit status 2.
    static func read(_ paths: [String], showProgress: Bool) throws -> LocalWalkthroughs {
        var urls: [URL] = []
        for argument in paths {
            let url = URL(fileURLWithPath: argument)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw CLIError.usage("no such file or folder: \(argument)") }
            guard isDirectory.boolValue else { urls.append(url); continue }
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            while let item = enumerator?.nextObject() as? URL {
                guard item.pathExtension.lowercased() == "md", (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                urls.append(item)
            }
        }
        guard !urls.isEmpty else { throw CLIError.usage("no .md files in \(paths.joined(separator: " "))") }
        let progress = Progress(total: urls.count, enabled: showProgress && urls.count > 20, label: "reading")
        var sources: [APIWalkthroughSource] = []
        var files: [String: WalkthroughFile] = [:]
        var problems: [String] = []
        let cwd = FileManager.default.currentDirectoryPath + "/"
        for url in urls.sorted(by: { $0.path < $1.path }) {
            let path = url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append("\(path):1: not readable as UTF-8 text")
                continue
            }
            do {
                files[path] = try WalkthroughParser.parse(text, file: path)
                sources.append(APIWalkthroughSource(path: path, text: text))
            } catch {
                problems.append(error.description)
            }
            progress.advance(by: 1)
        }
        progress.finish()
        var slugs: [String: String] = [:]
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            if let other = slugs[file.slug] { problems.append("\(path):1: slug '\(file.slug)' is also the slug of \(other)") }
            slugs[file.slug] = path
        }
        guard problems.isEmpty else {
            FileHandle.standardError.write(Data((problems.joined(separator: "\n") + "\n").utf8))
            throw CLIError.usage("\(problems.count) problem\(problems.count == 1 ? "" : "s") in the walkthrough files; nothing was pushed")
        }
        return LocalWalkthroughs(sources: sources, files: files)
    }
}

/// Prints a push plan.
enum PlanText {
    static func print(_ plan: APIWalkthroughPlan, printer: Printer) throws {
        guard printer.format == .table || printer.format == .plain else {
            return try printer.object(plan, fields: [], id: "")
        }
        let marks = ["create": "+", "update": "~", "unchanged": "=", "delete": "-"]
        for item in plan.items {
            let detail = item.changes.isEmpty ? "" : ": " + item.changes.joined(separator: "; ")
            Swift.print("\(marks[item.action] ?? "?") \(item.action) \(item.slug)\(item.path.map { " (\($0))" } ?? "")\(detail)")
        }
        let counts = Dictionary(grouping: plan.items, by: \.action).mapValues(\.count)
        let summary = [("create", "created"), ("update", "updated"), ("unchanged", "unchanged"), ("delete", "deleted")]
            .map { "\(counts[$0.0] ?? 0) \($0.1)" }
        Swift.print("\(plan.applied ? "applied" : "plan"): " + summary.joined(separator: ", "))
    }
}

/// `mcpctl walkthroughs push PATH...`.
struct WalkthroughsPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Push walkthrough files: create, update, and with --prune delete, as one atomic change.",
        discussion: """
            Files are validated locally first (file:line for every problem; nothing is sent when
            any is invalid) and again by the daemon. Pushing unchanged files changes nothing.
            --prune deletes walkthroughs pushed with the same --source that are not among the files.

            Examples:
              mcpctl walkthroughs push walkthroughs/
              mcpctl walkthroughs push walkthroughs/ --prune --source docs-repo
              mcpctl walkthroughs push getting-started.md --dry-run
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files or folders (*.md, recursively).") var paths: [String]
    @Flag(help: "Print the plan only.") var dryRun = false
    @Flag(help: "Delete walkthroughs of this source that are not among the files.") var prune = false
    @Option(help: "Label of this set of files (e.g. the repository); pushes with other labels are never pruned.") var source = "default"

    func run() async throws {
        try await global.inOrganization { client, org in
            guard WalkthroughParser.isKey(source) else { throw CLIError.usage("--source is lower-case letters, digits and hyphens") }
            let local = try LocalWalkthroughs.read(paths, showProgress: isatty(STDERR_FILENO) == 1)
            let plan = try await client.push(org, APIWalkthroughPush(source: source, prune: prune, dryRun: dryRun, files: local.sources))
            try PlanText.print(plan, printer: global.printer)
        }
    }
}

/// `mcpctl walkthroughs diff PATH...`: exit 1 when anything differs.
struct WalkthroughsDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what a push would change, with a unified diff; exit 1 when anything differs.",
        discussion: """
            Exit status: 0 in sync, 1 differences, and any other code for a failure (never 1),
            so CI can gate on it.

            Examples:
              mcpctl walkthroughs diff walkthroughs/
              mcpctl walkthroughs diff walkthroughs/ --prune --source docs-repo
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files or folders (*.md, recursively).") var paths: [String]
    @Flag(help: "Include the deletions a --prune push would make.") var prune = false
    @Option(help: "The --source label the files are pushed with.") var source = "default"

    func run() async throws {
        var differs = false
        do {
            try await global.inOrganization { client, org in
                let local = try LocalWalkthroughs.read(paths, showProgress: false)
                let plan = try await client.push(org, APIWalkthroughPush(source: source, prune: prune, dryRun: true, files: local.sources))
                try PlanText.print(plan, printer: Printer(format: .plain))
                for item in plan.items where item.action != "unchanged" {
                    let mine = item.path.flatMap { local.files[$0] }.map(WalkthroughWriter.render) ?? ""
                    var theirs = ""
                    if item.action != "create" {
                        let stored = try await client.walkthrough(org, item.slug)
                        var file = stored.file
                        if let path = item.path, let wanted = local.files[path] {
                            // Compare the properties this file sets with their stored values.
                            file.status = wanted.status == nil ? nil : stored.status
                            file.servers = wanted.servers == nil ? nil : stored.assignments.map(\.serverSlug)
                            file.position = wanted.position == nil ? nil : stored.assignments.first?.position
                        }
                        theirs = WalkthroughWriter.render(file)
                    }
                    print(UnifiedDiff.text(old: theirs, new: mine, oldName: "daemon/\(item.slug)", newName: item.path ?? "(deleted)"), terminator: "")
                }
                differs = plan.changes
            }
        } catch let exit as ExitCode where exit.rawValue == 1 {
            throw ExitCode(2)
        }
        if differs { throw ExitCode(1) }
    }
}

/// `mcpctl walkthroughs pull [DIR]`.
struct WalkthroughsPull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Write every walkthrough as a file (push them back and nothing changes).",
        discussion: "Examples:\n  mcpctl walkthroughs pull\n  mcpctl walkthroughs pull walkthroughs/")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Folder to write into (default: the current one).") var directory = "."

    func run() async throws {
        try await global.inOrganization { client, org in
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let listed = try await client.walkthroughs(org)
            for summary in listed {
                let walkthrough = try await client.walkthrough(org, summary.slug)
                let url = folder.appendingPathComponent("\(walkthrough.slug).md")
                try WalkthroughWriter.render(walkthrough.file).write(to: url, atomically: true, encoding: .utf8)
                if global.format == .table || global.format == .plain { print("wrote \(url.path)") }
            }
        }
    }
}

/// A unified diff of two texts (three lines of context), by longest common subsequence.
enum UnifiedDiff {
    static func text(old: String, new: String, oldName: String, newName: String) -> String {
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, String, Int, Int)] = []  // kind, line, old index, new index
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { ops.append((" ", a[i], i, j)); i += 1; j += 1 }
            else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] { ops.append(("+", b[j], i, j)); j += 1 }
            else { ops.append(("-", a[i], i, j)); i += 1 }
        }
        let changed = ops.indices.filter { ops[$0].0 != " " }
        guard !changed.isEmpty else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < changed.count {
            let start = max(0, changed[index] - 3)
            var end = min(ops.count - 1, changed[index] + 3)
            while index + 1 < changed.count, changed[index + 1] - 3 <= end + 1 {
                index += 1
                end = min(ops.count - 1, changed[index] + 3)
            }
            let hunk = ops[start...end]
            let oldCount = hunk.filter { $0.0 != "+" }.count, newCount = hunk.filter { $0.0 != "-" }.count
            out += "@@ -\(hunk.first.map { $0.2 + 1 } ?? 0),\(oldCount) +\(hunk.first.map { $0.3 + 1 } ?? 0),\(newCount) @@\n"
            for op in hunk { out += "\(op.0)\(op.1)\n" }
            index += 1
        }
        return out
    }
}
