import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import mcplatformd

@Suite("HTTP edge")
struct HTTPTests {
    func services(_ database: Database, metricsAllow: String = "127.0.0.0/8,::1") throws -> AppServices {
        var configuration = try ConfigurationLoader(flags: [.metricsAllow: metricsAllow], environment: ["HOME": "/tmp/none"]).load()
        configuration.debugRoutes = false
        let ring = try KeyRing.openOrCreate(at: FileManager.default.temporaryDirectory.appendingPathComponent("mcp-keys-\(UUID().uuidString)"))
        return try AppServices(configuration: configuration, database: database, migrator: Migrator(database: database, logger: TestDatabase.logger),
                           keyRing: ring, jobs: JobQueue(database: database))
    }

    @Test("/metrics is refused outside metrics-allow with the error envelope", arguments: TestEngine.all)
    func metricsAllowList(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let deniedServices = try services(database, metricsAllow: "10.0.0.0/8")
            let denied = buildApplication(name: "admin", router: try buildAdminRouter(deniedServices),
                                          listen: ListenAddress(host: "127.0.0.1", port: 0), logger: TestDatabase.logger,
                                          listener: .admin(deniedServices.configuration))
            try await denied.test(.live) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .forbidden)
                    let envelope = try JSONDecoder().decode(ErrorEnvelopeProbe.self, from: Data(buffer: response.body))
                    #expect(envelope.error.code == "forbidden")
                }
            }
            let allowedServices = try services(database)
            let allowed = buildApplication(name: "admin", router: try buildAdminRouter(allowedServices),
                                           listen: ListenAddress(host: "127.0.0.1", port: 0), logger: TestDatabase.logger,
                                           listener: .admin(allowedServices.configuration))
            try await allowed.test(.live) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                }
            }
        }
    }

    @Test("unknown routes answer 404 in the JSON error envelope with a request id", arguments: TestEngine.all)
    func notFoundEnvelope(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let publicServices = try services(database)
            let app = buildApplication(name: "public", router: buildPublicRouter(publicServices),
                                       listen: ListenAddress(host: "127.0.0.1", port: 0), logger: TestDatabase.logger,
                                       listener: .publicListener(publicServices.configuration))
            try await app.test(.router) { client in
                try await client.execute(uri: "/no/such/thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.hasPrefix("req_") == true)
                    let envelope = try JSONDecoder().decode(ErrorEnvelopeProbe.self, from: Data(buffer: response.body))
                    #expect(envelope.error.code == "not_found")
                }
                // Debug routes are off unless configured.
                try await client.execute(uri: "/debug/sleep?ms=1", method: .get) { response in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}

/// Decodes the error envelope without depending on the daemon's types.
struct ErrorEnvelopeProbe: Decodable {
    struct Body: Decodable { let code: String; let message: String }
    let error: Body
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
