import Foundation
import Shared
import SQLKit

/// Full-text search over the knowledge base behind one interface: SQLite FTS5 ranked by bm25
/// (title, heading and text weighted 5 : 2 : 1, porter stemming) or PostgreSQL `tsvector`
/// ranked by `ts_rank_cd` (weights A/B/C, english stemming). Either way a query matches
/// passages containing any of its words, the best first, with the words highlighted. Only
/// indexed documents have chunks (indexing writes them and the status in one transaction).
struct DocumentSearch: Sendable {
    let database: Database

    /// Where to search: the organization's documents, optionally only those a server sees (its
    /// own and the org-wide ones).
    struct Scope: Sendable {
        let organizationID: String
        let serverID: String?
    }

    /// The words of a query as the engines accept them (letters and digits; at most 32).
    static func words(_ query: String) -> [String] {
        Array(query.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).filter { $0.count <= 64 }.prefix(32))
    }

    func search(_ query: String, in scope: Scope, limit: Int) async throws -> [APISearchResult] {
        let words = Self.words(query)
        guard !words.isEmpty else { return [] }
        return try await database.withConnection { db in
            switch database.engine {
            case .sqlite: try await sqlite(words, scope: scope, limit: limit, on: db)
            case .postgres: try await postgres(words, scope: scope, limit: limit, on: db)
            }
        }
    }

    private func sqlite(_ words: [String], scope: Scope, limit: Int, on db: any SQLDatabase) async throws -> [APISearchResult] {
        let match = words.map { "\"\($0)\"" }.joined(separator: " OR ")
        let rows = try await db.raw("""
            SELECT d.id AS document_id, d.title, d.path, d.url, s.slug AS server_slug, c.heading,
                   snippet(document_chunks_fts, 2, '**', '**', '…', 24) AS excerpt,
                   bm25(document_chunks_fts, 5.0, 2.0, 1.0) AS rank
            FROM document_chunks_fts
            JOIN document_chunks c ON c.seq = document_chunks_fts.rowid
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN mcp_servers s ON s.id = d.server_id
            WHERE document_chunks_fts MATCH \(bind: match) AND c.organization_id = \(bind: scope.organizationID) AND (\(bind: scope.serverID == nil) OR c.server_key = '' OR c.server_key = \(bind: scope.serverID ?? ""))
            ORDER BY rank, c.seq LIMIT \(bind: limit)
            """).all()
        return try rows.map { try Self.result($0, score: -(try $0.decode(column: "rank", as: Double.self))) }
    }

    private func postgres(_ words: [String], scope: Scope, limit: Int, on db: any SQLDatabase) async throws -> [APISearchResult] {
        let tsquery = words.joined(separator: " | ")
        // Rank and cut first, then highlight only the passages returned (ts_headline is costly).
        let rows = try await db.raw("""
            WITH top AS (
                SELECT c.seq, ts_rank_cd(c.search, to_tsquery('english', \(bind: tsquery)))::float8 AS rank
                FROM document_chunks c
                WHERE c.search @@ to_tsquery('english', \(bind: tsquery)) AND c.organization_id = \(bind: scope.organizationID)
                  AND (\(bind: scope.serverID == nil) OR c.server_key = '' OR c.server_key = \(bind: scope.serverID ?? ""))
                ORDER BY rank DESC, c.seq LIMIT \(bind: limit)
            )
            SELECT d.id AS document_id, d.title, d.path, d.url, s.slug AS server_slug, c.heading, top.rank,
                   ts_headline('english', c.content, to_tsquery('english', \(bind: tsquery)),
                               'StartSel=**, StopSel=**, MaxWords=36, MinWords=12, FragmentDelimiter=" … "') AS excerpt
            FROM top JOIN document_chunks c ON c.seq = top.seq
            JOIN documents d ON d.id = c.document_id LEFT JOIN mcp_servers s ON s.id = d.server_id
            ORDER BY top.rank DESC, c.seq
            """).all()
        return try rows.map { try Self.result($0, score: try $0.decode(column: "rank", as: Double.self)) }
    }

    private static func result(_ row: any SQLRow, score: Double) throws -> APISearchResult {
        APISearchResult(
            documentId: try row.decode(column: "document_id", as: String.self), title: try row.decode(column: "title", as: String.self),
            path: try row.decode(column: "path", as: String.self), url: try row.decode(column: "url", as: String?.self),
            heading: try row.decode(column: "heading", as: String.self),
            excerpt: try row.decode(column: "excerpt", as: String.self).split(whereSeparator: \.isNewline).joined(separator: " "),
            score: (score * 1000).rounded() / 1000, serverSlug: try row.decode(column: "server_slug", as: String?.self))
    }
}
