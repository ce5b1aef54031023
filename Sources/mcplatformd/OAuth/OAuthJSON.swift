import Foundation
import HTTPTypes
import Hummingbird

/// Responses of the JSON endpoints (metadata, registration, token, revocation): never cached
/// (tokens) or briefly (metadata), readable by browser-based clients (CORS).
enum OAuthJSON {
    static let corsHeaders: HTTPFields = [
        .accessControlAllowOrigin: "*",
        .accessControlAllowHeaders: "Authorization, Content-Type, MCP-Protocol-Version",
        .accessControlAllowMethods: "GET, POST, OPTIONS",
    ]

    static func response(_ object: [String: Any], status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = corsHeaders
        headers[.contentType] = "application/json"
        headers[.cacheControl] = cache
        if cache == "no-store" { headers[.pragma] = "no-cache" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: OAuthJSONError) -> Response {
        var response = self.response(["error": error.code, "error_description": error.description], status: error.status)
        for field in error.headers { response.headers[field.name] = field.value }
        return response
    }

    /// The answer to a CORS preflight.
    static func preflight() -> Response {
        var headers = corsHeaders
        headers[.accessControlMaxAge] = "600"
        return Response(status: .noContent, headers: headers)
    }

    /// Runs a JSON endpoint for the addressed server, mapping every failure once.
    static func run(_ service: OAuthService, _ request: Request, _ context: AppRequestContext,
                    _ body: (OAuthEndpoints) async throws -> Response) async -> Response {
        do {
            if let problem = service.transportProblem { throw OAuthJSONError(status: .serviceUnavailable, code: "temporarily_unavailable", description: problem) }
            let endpoints = service.endpoints(try await service.addressing.resolve(request, context))
            if let problem = service.providers.unavailability(of: endpoints.server) {
                throw OAuthJSONError(status: endpoints.server.settings.authMode == .none ? .notFound : .serviceUnavailable,
                                     code: endpoints.server.settings.authMode == .none ? "not_found" : "temporarily_unavailable", description: problem)
            }
            return try await body(endpoints)
        } catch let error as OAuthJSONError {
            return Self.error(error)
        } catch let error as ServerNotFound {
            return Self.error(OAuthJSONError(status: .notFound, code: "not_found", description: error.message))
        } catch {
            context.logger.error("OAuth endpoint failed", metadata: ["error": "\(error)"])
            return Self.error(.temporarilyUnavailable("internal error (request \(context.requestID)); try again"))
        }
    }
}
