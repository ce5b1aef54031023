import ArgumentParser
import Foundation
import Shared

/// `mcpctl docs upload PATH...`.
struct DocsUpload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload documentation files or folders; unchanged files are skipped.",
        discussion: """
            Folders are read recursively for .md, .markdown, .mdx, .txt, .html and .htm files (hidden
            ones skipped); a file named explicitly is always sent. Paths are relative to the folder
            given, with --prefix in front. Only changed files are sent (compared by SHA-256), and the
            daemon indexes them in the background (--wait waits for it). --prune deletes documents
            under the same server and prefix that are no longer among the files.

            Examples:
              mcpctl docs upload docs/ --server acme-docs
              mcpctl docs upload site/guides --prefix guides/ --prune --wait
              mcpctl docs upload README.md CHANGELOG.md -o json
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files or folders.") var paths: [String]
    @Option(help: "The server the documents belong to (slug); default: org-wide.") var server: String?
    @Option(help: "Put in front of every path (e.g. guides/).") var prefix: String?
    @Flag(help: "Delete documents under this server and prefix that are not among the files.") var prune = false
    @Flag(help: "Wait until the uploaded documents are indexed.") var wait = false

    /// A file found locally.
    struct LocalFile {
        let path: String
        let url: URL
    }

    func run() async throws {
        try await global.inOrganization { client, org in
            let prefix = Self.normalize(prefix)
            let files = try collect(prefix: prefix)
            let existing = try await DocsPaths.list(client: client, org: org, server: server, orgWide: server == nil, prefix: prefix, status: nil)
            let stored = Dictionary(existing.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            var result = APIDocumentUploadResult(created: [], updated: [], unchanged: [], failed: [])
            var pending: [APIDocumentFile] = []
            var pendingBytes = 0
            let progress = Progress(total: files.count, enabled: isatty(STDERR_FILENO) == 1 && global.format == .table)
            let flush = { (batch: [APIDocumentFile]) async throws in
                guard !batch.isEmpty else { return }
                let answer = try await client.api.uploadDocuments(path: .init(org: org), body: .json(APIDocumentUpload(server: server, documents: batch)))
                    .ok.body.json
                result.created += answer.created
                result.updated += answer.updated
                result.unchanged += answer.unchanged
                result.failed += answer.failed
                progress.advance(by: batch.count)
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.url.path) else {
                    result.failed.append(APIDocumentFailure(path: file.path, error: "cannot read \(file.url.path)"))
                    continue
                }
                let hash = SHA256Hex.digest(data)
                if let known = stored[file.path], known.contentHash == hash, known.status != "failed" {
                    result.unchanged.append(file.path)
                    progress.advance(by: 1)
                    continue
                }
                let content = Int64(data.count) <= DocumentLimits.maxSize ? data.base64EncodedString() : nil
                let document = APIDocumentFile(path: file.path, contentHash: hash, size: Int64(data.count), contentBase64: content)
                if pendingBytes + (content?.count ?? 0) > 1_400_000 || pending.count >= 200 {
                    try await flush(pending)
                    pending = []
                    pendingBytes = 0
                }
                pending.append(document)
                pendingBytes += content?.count ?? 0
            }
            try await flush(pending)
            var deleted: [String] = []
            if prune {
                let prune = APIDocumentPrune(server: server, prefix: prefix, keep: files.map(\.path))
                let answer = try await client.api.pruneDocuments(path: .init(org: org), body: .json(prune)).ok.body.json
                deleted = answer.deleted
            }
            progress.finish()
            if wait { try await waitForIndexing(client: client, org: org, paths: Set(result.created + result.updated), prefix: prefix) }
            try report(result, deleted: deleted)
        }
    }

    /// Files to send with their document paths.
    private func collect(prefix: String) throws -> [LocalFile] {
        var files: [LocalFile] = []
        for argument in paths {
            let url = URL(fileURLWithPath: argument)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw CLIError.usage("no such file or folder: \(argument)")
            }
            guard isDirectory.boolValue else {
                files.append(LocalFile(path: prefix + url.lastPathComponent, url: url))
                continue
            }
            let base = url.standardizedFileURL.resolvingSymlinksInPath().path
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            while let item = enumerator?.nextObject() as? URL {
                guard (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      DocumentLimits.contentTypes[item.pathExtension.lowercased()] != nil else { continue }
                let full = item.standardizedFileURL.resolvingSymlinksInPath().path
                let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : item.lastPathComponent
                files.append(LocalFile(path: prefix + relative, url: item))
            }
        }
        let unique = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        guard !unique.isEmpty else { throw CLIError.usage("no documentation files found in \(paths.joined(separator: " "))") }
        return unique.values.sorted { $0.path < $1.path }
    }

    /// `guides` → `guides/`; empty stays empty.
    static func normalize(_ prefix: String?) -> String {
        guard let prefix, !prefix.isEmpty else { return "" }
        let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return trimmed.isEmpty ? "" : trimmed + "/"
    }

    private func waitForIndexing(client: APIClient, org: String, paths: Set<String>, prefix: String) async throws {
        guard !paths.isEmpty else { return }
        let deadline = Date().addingTimeInterval(600)
        let progress = Progress(total: paths.count, enabled: isatty(STDERR_FILENO) == 1 && global.format == .table, label: "indexing")
        while Date() < deadline {
            let documents = try await DocsPaths.list(client: client, org: org, server: server, orgWide: server == nil, prefix: prefix, status: nil)
            let waiting = documents.filter { paths.contains($0.path) && $0.status == "pending" }.count
            progress.set(paths.count - waiting)
            if waiting == 0 { progress.finish(); return }
            try await Task.sleep(for: .milliseconds(300))
        }
        throw CLIError(message: "documents are still being indexed after 10 minutes", exitCode: 6, hint: "check mcpctl docs list --status pending")
    }

    private func report(_ result: APIDocumentUploadResult, deleted: [String]) throws {
        struct Summary: Encodable {
            let created: [String], updated: [String], unchanged: [String], failed: [APIDocumentFailure], deleted: [String]
        }
        let summary = Summary(created: result.created.sorted(), updated: result.updated.sorted(), unchanged: result.unchanged.sorted(),
                              failed: result.failed, deleted: deleted)
        switch global.format {
        case .json: print(try Printer.json(summary))
        case .yaml: print(try Printer.yaml(summary), terminator: "")
        default:
            print("created \(result.created.count), updated \(result.updated.count), unchanged \(result.unchanged.count), "
                  + "failed \(result.failed.count)\(prune ? ", deleted \(deleted.count)" : "")")
            for failure in result.failed { print("failed: \(failure.path): \(failure.error)") }
        }
        if !result.failed.isEmpty {
            throw CLIError(message: "\(result.failed.count) document\(result.failed.count == 1 ? "" : "s") could not be indexed", exitCode: 1)
        }
    }
}
