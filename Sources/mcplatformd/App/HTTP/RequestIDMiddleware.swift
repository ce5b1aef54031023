import Foundation
import HTTPTypes
import Hummingbird

/// Accepts the client's `X-Request-Id` (when it is a short token) or makes one, puts it on
/// every log line of the request and on the response, and logs one access line per request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name(known: "X-Request-Id")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap(Self.acceptable) ?? Identifier.ordered("req")
        context.requestID = id
        context.logger[metadataKey: LineLogHandler.requestIDKey] = .string(id)
        let started = ContinuousClock.now
        var response = try await InFlightRequests.serving(id) { try await next(request, context) }
        response.headers[Self.header] = id
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "client": .string(context.clientAddress),
            "duration_ms": .stringConvertible(Double(elapsed.milliseconds)),
        ])
        return response
    }

    /// A client-supplied id is used only if it is 1–128 characters of `[A-Za-z0-9._:-]`.
    static func acceptable(_ value: String) -> String? {
        guard (1...128).contains(value.count),
              value.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "._:-".unicodeScalars.contains($0) }),
              value.allSatisfy(\.isASCII)
        else { return nil }
        return value
    }
}
