import Foundation
import Shared
import SQLKit
import Yams

/// Documents of the knowledge base, always within one organization. A document is keyed by
/// (`server_key`, `path`): `server_key` is the server's id, or empty for org-wide documents.
struct DocumentStore: Sendable {
    static let columns = ["id", "path", "title", "url", "server_id", "content_hash", "size", "status", "error", "chunk_count", "created_at",
                          "updated_at", "indexed_at"]

    /// What became of one uploaded file.
    enum Outcome: Sendable, Equatable {
        case created(id: String), updated(id: String), unchanged, failed(String)
    }

    /// Stores one uploaded file: unchanged when its hash is the stored one; otherwise the text
    /// (pending indexing), or the reason it cannot be indexed (`failed`). Returns what it did.
    func store(_ file: APIDocumentFile, organizationID: String, serverID: String?, now: EpochMillis, on db: any SQLDatabase) async throws -> Outcome {
        let serverKey = serverID ?? ""
        let existing = try await db.select().columns("id", "content_hash", "status").from("documents")
            .where("organization_id", .equal, organizationID).where("server_key", .equal, serverKey).where("path", .equal, file.path).first()
        let existingID = try existing?.decode(column: "id", as: String.self)
        if let existing, try existing.decode(column: "content_hash", as: String.self) == file.contentHash,
           try existing.decode(column: "status", as: String.self) != "failed" {
            return .unchanged
        }
        let prepared = Self.prepare(file)
        let id = existingID ?? Identifier.make("doc")
        let status = prepared.failure == nil ? "pending" : "failed"
        if existingID != nil {
            try await db.delete(from: "document_chunks").where("document_id", .equal, id).run()
            try await db.update("documents").set("title", to: prepared.title).set("url", to: prepared.url).set("content_type", to: prepared.type)
                .set("content", to: prepared.text).set("content_hash", to: file.contentHash).set("size", to: file.size).set("status", to: status)
                .set("error", to: prepared.failure).set("chunk_count", to: 0).set("updated_at", to: now).set("indexed_at", to: SQLLiteral.null)
                .where("id", .equal, id).run()
        } else {
            try await db.insert(into: "documents").columns(
                "id", "organization_id", "server_id", "server_key", "path", "title", "url", "content_type", "content", "content_hash", "size",
                "status", "error", "chunk_count", "created_at", "updated_at")
                .values(SQLBind(id), SQLBind(organizationID), SQLBind(serverID), SQLBind(serverKey), SQLBind(file.path), SQLBind(prepared.title),
                        SQLBind(prepared.url), SQLBind(prepared.type), SQLBind(prepared.text), SQLBind(file.contentHash), SQLBind(file.size),
                        SQLBind(status), SQLBind(prepared.failure), SQLBind(0), SQLBind(now), SQLBind(now))
                .run()
        }
        if let failure = prepared.failure { return .failed(failure) }
        return existingID == nil ? .created(id: id) : .updated(id: id)
    }

    /// A file's text, type, title and URL, or why it cannot be indexed.
    struct Prepared {
        var text: String?
        var type = "text"
        var title: String
        var url: String?
        var failure: String?
    }

