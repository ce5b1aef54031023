import Foundation
import HTTPTypes
import Shared
import SQLKit

/// `/v1/orgs/{org}/docs`: the knowledge base. Admins upload, prune and delete; members list,
/// read and search. Uploaded documents are indexed by `docs.index` jobs.
extension AdminAPI {
    static let maxDocumentsPerUpload = 500

    func listDocuments(_ input: Operations.ListDocuments.Input) async throws -> Operations.ListDocuments.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let query = input.query
        var serverKey: String?
        if query.orgWide == true {
            serverKey = ""
        } else if let slug = query.server {
            serverKey = try await documentServer(slug, in: organization, status: .badRequest)
        }
        let page = try Pagination(limit: query.limit, cursor: query.cursor)
        let rows = try await database.withConnection { db in
            try await DocumentStore().list(organizationID: organization.id, serverKey: serverKey, prefix: query.prefix, path: query.path,
                                           status: query.status?.rawValue, page: page, on: db)
        }
        let (items, next) = page.page(rows) { ($0.createdAt.epochMillis, $0.id) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: next))))
    }

    func getDocument(_ input: Operations.GetDocument.Input) async throws -> Operations.GetDocument.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        return .ok(.init(body: .json(try await findDocument(input.path.doc, in: organization))))
    }

    func deleteDocument(_ input: Operations.DeleteDocument.Input) async throws -> Operations.DeleteDocument.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let document = try await findDocument(input.path.doc, in: organization)
        try await database.transaction { db in
            try await DocumentStore().delete(document.id, organizationID: organization.id, on: db)
            try await AuditLog.record("docs.delete", target: ("document", document.id), organizationID: organization.id, actor: Actor(principal),
                                      details: ["path": document.path], on: db)
        }
        return .noContent(.init())
    }

    func uploadDocuments(_ input: Operations.UploadDocuments.Input) async throws -> Operations.UploadDocuments.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let upload) = input.body else { throw APIError.badQuery("expected JSON") }
        guard upload.documents.count <= Self.maxDocumentsPerUpload else {
            throw APIError.invalid("at most \(Self.maxDocumentsPerUpload) documents per upload", field: "documents")
        }
        for file in upload.documents { try DocumentStore.validate(file) }
        guard Set(upload.documents.map(\.path)).count == upload.documents.count else { throw APIError.invalid("a path appears twice", field: "documents") }
        let serverID = try await upload.server.asyncMap { try await documentServer($0, in: organization, status: .unprocessableContent) }
        let now = nowMillis()
        let jobs = services.jobs
        let result = try await database.transaction { db -> APIDocumentUploadResult in
            let store = DocumentStore()
            var result = APIDocumentUploadResult(created: [], updated: [], unchanged: [], failed: [])
            for file in upload.documents {
                switch try await store.store(file, organizationID: organization.id, serverID: serverID, now: now, on: db) {
                case .created(let id):
                    result.created.append(file.path)
                    try await DocumentIndexer.enqueue(id, hash: file.contentHash, organizationID: organization.id, jobs: jobs, on: db)
                case .updated(let id):
                    result.updated.append(file.path)
                    try await DocumentIndexer.enqueue(id, hash: file.contentHash, organizationID: organization.id, jobs: jobs, on: db)
                case .unchanged: result.unchanged.append(file.path)
                case .failed(let reason): result.failed.append(APIDocumentFailure(path: file.path, error: reason))
                }
            }
            if !result.created.isEmpty || !result.updated.isEmpty || !result.failed.isEmpty {
                try await AuditLog.record("docs.upload", target: ("organization", organization.id), organizationID: organization.id, actor: Actor(principal),
                                          details: ["created": "\(result.created.count)", "updated": "\(result.updated.count)",
                                                    "failed": "\(result.failed.count)", "server": upload.server ?? ""], on: db)
            }
            return result
        }
        return .ok(.init(body: .json(result)))
    }

    func pruneDocuments(_ input: Operations.PruneDocuments.Input) async throws -> Operations.PruneDocuments.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let prune) = input.body else { throw APIError.badQuery("expected JSON") }
        let serverID = try await prune.server.asyncMap { try await documentServer($0, in: organization, status: .unprocessableContent) }
        let deleted = try await database.transaction { db in
            let deleted = try await DocumentStore().prune(organizationID: organization.id, serverKey: serverID ?? "", prefix: prune.prefix,
                                                          keep: Set(prune.keep), on: db)
            if !deleted.isEmpty {
                try await AuditLog.record("docs.prune", target: ("organization", organization.id), organizationID: organization.id, actor: Actor(principal),
                                          details: ["deleted": "\(deleted.count)", "prefix": prune.prefix, "server": prune.server ?? ""], on: db)
            }
            return deleted
        }
        return .ok(.init(body: .json(APIDocumentPruneResult(deleted: deleted))))
    }

    /// `?q=…&server=SLUG&limit=N`: ranked passages (a server sees its own and the org-wide documents).
    func searchDocuments(_ input: Operations.SearchDocuments.Input) async throws -> Operations.SearchDocuments.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let query = input.query
        guard !query.q.trimmingCharacters(in: .whitespaces).isEmpty, query.q.count <= 500 else {
            throw APIError.badQuery("q is the search text (1 to 500 characters)")
        }
        let limit = query.limit ?? 10
        guard (1...50).contains(limit) else { throw APIError.badQuery("limit is a number from 1 to 50") }
        let serverID = try await query.server.asyncMap { try await documentServer($0, in: organization, status: .badRequest) }
        let results = try await search.search(query.q, in: DocumentSearch.Scope(organizationID: organization.id, serverID: serverID), limit: limit)
        return .ok(.init(body: .json(.init(items: results, nextCursor: nil))))
    }

    private func documentServer(_ slug: String, in organization: Organization, status: HTTPResponse.Status) async throws -> String {
        guard let server = try await database.withConnection({ try await ServerStore().find(slug, organizationID: organization.id, on: $0) }) else {
            throw APIError(status: status, code: status == .badRequest ? "bad_request" : "invalid", message: "no server '\(slug)' in \(organization.slug)")
        }
        return server.id
    }

    private func findDocument(_ id: String, in organization: Organization) async throws -> APIDocument {
        guard let document = try await database.withConnection({ try await DocumentStore().find(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no document '\(id)' in \(organization.slug)")
        }
        return document
    }
}

extension DocumentIndexer {
    /// Queues the indexing of one stored version of a document (deduplicated by content).
    static func enqueue(_ id: String, hash: String, organizationID: String, jobs: JobQueue, on db: any SQLDatabase) async throws {
        try await jobs.enqueue(kind: kind, payload: payload(documentID: id, hash: hash), organizationID: organizationID,
                               dedupeKey: "docs:\(id):\(hash)", on: db)
    }
}

extension DocumentStore {
    /// A path is relative, without `..`, control characters or backslashes, at most 500
    /// characters; a hash is 64 lower-case hex digits matching the content sent.
    static func validate(_ file: APIDocumentFile) throws {
        let path = file.path
        guard !path.isEmpty, path.count <= 500, !path.hasPrefix("/"), !path.contains("\\"),
              !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
              !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.invalid("'\(path.prefix(80))' is not a relative path like guides/install.md", field: "path")
        }
        guard file.contentHash.count == 64, file.contentHash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw APIError.invalid("\(path): content_hash is the lower-case hex SHA-256 of the file", field: "content_hash")
        }
        guard file.size >= 0 else { throw APIError.invalid("\(path): size is negative", field: "size") }
        if let base64 = file.contentBase64 {
            guard let data = Data(base64Encoded: base64) else { throw APIError.invalid("\(path): content_base64 is not base64", field: "content_base64") }
            guard DocumentStore.hash(data) == file.contentHash, Int64(data.count) == file.size else {
                throw APIError.invalid("\(path): the content does not match its hash and size", field: "content_hash")
            }
        }
    }
}
