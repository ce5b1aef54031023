import Foundation
import Logging
import Shared
import SQLKit

/// The `docs.index` job: turns one pending document into search chunks. HTML becomes
/// markdown-shaped text first; chunks carry the document title and their heading breadcrumb.
/// A job for a document changed since it was queued does nothing (the newer upload queued its
/// own); a failure marks the document `failed` with the reason.
struct DocumentIndexer: Sendable {
    static let kind = "docs.index"

    let database: Database
    var chunker = DocumentChunker()
    let logger: Logger

    var handler: JobHandler {
        { job in try await index(job) }
    }

    /// The job payload: the document and the content hash it was queued for.
    static func payload(documentID: String, hash: String) -> String {
        JSONValue.object(["document": .string(documentID), "hash": .string(hash)]).jsonText
    }

    func index(_ job: Job) async throws {
        let payload = try JSONValue.parse(Data(job.payload.utf8))
        guard let id = payload["document"]?.stringValue, let hash = payload["hash"]?.stringValue else {
            throw DocumentIndexError("malformed job payload")
        }
        try await index(documentID: id, hash: hash)
    }

    /// Indexes the document if it still has `hash` and is pending.
    func index(documentID id: String, hash: String) async throws {
        guard let row = try await database.withConnection({ db in
            try await db.select().columns("organization_id", "server_key", "title", "content_type", "content", "content_hash", "status")
                .from("documents").where("id", .equal, id).first()
        }) else { return }
        guard try row.decode(column: "content_hash", as: String.self) == hash, try row.decode(column: "status", as: String.self) == "pending" else { return }
        let organizationID = try row.decode(column: "organization_id", as: String.self)
        let serverKey = try row.decode(column: "server_key", as: String.self)
        let title = try row.decode(column: "title", as: String.self)
        let raw = try row.decode(column: "content", as: String?.self) ?? ""
        let text = try row.decode(column: "content_type", as: String.self) == "html" ? HTMLText.convert(raw).text : raw
        let chunks = chunker.chunks(of: text)
        try await database.transaction { db in
            // Still the same version? A re-upload in between replaced it.
            guard let current = try await db.select().column("content_hash").from("documents").where("id", .equal, id).first(),
                  try current.decode(column: "content_hash", as: String.self) == hash else { return }
            try await db.delete(from: "document_chunks").where("document_id", .equal, id).run()
            for batch in stride(from: 0, to: chunks.count, by: 200) {
                let insert = db.insert(into: "document_chunks").columns("document_id", "organization_id", "server_key", "ordinal", "title", "heading", "content")
                for (offset, chunk) in chunks[batch..<min(batch + 200, chunks.count)].enumerated() {
                    insert.values(SQLBind(id), SQLBind(organizationID), SQLBind(serverKey), SQLBind(Int64(batch + offset)), SQLBind(title),
                                  SQLBind(chunk.heading), SQLBind(chunk.content))
                }
                try await insert.run()
            }
            let now = nowMillis()
            try await db.update("documents").set("status", to: chunks.isEmpty ? "failed" : "indexed")
                .set("error", to: chunks.isEmpty ? "no text to index" : nil).set("chunk_count", to: Int64(chunks.count))
                .set("indexed_at", to: now).set("updated_at", to: now).where("id", .equal, id).run()
        }
        logger.debug("document indexed", metadata: ["document_id": "\(id)", "chunks": "\(chunks.count)"])
    }
}

/// Why a document could not be indexed.
struct DocumentIndexError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
