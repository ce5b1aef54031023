import Foundation

/// A document of the organization's knowledge base: org-wide, or one server's.
public struct APIDocument: Codable, Sendable, Equatable {
    public var id: String
    /// Where it came from, with the upload's prefix: `guides/install.md`.
    public var path: String
    public var title: String
    public var url: String?
    /// The server it belongs to; nil for org-wide documents.
    public var serverSlug: String?
    public var contentHash: String
    public var size: Int64
    /// `pending`, `indexed` or `failed`.
    public var status: String
    public var error: String?
    public var chunkCount: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var indexedAt: Date?

    public init(id: String, path: String, title: String, url: String?, serverSlug: String?, contentHash: String, size: Int64, status: String,
                error: String?, chunkCount: Int, createdAt: Date, updatedAt: Date, indexedAt: Date?) {
        self.id = id
        self.path = path
        self.title = title
        self.url = url
        self.serverSlug = serverSlug
        self.contentHash = contentHash
        self.size = size
        self.status = status
        self.error = error
        self.chunkCount = chunkCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.indexedAt = indexedAt
    }
}

/// One file of an upload. Content travels base64-encoded, so the daemon itself decides what is
/// not text; it is left out for files over the size limit (the document then fails as too large).
public struct APIDocumentFile: Codable, Sendable, Equatable {
    public var path: String
    /// Lower-case hex SHA-256 of the raw bytes.
    public var contentHash: String
    public var size: Int64
    public var contentBase64: String?

    public init(path: String, contentHash: String, size: Int64, contentBase64: String?) {
        self.path = path
        self.contentHash = contentHash
        self.size = size
        self.contentBase64 = contentBase64
    }
}

/// `POST /v1/orgs/{org}/docs/upload`: documents under one server (or org-wide) and prefix.
public struct APIDocumentUpload: Codable, Sendable, Equatable {
    /// A server's slug; nil for org-wide documents.
    public var server: String?
    public var documents: [APIDocumentFile]

    public init(server: String?, documents: [APIDocumentFile]) {
        self.server = server
        self.documents = documents
    }
}

/// What an upload did, by path.
public struct APIDocumentUploadResult: Codable, Sendable, Equatable {
    public var created: [String]
    public var updated: [String]
    public var unchanged: [String]
    /// Documents stored as `failed` at once (not text, too large), with the reason.
    public var failed: [APIDocumentFailure]

    public init(created: [String] = [], updated: [String] = [], unchanged: [String] = [], failed: [APIDocumentFailure] = []) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.failed = failed
    }
}

/// A document that could not be indexed, and why.
public struct APIDocumentFailure: Codable, Sendable, Equatable {
    public var path: String
    public var error: String

    public init(path: String, error: String) {
        self.path = path
        self.error = error
    }
}

/// `POST /v1/orgs/{org}/docs/prune`: delete the documents of one server (or org-wide) under
/// `prefix` whose paths are not in `keep`.
public struct APIDocumentPrune: Codable, Sendable, Equatable {
    public var server: String?
    public var prefix: String
    public var keep: [String]

    public init(server: String?, prefix: String, keep: [String]) {
        self.server = server
        self.prefix = prefix
        self.keep = keep
    }
}

/// The paths a prune deleted.
public struct APIDocumentPruneResult: Codable, Sendable, Equatable {
    public var deleted: [String]

    public init(deleted: [String]) {
        self.deleted = deleted
    }
}

/// One ranked passage of the knowledge base.
public struct APISearchResult: Codable, Sendable, Equatable {
    public var documentId: String
    public var title: String
    public var path: String
    public var url: String?
    /// The headings above the passage: `Install › Linux`.
    public var heading: String
    /// The passage with the matched words in `**bold**`.
    public var excerpt: String
    /// Higher is better; comparable within one search only.
    public var score: Double
    public var serverSlug: String?

    public init(documentId: String, title: String, path: String, url: String?, heading: String, excerpt: String, score: Double, serverSlug: String?) {
        self.documentId = documentId
        self.title = title
        self.path = path
        self.url = url
        self.heading = heading
        self.excerpt = excerpt
        self.score = score
        self.serverSlug = serverSlug
    }
}

/// The limits both programs apply to documents.
public enum DocumentLimits {
    /// The largest document indexed, in bytes.
    public static let maxSize: Int64 = 1 << 20
    /// File extensions uploaded, with their content type.
    public static let contentTypes: [String: String] = [
        "md": "markdown", "markdown": "markdown", "mdx": "markdown", "txt": "text", "text": "text", "html": "html", "htm": "html",
    ]
}
