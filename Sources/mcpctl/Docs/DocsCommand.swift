import ArgumentParser
import Foundation
import Shared

/// `mcpctl docs`: the knowledge base behind the `search_docs` tool.
struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Upload documentation (markdown, text, HTML) for search_docs, and search it.",
        discussion: """
            Documents uploaded with --server belong to that server; without it they are org-wide,
            seen by every server of the organization with docs search on.

            Examples:
              mcpctl docs upload docs/ --server acme-docs --prefix guides/ --prune --wait
              mcpctl docs list --status failed
              mcpctl docs search "install on linux" --server acme-docs
            """,
        subcommands: [DocsUpload.self, DocsList.self, DocsShow.self, DocsDelete.self, DocsSearch.self])
}

/// `mcpctl docs list`.
struct DocsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List documents with their indexing status.",
        discussion: "Examples:\n  mcpctl docs list\n  mcpctl docs list --server acme-docs --status failed -o json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this server's documents (slug).") var server: String?
    @Flag(help: "Only org-wide documents.") var orgWide = false
    @Option(help: "Only paths starting with this.") var prefix: String?
    @Option(help: "pending, indexed or failed.") var status: String?
    @Option(help: "At most this many (default 200).") var limit = 200

    func run() async throws {
        try await global.inOrganization { client, org in
            if let status, !["pending", "indexed", "failed"].contains(status) { throw CLIError.usage("--status is pending, indexed or failed") }
            let documents = try await DocsPaths.list(client: client, org: org, server: server, orgWide: orgWide, prefix: prefix, status: status, limit: limit)
            let printer = global.printer
            try printer.list(documents, columns: [
                Column(header: "PATH") { $0.path }, Column(header: "TITLE") { $0.title },
                Column(header: "STATUS") { printer.status($0.status, good: $0.status == "indexed") }, Column(header: "CHUNKS") { "\($0.chunkCount)" },
                Column(header: "SERVER") { $0.serverSlug ?? "(org-wide)" }, Column(header: "UPDATED") { printer.time($0.updatedAt) },
                Column(header: "ERROR") { $0.error ?? "" },
            ], id: \.id)
        }
    }
}

/// `mcpctl docs show REF`.
struct DocsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a document (by id or path).",
        discussion: "Examples:\n  mcpctl docs show guides/install.md --server acme-docs\n  mcpctl docs show doc_… -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The document's id (doc_…) or path.") var document: String
    @Option(help: "The server whose document it is (slug), when a path is given.") var server: String?

    func run() async throws {
        try await global.inOrganization { client, org in
            let shown = try await DocsPaths.find(document, server: server, client: client, org: org)
            let printer = global.printer
            try printer.object(shown, fields: [
                ("id", shown.id), ("path", shown.path), ("title", shown.title), ("server", shown.serverSlug ?? "(org-wide)"),
                ("status", printer.status(shown.status, good: shown.status == "indexed")), ("error", shown.error ?? "-"),
                ("chunks", "\(shown.chunkCount)"), ("size", "\(shown.size) bytes"), ("sha256", shown.contentHash),
                ("updated", printer.time(shown.updatedAt)), ("indexed", printer.time(shown.indexedAt)),
            ], id: shown.id)
        }
    }
}

/// `mcpctl docs delete REF`.
struct DocsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a document and its index.",
        discussion: "Examples:\n  mcpctl docs delete guides/old.md --server acme-docs --yes\n  mcpctl docs delete doc_…")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The document's id (doc_…) or path.") var document: String
    @Option(help: "The server whose document it is (slug), when a path is given.") var server: String?

    func run() async throws {
        try await global.inOrganization { client, org in
            let found = try await DocsPaths.find(document, server: server, client: client, org: org)
            try global.confirm("delete document \(found.path)")
            _ = try await client.api.deleteDocument(path: .init(org: org, doc: found.id)).noContent
            if global.format == .table { print("deleted \(found.path)") }
        }
    }
}

/// `mcpctl docs search QUERY`.
struct DocsSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the documentation as search_docs does.",
        discussion: "Examples:\n  mcpctl docs search \"rotate api keys\"\n  mcpctl docs search webhook --server acme-docs --limit 3 -o json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for.") var query: String
    @Option(help: "Search as this server's search_docs does: its own and the org-wide documents.") var server: String?
    @Option(help: "At most this many passages (1 to 50, default 10).") var limit = 10

    func run() async throws {
        try await global.inOrganization { client, org in
            guard (1...50).contains(limit) else { throw CLIError.usage("--limit is from 1 to 50") }
            let page = try await client.api.searchDocuments(path: .init(org: org), query: .init(q: query, server: server, limit: limit)).ok.body.json
            let printer = global.printer
            guard printer.format == .table else {
                return try printer.list(page.items, columns: [
                    Column(header: "SCORE") { String(format: "%.3f", $0.score) }, Column(header: "PATH") { $0.path },
                    Column(header: "TITLE") { $0.title }, Column(header: "SECTION") { $0.heading }, Column(header: "EXCERPT") { $0.excerpt },
                ], id: \.documentId)
            }
            if page.items.isEmpty { print("no matches for \"\(query)\"") }
            for (index, result) in page.items.enumerated() {
                let excerpt = printer.colour ? result.excerpt.replacingOccurrences(of: #"\*\*(.+?)\*\*"#, with: "\u{1B}[1m$1\u{1B}[0m", options: .regularExpression)
                    : result.excerpt
                print("\(index + 1). \(result.title) — \(result.url ?? result.path)  (\(String(format: "%.3f", result.score)))")
                if !result.heading.isEmpty { print("   \(result.heading)") }
                print("   \(excerpt)\n")
            }
        }
    }
}

/// Admin API paths and lookups of documents.
enum DocsPaths {
    static func list(client: APIClient, org: String, server: String?, orgWide: Bool, prefix: String?, path: String? = nil, status: String?,
                     limit: Int? = nil) async throws -> [APIDocument] {
        let state = try status.map { text in
            guard let state = Operations.ListDocuments.Input.Query.StatusPayload(rawValue: text) else {
                throw CLIError.usage("--status is pending, indexed or failed")
            }
            return state
        }
        return try await client.all(limit: limit) { limit, cursor in
            let query = Operations.ListDocuments.Input.Query(server: server, orgWide: orgWide ? true : nil, prefix: prefix?.isEmpty == false ? prefix : nil,
                                                            path: path, status: state, limit: limit, cursor: cursor)
            let page = try await client.api.listDocuments(path: .init(org: org), query: query).ok.body.json
            return (page.items, page.nextCursor)
        }
    }

    /// A document by id, or by path within `server` (or org-wide / any scope when unambiguous).
    static func find(_ reference: String, server: String?, client: APIClient, org: String) async throws -> APIDocument {
        if reference.hasPrefix("doc_") { return try await client.api.getDocument(path: .init(org: org, doc: reference)).ok.body.json }
        let matches = try await list(client: client, org: org, server: server, orgWide: false, prefix: nil, path: reference, status: nil)
        guard let first = matches.first else { throw CLIError(message: "no document '\(reference)'", exitCode: 3) }
        guard matches.count == 1 else {
            throw CLIError.usage("'\(reference)' exists in several scopes (\(matches.map { $0.serverSlug ?? "org-wide" }.joined(separator: ", ")))",
                                 hint: "pass --server SLUG or the document's id")
        }
        return first
    }
}
