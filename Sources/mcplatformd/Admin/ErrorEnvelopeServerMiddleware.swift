import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import Shared

/// An error of a feature, mapped to the admin API's envelope where the API answers it (each
/// feature's `…API.swift` gives the mapping of its own errors).
protocol AdminAPIErrorConvertible: Error {
    var apiError: APIError { get }
}

/// The edge of the generated admin API: whatever a handler or a middleware throws becomes the
/// error envelope with its status, once, here. The generated code wraps every error in a
/// `ServerError`; its underlying error says what happened:
/// - an `APIError`, or a feature's error that maps to one, as it says;
/// - a request the generated code could not read (`DecodingError`): a 422 naming the field when
///   a value is not one the document allows or a required member is missing, a 400 otherwise;
/// - Hummingbird's `HTTPError` by its status;
/// - anything else a 500 whose detail goes to the log, not to the client.
struct ErrorEnvelopeServerMiddleware: ServerMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws
        -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            let apiError = Self.map(error, operationID: operationID)
            var response = HTTPResponse(status: apiError.status)
            response.headerFields = apiError.headers
            response.headerFields[.contentType] = "application/json"
            return (response, HTTPBody(apiError.envelopeData))
        }
    }

    static func map(_ error: any Error, operationID: String) -> APIError {
        let underlying = (error as? ServerError)?.underlyingError ?? error
        if let known = known(underlying) { return known }
        // What the generated code refused on its own (a missing parameter, a value that is not
        // a number, a content type other than JSON) comes with its status.
        if let server = error as? ServerError, (400..<500).contains(server.httpStatus.code) {
            return APIError(status: server.httpStatus, code: ErrorEnvelopeMiddleware.code(for: server.httpStatus),
                            message: "the request is malformed: \(server.causeDescription)")
        }
        AdminRequest.logger.error("unhandled error", metadata: ["operation": .string(operationID), "error": "\(underlying)"])
        return APIError(status: .internalServerError, code: "internal",
                        message: "internal error (request \(AdminRequest.transport?.requestID ?? "unknown"))")
    }

    /// The envelope of an error whose meaning is known.
    private static func known(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as any AdminAPIErrorConvertible:
            return error.apiError
        case DecodingError.dataCorrupted(let detail) where !detail.codingPath.isEmpty:
            let field = detail.codingPath.first { $0.intValue == nil }?.stringValue ?? "body"
            return APIError.invalid("\(field) has a value it does not allow (\(APIRequestDecoder.shortened(detail.debugDescription)))", field: field)
        case DecodingError.keyNotFound(let key, let detail):
            // A required member of a JSON body is absent: a validation failure like any other.
            let path = (detail.codingPath + [key]).filter { $0.intValue == nil }.map(\.stringValue).joined(separator: ".")
            return APIError.invalid("\(path) is missing", field: key.stringValue)
        case let decoding as DecodingError:
            return APIError(status: .badRequest, code: "bad_request", message: "the request is malformed: \(describe(decoding))")
        case let error as HTTPError:
            return APIError(status: error.status, code: ErrorEnvelopeMiddleware.code(for: error.status), message: error.body ?? error.status.reasonPhrase,
                            headers: error.headers)
        default:
            return nil
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\(key.stringValue) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            context.codingPath.isEmpty
                ? "a parameter is not \(Self.kind(of: type))"
                : "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case .dataCorrupted(let context): Self.enumProblem(context.debugDescription) ?? String(context.debugDescription.prefix(200))
        @unknown default: "cannot read it"
        }
    }

    /// What a value of `type` is, in words.
    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of the right type"
        }
    }

    /// "bucket does not allow 'zz'" for the generated code's "Cannot initialize BucketPayload from
    /// invalid String value zz" (an enum query parameter with a value it does not list).
    static func enumProblem(_ description: String) -> String? {
        let prefix = "Cannot initialize ", middle = "Payload from invalid String value "
        guard description.hasPrefix(prefix), let range = description.range(of: middle) else { return nil }
        let type = description[description.index(description.startIndex, offsetBy: prefix.count)..<range.lowerBound]
        guard let first = type.first, type.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        let name = first.lowercased() + type.dropFirst()
        return "\(name) does not allow '\(description[range.upperBound...].prefix(60))'"
    }
}
