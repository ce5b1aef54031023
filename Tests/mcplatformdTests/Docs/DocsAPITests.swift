import Crypto
import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The knowledge base through the admin API and the MCP endpoint, in process.
@Suite("Docs API")
struct DocsAPITests {
    static func file(_ path: String, _ text: String) -> APIDocumentFile {
        let data = Data(text.utf8)
        return APIDocumentFile(path: path, contentHash: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                               size: Int64(data.count), contentBase64: data.base64EncodedString())
    }

    /// Runs the indexing jobs' work for every pending document (no job worker runs in process).
    static func indexPending(_ services: AppServices) async throws {
        let pending = try await services.database.withConnection { db in
            try await db.select().columns("id", "content_hash").from("documents").where("status", .equal, "pending").all()
                .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "content_hash", as: String.self)) }
        }
        for (id, hash) in pending {
            try await DocumentIndexer(database: services.database, logger: TestDatabase.logger).index(documentID: id, hash: hash)
        }
    }

    static func search(_ mcp: MCPHarness, org: String, token: String, _ query: String, server: String? = nil) async throws -> [APISearchResult] {
        let path = "/v1/orgs/\(org)/docs/search?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query)" + (server.map { "&server=\($0)" } ?? "")
        let reply = try await mcp.api.call(.get, path, token: token)
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(Page<APISearchResult>.self).items
    }

    @Test("search_docs is offered once something is indexed and docs search is on; its calls are recorded with the query", arguments: TestEngine.all)
    func toolOffering(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let tools = { () async throws -> [String] in
                let reply = try await mcp.modern("tools/list")
                guard case .array(let list)? = reply.result?["tools"] else { return [] }
                return list.compactMap { $0["name"]?.stringValue }.sorted()
            }
            #expect(try await tools() == ["get_my_tickets", "get_support", "reply_to_ticket"])
            let upload = try await mcp.api.call(.post, "/v1/orgs/acme/docs/upload", token: mcp.token,
                                                json: APIDocumentUpload(server: "acme-docs", documents: [Self.file("a.md", "# Alpha\n\nThe flux capacitor needs 1.21 gigawatts.")]))
            #expect(try upload.decode(APIDocumentUploadResult.self).created == ["a.md"])
            #expect(try await tools() == ["get_my_tickets", "get_support", "reply_to_ticket"], "pending documents are not searchable yet")
            try await Self.indexPending(mcp.services)
            #expect(await eventually(timeout: .seconds(5)) { (try? await tools()) == ["get_my_tickets", "get_support", "reply_to_ticket", "search_docs"] }, "offered once indexed")

            let call = try await mcp.modern("tools/call", name: "search_docs", arguments: #"{"query":"flux capacitor","limit":2}"#)
            #expect(call.toolText?.hasPrefix("1. Alpha — a.md") == true, "\(call.text)")

            let miss = try await mcp.modern("tools/call", name: "search_docs", arguments: #"{"query":"zebra"}"#)
            #expect(miss.toolText?.contains("Nothing in the Acme documentation matches") == true)
            let bad = try await mcp.modern("tools/call", name: "search_docs", arguments: #"{"query":"flux","limit":99}"#)
            #expect(bad.result?["isError"] == true)
            let recorded = try await mcp.services.database.withConnection { db in
                try await db.select().columns("arguments", "outcome").from("tool_calls").where("tool", .equal, "search_docs").orderBy("created_at").all()
                    .map { (try $0.decode(column: "arguments", as: String.self), try $0.decode(column: "outcome", as: String.self)) }
            }
            #expect(recorded.count == 3 && recorded[0].0.contains("flux capacitor") && recorded[2].1 == "error")

            // Front matter gives a title and a URL (shown instead of the path) and is not indexed itself.
            let withFront = Self.file("b.md", "---\ntitle: Delorean manual\nurl: https://docs.acme.example/delorean\nsecret_key: plutonium\n---\n\n# Ignored heading\n\nThe delorean reaches 88 mph.")
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/docs/upload", token: mcp.token,
                                           json: APIDocumentUpload(server: "acme-docs", documents: [withFront])).status == .ok)
            try await Self.indexPending(mcp.services)
            let delorean = try await Self.search(mcp, org: "acme", token: mcp.token, "delorean")
            #expect(delorean.first?.title == "Delorean manual" && delorean.first?.url == "https://docs.acme.example/delorean")
            #expect(try await Self.search(mcp, org: "acme", token: mcp.token, "plutonium").isEmpty, "front matter is not indexed")
            let byURL = try await mcp.modern("tools/call", name: "search_docs", arguments: #"{"query":"delorean"}"#)
            #expect(byURL.toolText?.hasPrefix("1. Delorean manual — https://docs.acme.example/delorean") == true, "\(byURL.text)")

            let off = try await mcp.api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: mcp.token, json: ServerFields(docsSearchEnabled: false))
            #expect(off.status == .ok)
            #expect(await eventually(timeout: .seconds(5)) { (try? await tools()) == ["get_my_tickets", "get_support", "reply_to_ticket"] }, "docs search off: not offered")
        }
    }

    @Test("isolation: another organization's search, list, show, delete and prune never see or touch these documents", arguments: TestEngine.all)
    func isolation(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            #expect(try await mcp.api.call(.post, "/v1/orgs/beta/servers", token: beta, json: ServerFields(slug: "beta-docs", name: "Beta")).status == .created)
            let acmeUpload = try await mcp.api.call(.post, "/v1/orgs/acme/docs/upload", token: mcp.token,
                                                    json: APIDocumentUpload(server: nil, documents: [Self.file("guide.md", "# Guide\n\nSecret sauce recipe for acme.")]))
            #expect(acmeUpload.status == .ok)
            #expect(try await mcp.api.call(.post, "/v1/orgs/beta/docs/upload", token: beta,
                                           json: APIDocumentUpload(server: "beta-docs", documents: [Self.file("guide.md", "# Guide\n\nBeta sauce notes.")])).status == .ok)
            try await Self.indexPending(mcp.services)

            #expect(try await Self.search(mcp, org: "beta", token: beta, "sauce").map(\.title) == ["Guide"])
            #expect(try await Self.search(mcp, org: "beta", token: beta, "secret recipe acme").isEmpty)
            #expect(try await Self.search(mcp, org: "beta", token: beta, "sauce", server: "beta-docs").first?.excerpt.contains("Beta") == true)
            #expect(try await Self.search(mcp, org: "acme", token: mcp.token, "beta notes").isEmpty)
            let acmeDocs = try await mcp.api.call(.get, "/v1/orgs/acme/docs", token: mcp.token).decode(Page<APIDocument>.self).items
            let acmeID = try #require(acmeDocs.first?.id)
            #expect(try await mcp.api.call(.get, "/v1/orgs/beta/docs/\(acmeID)", token: beta).status == .notFound)
            #expect(try await mcp.api.call(.delete, "/v1/orgs/beta/docs/\(acmeID)", token: beta).status == .notFound)
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/docs", token: beta).status == .notFound)
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/docs/search?q=sauce", token: beta).status == .notFound)
            let pruned = try await mcp.api.call(.post, "/v1/orgs/beta/docs/prune", token: beta, json: APIDocumentPrune(server: nil, prefix: "", keep: []))
            #expect(try pruned.decode(APIDocumentPruneResult.self).deleted.isEmpty)
            #expect(try await mcp.api.call(.post, "/v1/orgs/beta/docs/upload", token: beta,
                                           json: APIDocumentUpload(server: "acme-docs", documents: [Self.file("x.md", "x")])).status == .unprocessableContent,
                    "another organization's server is unknown here")
            #expect(try await mcp.count("documents") == 2)
        }
    }

    @Test("bad uploads are refused whole: paths, hashes, duplicates; nothing is stored", arguments: TestEngine.all)
    func badUploads(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            var wrongHash = Self.file("a.md", "text")
            wrongHash.contentHash = String(repeating: "0", count: 64)
            let cases: [[APIDocumentFile]] = [
                [Self.file("../etc/passwd", "x")], [Self.file("/abs.md", "x")], [Self.file("a//b.md", "x")], [Self.file("", "x")],
                [wrongHash], [Self.file("a.md", "x"), Self.file("a.md", "y")],
            ]
            for documents in cases {
                let reply = try await mcp.api.call(.post, "/v1/orgs/acme/docs/upload", token: mcp.token, json: APIDocumentUpload(server: nil, documents: documents))
                #expect(reply.status == .unprocessableContent, "\(documents.map(\.path))")
            }
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/docs/search", token: mcp.token).status == .badRequest)
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme/docs?status=lost", token: mcp.token).status == .badRequest)
            #expect(try await mcp.count("documents") == 0)
            #expect(try await mcp.count("jobs") == 0)
        }
    }
}
