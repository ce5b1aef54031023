import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/docs`: the knowledge base. Admins upload, prune and delete; members list,
/// read and search. Uploaded documents are indexed by `docs.index` jobs.
struct DocumentController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let jobs: JobQueue
    let search: DocumentSearch
    let store = DocumentStore()
    static let maxFilesPerUpload = 500

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/docs", use: list)
        group.post(":org/docs/upload", use: upload)
        group.post(":org/docs/prune", use: prune)
        group.get(":org/docs/search", use: searchDocs)
        group.get(":org/docs/:doc", use: show)
        group.delete(":org/docs/:doc", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIDocument> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let parameters = request.uri.queryParameters
        var serverKey: String?
        if parameters.get("org_wide") == "true" {
            serverKey = ""
        } else if let slug = parameters.get("server") {
            serverKey = try await resolveServer(slug, organization: organization, status: .badRequest)
        }
        let status = parameters.get("status")
        if let status, !["pending", "indexed", "failed"].contains(status) { throw APIError.badQuery("status is pending, indexed or failed") }
        let page = try Pagination(request)
        let rows = try await database.withConnection { db in
            try await store.list(organizationID: organization.id, serverKey: serverKey, prefix: parameters.get("prefix"), path: parameters.get("path"),
                                 status: status, page: page, on: db)
        }
        let (items, next) = page.page(rows) { ($0.createdAt.epochMillis, $0.id) }
        return Page(items: items, nextCursor: next)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIDocument {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return try await find(try context.parameters.require("doc"), organization: organization)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let document = try await find(try context.parameters.require("doc"), organization: organization)
        try await database.transaction { db in
            try await store.delete(document.id, organizationID: organization.id, on: db)
            try await AuditLog.record("docs.delete", target: ("document", document.id), organizationID: organization.id, actor: Actor(principal),
                                      details: ["path": document.path], on: db)
        }
        return .noContent
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> APIDocumentUploadResult {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIDocumentUpload.self, context: context)
        guard input.documents.count <= Self.maxFilesPerUpload else {
            throw APIError.invalid("at most \(Self.maxFilesPerUpload) documents per upload", field: "documents")
        }
        for file in input.documents { try Self.validate(file) }
        guard Set(input.documents.map(\.path)).count == input.documents.count else { throw APIError.invalid("a path appears twice", field: "documents") }
        let serverID = try await input.server.asyncMap { try await resolveServer($0, organization: organization, status: .unprocessableContent) }
        let now = nowMillis()
        let result = try await database.transaction { db -> APIDocumentUploadResult in
            var result = APIDocumentUploadResult(created: [], updated: [], unchanged: [], failed: [])
            for file in input.documents {
                switch try await store.store(file, organizationID: organization.id, serverID: serverID, now: now, on: db) {
                case .created(let id):
                    result.created.append(file.path)
                    try await enqueue(id, hash: file.contentHash, organizationID: organization.id, on: db)
                case .updated(let id):
                    result.updated.append(file.path)
                    try await enqueue(id, hash: file.contentHash, organizationID: organization.id, on: db)
                case .unchanged: result.unchanged.append(file.path)
                case .failed(let reason): result.failed.append(APIDocumentFailure(path: file.path, error: reason))
                }
            }
            if !result.created.isEmpty || !result.updated.isEmpty || !result.failed.isEmpty {
                try await AuditLog.record("docs.upload", target: ("organization", organization.id), organizationID: organization.id, actor: Actor(principal),
                                          details: ["created": "\(result.created.count)", "updated": "\(result.updated.count)",
                                                    "failed": "\(result.failed.count)", "server": input.server ?? ""], on: db)
            }
            return result
        }
        return result
    }

    @Sendable func prune(_ request: Request, context: AppRequestContext) async throws -> APIDocumentPruneResult {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIDocumentPrune.self, context: context)
        let serverID = try await input.server.asyncMap { try await resolveServer($0, organization: organization, status: .unprocessableContent) }
        let deleted = try await database.transaction { db in
            let deleted = try await store.prune(organizationID: organization.id, serverKey: serverID ?? "", prefix: input.prefix, keep: Set(input.keep), on: db)
            if !deleted.isEmpty {
                try await AuditLog.record("docs.prune", target: ("organization", organization.id), organizationID: organization.id, actor: Actor(principal),
                                          details: ["deleted": "\(deleted.count)", "prefix": input.prefix, "server": input.server ?? ""], on: db)
            }
            return deleted
        }
        return APIDocumentPruneResult(deleted: deleted)
    }

    /// `?q=…&server=SLUG&limit=N`: ranked passages (a server sees its own and the org-wide documents).
    @Sendable func searchDocs(_ request: Request, context: AppRequestContext) async throws -> Page<APISearchResult> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let parameters = request.uri.queryParameters
        guard let query = parameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty, query.count <= 500 else {
            throw APIError.badQuery("q is the search text (1 to 500 characters)")
        }
        let limit = try parameters.get("limit").map { text in
            guard let value = Int(text), (1...50).contains(value) else { throw APIError.badQuery("limit is a number from 1 to 50") }
            return value
        } ?? 10
        let serverID = try await parameters.get("server").asyncMap { try await resolveServer($0, organization: organization, status: .badRequest) }
        let results = try await search.search(query, in: DocumentSearch.Scope(organizationID: organization.id, serverID: serverID), limit: limit)
        return Page(items: results, nextCursor: nil)
    }

    private func enqueue(_ id: String, hash: String, organizationID: String, on db: any SQLDatabase) async throws {
        try await jobs.enqueue(kind: DocumentIndexer.kind, payload: DocumentIndexer.payload(documentID: id, hash: hash), organizationID: organizationID,
                               dedupeKey: "docs:\(id):\(hash)", on: db)
    }

    private func resolveServer(_ slug: String, organization: Organization, status: HTTPResponse.Status) async throws -> String {
        guard let server = try await database.withConnection({ try await ServerStore().find(slug, organizationID: organization.id, on: $0) }) else {
            throw APIError(status: status, code: status == .badRequest ? "bad_request" : "invalid", message: "no server '\(slug)' in \(organization.slug)")
        }
        return server.id
    }

    private func find(_ id: String, organization: Organization) async throws -> APIDocument {
        guard let document = try await database.withConnection({ try await store.find(id, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no document '\(id)' in \(organization.slug)")
        }
        return document
    }

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
