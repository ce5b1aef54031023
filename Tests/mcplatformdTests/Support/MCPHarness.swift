import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The public listener on a real socket plus the admin API in process, over one test database:
/// an organization `acme` with server `acme-docs` exists, and `token` is its owner's.
struct MCPHarness: Sendable {
    let api: AdminAPIClient
    let services: AppServices
    let port: Int
    let token: String

    /// One HTTP exchange with the MCP endpoint.
    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        var json: JSONValue { (try? JSONValue.parse(Data(text.utf8))) ?? .null }
        var errorCode: Int64? {
            if case .int(let code)? = json["error"]?["code"] { return code }
            return nil
        }
        var result: JSONValue? { json["result"] }
        var sessionID: String? { headers[HTTPField.Name("Mcp-Session-Id")!] }
        /// The text of a tool result.
        var toolText: String? { if case .array(let content)? = result?["content"] { return content.first?["text"]?.stringValue } else { return nil } }
    }

    /// Sends `body` with `method` to `path` on `host` (the path form's host by default).
    func send(_ path: String = "/s/acme-docs/mcp", method: HTTPRequest.Method = .post, body: String? = nil,
              headers: [String: String] = [:], host: String? = nil) async throws -> Reply {
        try await mcpSend(port: port, path, method: method, body: body, headers: headers, host: host)
    }

    /// `initialize` at `version`; returns the reply (session id in its headers).
    func initialize(_ version: String = "2025-11-25", path: String = "/s/acme-docs/mcp") async throws -> Reply {
        try await send(path, body: #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"harness","version":"1.0"}}}"#)
    }

    /// A legacy-era request in session `session`.
    func legacy(_ method: String, _ params: String = "{}", session: String, version: String? = "2025-11-25",
                path: String = "/s/acme-docs/mcp", id: Int = 2) async throws -> Reply {
        var headers = ["Mcp-Session-Id": session]
        if let version { headers["MCP-Protocol-Version"] = version }
        return try await send(path, body: #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#, headers: headers)
    }

    /// A stateless-era request with the envelope and headers a 2026-07-28 client sends.
    func modern(_ method: String, name: String? = nil, arguments: String? = nil, path: String = "/s/acme-docs/mcp",
                headers extra: [String: String] = [:]) async throws -> Reply {
        var params = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"harness","version":"2.0"}}"#
        if let name { params += #","name":"\#(name)""# }
        if let arguments { params += #","arguments":\#(arguments)"# }
        var headers = ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": method]
        if let name { headers["Mcp-Name"] = name }
        headers.merge(extra) { $1 }
        return try await send(path, body: #"{"jsonrpc":"2.0","id":7,"method":"\#(method)","params":{\#(params)}}"#, headers: headers)
    }

    static let supportArguments = #"{"title":"Build fails","problem_description":"acme build exits 3","email":"ada@example.com"}"#

    /// Rows in `table`.
    func count(_ table: String) async throws -> Int {
        try await services.database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}

/// One HTTP exchange with an MCP endpoint listening on loopback `port`, with any `Host`.
func mcpSend(port: Int, _ path: String, method: HTTPRequest.Method = .post, body: String? = nil, headers: [String: String] = [:],
             host: String? = nil) async throws -> MCPHarness.Reply {
    var fields = HTTPFields()
    if body != nil { fields[.contentType] = "application/json" }
    fields[.accept] = "application/json, text/event-stream"
    for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
    let request = TestClient.Request(path, method: method, authority: host ?? "127.0.0.1:\(port)", headers: fields,
                                     body: body.map { ByteBuffer(string: $0) } ?? ByteBuffer())
    // A generous read timeout: the whole suite runs in parallel on two cores in CI, and these tests
    // are about what is answered, never how fast (bench/run measures that).
    return try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))) { client in
        let response = try await client.execute(request)
        return MCPHarness.Reply(status: response.status, headers: response.headers, text: String(buffer: response.body ?? ByteBuffer()))
    }
}

/// Runs `body` with the MCP endpoint live on port 0 over a fresh database of `engine`.
func withMCPEndpoint(_ engine: TestEngine, configure: @escaping @Sendable (inout DaemonConfiguration) -> Void = { _ in },
                     _ body: @escaping @Sendable (MCPHarness) async throws -> Void) async throws {
    try await withTestDatabase(engine) { database, _ in
        var configuration = try ConfigurationLoader(flags: [:], environment: ["HOME": "/tmp/none"]).load()
        configuration.baseDomain = "mcp.test"
        configuration.mcpToolCallsPerMinute = 0
        configuration.mcpToolCallsPerMinutePerAddress = 0
        configuration.mcpTicketsPerHour = 0
        configuration.mcpTicketsPerHourPerAddress = 0
        configuration.mcpSessionsPerHour = 0
        configuration.mcpSessionsPerHourPerAddress = 0
        configuration.signupsPerHour = 0
        configuration.signupsPerHourPerAddress = 0
        configure(&configuration)
        let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
        let services = try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                   keyRing: ring, jobs: JobQueue(database: database), passwordHasher: PasswordHasher(rounds: 1 << 10))
        let admin = buildApplication(name: "admin", router: try buildAdminRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                     logger: TestDatabase.logger, listener: .admin(configuration))
        let publicApp = buildApplication(name: "public", router: buildPublicRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                         logger: TestDatabase.logger, listener: .publicListener(configuration))
        try await admin.test(.router) { adminClient in
            let api = AdminAPIClient(client: adminClient)
            let token = try await AdminAPITests.signupWithOrganization(api, email: "owner@acme.test", slug: "acme")
            let created = try await api.call(.post, "/v1/orgs/acme/servers", token: token,
                                             json: ServerFields(slug: "acme-docs", name: "Acme Docs", productName: "Acme", instructions: "Ask Acme."))
            #expect(created.status == .created)
            try await publicApp.test(.live) { client in
                let port = try #require(client.port)
                // As the daemon does once its public listener bound port 0.
                if services.configuration.publicURL == nil {
                    services.publicURL.update { $0 = services.configuration.effectivePublicURL(boundPort: port) }
                }
                try await body(MCPHarness(api: api, services: services, port: port, token: token))
            }
        }
    }
}
