import Foundation
import Shared

/// `search_docs`: ranked passages of the organization's documentation (the server's own and
/// the org-wide documents), offered when docs search is on and something is indexed (docs/MCP.md
/// "Tools"). The query is recorded with the call, so analytics can show what users look for.
struct SearchDocsTool: MCPTool {
    let search: DocumentSearch
    let name = "search_docs"
    static let defaultLimit = 5

    func isOffered(by server: HostedServer) -> Bool { server.settings.docsSearchEnabled && server.hasIndexedDocuments }

    func purpose(for server: HostedServer) -> String {
        "search the \(server.settings.productName) documentation before answering"
    }

    /// Reads the organization's own documents only.
    static let annotations = ToolAnnotations(readOnly: true, destructive: false, idempotent: true, openWorld: false)

    static let outputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "query": ["type": "string"],
            "results": [
                "type": "array",
                "items": [
                    "type": "object",
                    "properties": [
                        "document": ["type": "string", "description": "The document's title."],
                        "path": ["type": "string", "description": "The document's path, to cite."],
                        "heading": ["type": "string", "description": "The section the passage is in (empty at the top)."],
                        "url": ["type": "string", "description": "Where the page is published, when known."],
                        "excerpt": ["type": "string"],
                    ],
                    "required": ["document", "path", "heading", "excerpt"],
                ],
            ],
        ],
        "required": ["query", "results"],
    ]

    func definition(for server: HostedServer) -> ToolDefinition {
        let product = server.settings.productName
        return ToolDefinition(
            name: name, title: "Search the \(product) documentation",
            description: "Search the \(product) documentation and get the most relevant passages, each with its page title, path and section. "
                + "Use it before answering questions about \(product) or when the user is stuck; quote what you use and cite the path.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "query": ["type": "string", "minLength": 1, "maxLength": 500,
                              "description": .string("What to look for in the \(product) docs: a question or keywords.")],
                    "limit": ["type": "integer", "minimum": 1, "maximum": 20, "description": "How many passages to return (default 5)."],
                ],
                "required": ["query"], "additionalProperties": false,
            ],
            annotations: Self.annotations, outputSchema: Self.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        let query = invocation.arguments["query"]?.stringValue ?? ""
        var limit = Self.defaultLimit
        if case .int(let value)? = invocation.arguments["limit"] { limit = Int(value) }
        let results = try await search.search(query, in: DocumentSearch.Scope(organizationID: invocation.server.organizationID, serverID: invocation.server.id),
                                              limit: limit)
        let product = invocation.server.settings.productName
        guard !results.isEmpty else {
            let text = "Nothing in the \(product) documentation matches \"\(query)\". Try other words, or offer the user get_support."
            return ToolOutcome(text: { _ in text }, structured: { _ in ["query": .string(query), "results": []] }, summary: { _ in "0 results" })
        }
        let text = results.enumerated().map { index, result in
            var lines = ["\(index + 1). \(result.title) — \(result.url ?? result.path)"]
            if !result.heading.isEmpty { lines.append("   Section: \(result.heading)") }
            lines.append("   \(result.excerpt)")
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
        let hits: [JSONValue] = results.map { result in
            var hit: JSONObject = ["document": .string(result.title), "path": .string(result.path), "heading": .string(result.heading)]
            if let url = result.url { hit["url"] = .string(url) }
            hit["excerpt"] = .string(result.excerpt)
            return .object(hit)
        }
        let top = results[0].path
        return ToolOutcome(text: { _ in text }, structured: { _ in ["query": .string(query), "results": .array(hits)] },
                           summary: { _ in "\(results.count) results; top: \(top)" })
    }
}
