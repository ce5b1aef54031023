extension Migration {
    /// The knowledge base: documents (org-wide when `server_key` is empty, else one server's) and
    /// their chunks, with full-text search — FTS5 (porter stemming, bm25) on SQLite, a weighted
    /// `tsvector` with a GIN index on PostgreSQL.
    static let documents = Migration(version: 6, name: "documents") { dialect in
        let chunkKey = dialect.engine == .sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        var statements = [
            """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                server_id TEXT REFERENCES mcp_servers(id) ON DELETE CASCADE,
                server_key TEXT NOT NULL,
                path TEXT NOT NULL,
                title TEXT NOT NULL,
                url TEXT,
                content_type TEXT NOT NULL CHECK (content_type IN ('markdown', 'text', 'html')),
                content TEXT,
                content_hash TEXT NOT NULL,
                size BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'indexed', 'failed')),
                error TEXT,
                chunk_count BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                indexed_at BIGINT,
                UNIQUE (organization_id, server_key, path)
            )
            """,
            "CREATE INDEX documents_status ON documents (organization_id, status)",
            """
            CREATE TABLE document_chunks (
                \(chunkKey),
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                organization_id TEXT NOT NULL,
                server_key TEXT NOT NULL,
                ordinal BIGINT NOT NULL,
                title TEXT NOT NULL,
                heading TEXT NOT NULL,
                content TEXT NOT NULL
            )
            """,
            "CREATE INDEX document_chunks_document ON document_chunks (document_id)",
        ]
        switch dialect.engine {
        case .sqlite:
            statements += [
                """
                CREATE VIRTUAL TABLE document_chunks_fts USING fts5(
                    title, heading, content, content = 'document_chunks', content_rowid = 'seq', tokenize = 'porter unicode61')
                """,
                """
                CREATE TRIGGER document_chunks_fts_insert AFTER INSERT ON document_chunks BEGIN
                    INSERT INTO document_chunks_fts (rowid, title, heading, content) VALUES (new.seq, new.title, new.heading, new.content);
                END
                """,
                """
                CREATE TRIGGER document_chunks_fts_delete AFTER DELETE ON document_chunks BEGIN
                    INSERT INTO document_chunks_fts (document_chunks_fts, rowid, title, heading, content)
                    VALUES ('delete', old.seq, old.title, old.heading, old.content);
                END
                """,
            ]
        case .postgres:
            statements += [
                """
                ALTER TABLE document_chunks ADD COLUMN search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', heading), 'B')
                    || setweight(to_tsvector('english', content), 'C')) STORED
                """,
                // No pending list: a bulk upload would otherwise leave searches scanning it until the next vacuum.
                // And no btree on the organization: before statistics exist the planner would take it over
                // this index and read every chunk of the organization.
                "CREATE INDEX document_chunks_search ON document_chunks USING GIN (search) WITH (fastupdate = off)",
            ]
        }
        return statements
    }
}