    static func prepare(_ file: APIDocumentFile) -> Prepared {
        let name = (file.path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension.lowercased()
        var prepared = Prepared(title: (name as NSString).deletingPathExtension)
        prepared.type = DocumentLimits.contentTypes[ext] ?? "text"
        guard file.size <= DocumentLimits.maxSize else {
            prepared.failure = "too large: \(file.size) bytes (the limit is \(DocumentLimits.maxSize) bytes)"
            return prepared
        }
        guard let base64 = file.contentBase64, let data = Data(base64Encoded: base64) else {
            prepared.failure = "no content was sent"
            return prepared
        }
        guard data.count <= DocumentLimits.maxSize else {
            prepared.failure = "too large: \(data.count) bytes (the limit is \(DocumentLimits.maxSize) bytes)"
            return prepared
        }
        guard data.contains(0) == false else {
            prepared.failure = "binary content (NUL bytes): only markdown, plain text and HTML are indexed"
            return prepared
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            prepared.failure = "not valid UTF-8 text"
            return prepared
        }
        prepared.text = text
        if prepared.type == "html" {
            if let title = HTMLText.convert(text).title, !title.isEmpty { prepared.title = title }
        } else {
            let (front, body) = Self.frontMatter(of: text)
            prepared.text = body
            if let title = front["title"], !title.isEmpty {
                prepared.title = title
            } else if let heading = DocumentChunker.firstHeading(in: body) {
                prepared.title = heading
            }
            if let url = front["url"], let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") { prepared.url = url }
        }
        prepared.title = String(prepared.title.prefix(300))
        return prepared
    }

    /// A markdown file's YAML front matter (its text values) and the text after it. Files without
    /// one, or with one that does not parse, are all body.
    static func frontMatter(of text: String) -> (values: [String: String], body: String) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n"),
              let close = text.range(of: "\n---", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { return ([:], text) }
        let yaml = String(text[text.index(text.startIndex, offsetBy: 3)..<close.lowerBound])
        guard let map = (try? Yams.load(yaml: yaml)) as? [String: Any] else { return ([:], text) }
        var values: [String: String] = [:]
        for (key, value) in map {
            if let text = value as? String { values[key] = text.trimmingCharacters(in: .whitespaces) }
        }
        let rest = text[close.upperBound...].drop { $0 != "\n" }
        return (values, String(rest.dropFirst()))
    }

    /// Lower-case hex SHA-256.
    static func hash(_ data: Data) -> String { SHA256Hex.digest(data) }

    /// Documents, by path, optionally of one scope (`serverKey`: a server id or "" for org-wide),
    /// under a path prefix, or of one status.
    func list(organizationID: String, serverKey: String?, prefix: String?, path: String?, status: String?, page: Pagination,
              on db: any SQLDatabase) async throws -> [APIDocument] {
        let query = select(db, organizationID: organizationID)
        if let serverKey { query.where(SQLColumn("server_key", table: "documents"), .equal, SQLBind(serverKey)) }
        if let prefix, !prefix.isEmpty { query.where(SQLColumn("path", table: "documents"), .like, SQLBind(Self.likePrefix(prefix))) }
        if let path { query.where(SQLColumn("path", table: "documents"), .equal, SQLBind(path)) }
        if let status { query.where(SQLColumn("status", table: "documents"), .equal, SQLBind(status)) }
        return try await page.apply(to: query, table: "documents", timeColumn: "created_at", ascending: true).all().map(Self.document)
    }

    func find(_ id: String, organizationID: String, on db: any SQLDatabase) async throws -> APIDocument? {
        try await select(db, organizationID: organizationID).where(SQLColumn("id", table: "documents"), .equal, SQLBind(id)).first().map(Self.document)
    }

    func delete(_ id: String, organizationID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "document_chunks").where("document_id", .equal, id).run()
        try await db.delete(from: "documents").where("organization_id", .equal, organizationID).where("id", .equal, id).run()
    }

    /// Deletes the documents of one scope under `prefix` whose paths are not in `keep`.
    func prune(organizationID: String, serverKey: String, prefix: String, keep: Set<String>, on db: any SQLDatabase) async throws -> [String] {
        let query = db.select().columns("id", "path").from("documents").where("organization_id", .equal, organizationID)
            .where("server_key", .equal, serverKey)
        if !prefix.isEmpty { query.where("path", .like, SQLBind(Self.likePrefix(prefix))) }
        var deleted: [String] = []
        for row in try await query.all() {
            let path = try row.decode(column: "path", as: String.self)
            guard !keep.contains(path), prefix.isEmpty || path.hasPrefix(prefix) else { continue }
            try await delete(try row.decode(column: "id", as: String.self), organizationID: organizationID, on: db)
            deleted.append(path)
        }
        return deleted.sorted()
    }

    /// A LIKE pattern for paths starting with `prefix` (its own `%` and `_` taken literally by
    /// the exact `hasPrefix` check after the query).
    private static func likePrefix(_ prefix: String) -> String {
        prefix.replacingOccurrences(of: "%", with: "_") + "%"
    }

    private func select(_ db: any SQLDatabase, organizationID: String) -> SQLSelectBuilder {
        db.select().columns(Self.columns.map { SQLColumn($0, table: "documents") })
            .column(SQLAlias(SQLColumn("slug", table: "mcp_servers"), as: SQLIdentifier("server_slug")))
            .from("documents")
            .join("mcp_servers", method: SQLJoinMethod.left, on: SQLColumn("id", table: "mcp_servers"), .equal, SQLColumn("server_id", table: "documents"))
            .where(SQLColumn("organization_id", table: "documents"), .equal, SQLBind(organizationID))
    }

    static func document(_ row: any SQLRow) throws -> APIDocument {
        APIDocument(
            id: try row.decode(column: "id", as: String.self), path: try row.decode(column: "path", as: String.self),
            title: try row.decode(column: "title", as: String.self), url: try row.decode(column: "url", as: String?.self),
            serverSlug: try row.decode(column: "server_slug", as: String?.self), contentHash: try row.decode(column: "content_hash", as: String.self),
            size: try row.decode(column: "size", as: Int64.self), status: try row.decode(column: "status", as: String.self),
            error: try row.decode(column: "error", as: String?.self), chunkCount: try row.decode(column: "chunk_count", as: Int.self),
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)),
            indexedAt: try row.decode(column: "indexed_at", as: EpochMillis?.self).map(Date.init(epochMillis:)))
    }
}
