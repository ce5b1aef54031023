import Crypto
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Shared

/// Makes mutations safe to retry: a request with an `Idempotency-Key` header is answered once;
/// a retry with the same key and the same body gets the stored response, and the same key with
/// a different body is refused with 422. Keys are scoped to the caller's token and kept 24 h.
///
/// The key is claimed before the request runs (`IdempotencyStore`): a concurrent request with
/// the same key waits up to `waitForAnswer` for the first one's answer, then gets 409
/// `idempotency_key_in_progress`. A request that fails (an error, or a 5xx) gives its claim up,
/// so a retry runs it again.
///
/// The answer of an operation that carries a secret (`x-contains-secret`: a new token, an
/// invitation, a webhook's signing secret) is not stored: a replay answers 409 "already done".
/// Secrets are shown once and never kept in the database. Open operations (signup, login) are
/// not tracked.
struct IdempotencyMiddleware: ServerMiddleware {
    static let header = HTTPField.Name(known: "Idempotency-Key")
    static let retention: EpochMillis = 24 * 3600 * 1000
    static let waitForAnswer: Duration = .seconds(10)
    /// On a response given again from the record.
    static let replayedHeader = HTTPField.Name(known: "Idempotent-Replayed")

    let database: Database
    let policies: OperationPolicies
    /// The largest body read to hash it (the listener's limit already bounds it).
    let maxBodyBytes: Int
    var store = IdempotencyStore()

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws
        -> (HTTPResponse, HTTPBody?) {
        guard [.post, .put, .patch, .delete].contains(request.method), let key = request.headerFields[Self.header],
              let scope = AdminRequest.principal?.tokenID else {
            return try await next(request, body, metadata)
        }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError(status: .badRequest, code: "bad_request",
                           message: "Idempotency-Key is 1 to 200 visible ASCII characters (a UUID is a good choice)")
        }
        let bytes = try await body.asyncMap { try await Data(collecting: $0, upTo: maxBodyBytes) } ?? Data()
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.path ?? "")\n".utf8))
        hasher.update(data: bytes)
        let requestHash = Hex.lowercase(hasher.finalize())

        let deadline = ContinuousClock.now + Self.waitForAnswer
        while true {
            let record = try await database.withConnection { db in
                try await store.claim(scope: scope, key: key, requestHash: requestHash, organizationID: AdminRequest.scope?.organization.id,
                                  now: nowMillis(), retention: Self.retention, on: db)
            }
            switch record {
            case nil:
                let secret = policies[operationID]?.containsSecret ?? false
                return try await run(request, body: body.map { _ in HTTPBody(bytes) }, metadata: metadata, next: next,
                                     scope: scope, key: key, secret: secret)
            case .completed(let storedHash, let status, let stored):
                guard storedHash == requestHash else { throw Self.reused }
                var response = HTTPResponse(status: .init(code: status))
                response.headerFields[.contentType] = "application/json"
                response.headerFields[Self.replayedHeader] = "true"
                return (response, HTTPBody(stored))
            case .inProgress(let storedHash):
                guard storedHash == requestHash else { throw Self.reused }
                guard ContinuousClock.now < deadline else {
                    throw APIError(status: .conflict, code: "idempotency_key_in_progress",
                                   message: "a request with this Idempotency-Key is still running; retry shortly", headers: [.retryAfter: "1"])
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    static let reused = APIError(status: .unprocessableContent, code: "idempotency_key_reused",
                                 message: "this Idempotency-Key was used with a different request")

    /// Runs the claimed request and stores its answer (or gives the claim up on a failure).
    private func run(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata,
                     next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
                     scope: String, key: String, secret: Bool) async throws -> (HTTPResponse, HTTPBody?) {
        let response: HTTPResponse
        let responseBody: HTTPBody?
        do {
            (response, responseBody) = try await next(request, body, metadata)
        } catch {
            // A refused request changed nothing (errors roll back): the key is free again.
            try? await database.withConnection { db in try await store.release(scope: scope, key: key, on: db) }
            throw error
        }
        guard response.status.code < 500 else {
            try? await database.withConnection { db in try await store.release(scope: scope, key: key, on: db) }
            return (response, responseBody)
        }
        if secret {
            let replay = APIError(status: .conflict, code: "already_done", message: "this request already succeeded; its secret was shown only once")
            try await database.withConnection { db in
                try await store.complete(scope: scope, key: key, status: 409,
                                         body: String(decoding: replay.envelopeData, as: UTF8.self), on: db)
            }
            return (response, responseBody)
        }
        let collected = try await responseBody.asyncMap { try await Data(collecting: $0, upTo: .max) } ?? Data()
        try await database.withConnection { db in
            try await store.complete(scope: scope, key: key, status: response.status.code, body: String(decoding: collected, as: UTF8.self), on: db)
        }
        return (response, responseBody == nil ? nil : HTTPBody(collected))
    }
}
