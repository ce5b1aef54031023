import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

/// Drives the admin router in process, as mcpctl would over HTTP.
struct AdminAPIClient {
    let client: any TestClientProtocol

    struct Reply {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: Data

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try APICoding.makeDecoder().decode(type, from: body) }
        var errorCode: String? { try? JSONDecoder().decode(ErrorEnvelopeProbe.self, from: body).error.code }
        var errorMessage: String? { try? JSONDecoder().decode(ErrorEnvelopeProbe.self, from: body).error.message }
    }

    func call(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: (any Encodable)? = nil,
              raw: String? = nil, headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try APICoding.makeEncoder().encode(json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }
}

/// Runs `body` against a fresh admin router on `engine`.
func withAdminAPI(_ engine: TestEngine, allowSignup: Bool = true,
                  _ body: @escaping @Sendable (AdminAPIClient, AppServices) async throws -> Void) async throws {
    try await withTestDatabase(engine) { database, _ in
        var configuration = try ConfigurationLoader(flags: [.allowSignup: String(allowSignup)], environment: ["HOME": "/tmp/none"]).load()
        configuration.baseDomain = "mcp.example.com"
        configuration.publicURL = URL(string: "https://mcp.example.com")
        configuration.signupsPerHour = 0
        configuration.signupsPerHourPerAddress = 0
        let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
        let services = try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                                   keyRing: ring, jobs: JobQueue(database: database), passwordHasher: PasswordHasher(rounds: 1 << 10))
        let app = buildApplication(name: "admin", router: try buildAdminRouter(services), listen: ListenAddress(host: "127.0.0.1", port: 0),
                                   logger: TestDatabase.logger, listener: .admin(configuration))
        try await app.test(.router) { client in
            try await body(AdminAPIClient(client: client), services)
        }
    }
}

extension ByteBuffer {
    init(data: Data) {
        self.init(bytes: data)
    }
}
