import Foundation
import Hummingbird
import Shared

/// An error with an HTTP status and the machine-readable code of the error envelope
/// `{"error": {"code": …, "message": …, "details": …}}` (docs/ARCHITECTURE.md).
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var details: [String: String]? = nil
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The error as a response with the envelope.
    var response: Response {
        let data = envelopeData
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The envelope's JSON, members sorted like every other admin API answer.
    var envelopeData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(ErrorEnvelope(error: .init(code: code, message: message, details: details)))) ?? Data()
    }

    static func notFound(_ message: String = "not found") -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    /// A 422 about one field of the request.
    static func invalid(_ message: String, field: String) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid", message: message, details: ["field": field])
    }

    /// A 400 about a query parameter.
    static func badQuery(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message)
    }
}

/// Maps every error a handler throws to the JSON error envelope, once, at the edge: an
/// `APIError` as it is, Hummingbird's own errors by their status, anything else as a 500 whose
/// detail goes to the log, not to the client.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try APIError(status: error.status, code: Self.code(for: error.status),
                                message: error.body ?? error.status.reasonPhrase, headers: error.headers)
                .response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            return try APIError(status: .internalServerError, code: "internal", message: "internal error (request \(context.requestID))")
                .response(from: request, context: context)
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "unprocessable"
        case 429: "rate_limited"
        case 503: "unavailable"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
