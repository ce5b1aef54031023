import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import Shared
import SQLKit

/// Makes mutations safe to retry: a request with an `Idempotency-Key` header is answered once;
/// a retry with the same key and the same body gets the stored response, and the same key with
/// a different body is refused with 422. Keys are scoped to the caller's token and kept 24 h.
///
/// The key is claimed before the request runs (`IdempotencyStore`): a concurrent request with
/// the same key waits up to `waitForAnswer` for the first one's answer, then gets 409
/// `idempotency_key_in_progress`. A request that fails (an error, or a 5xx) gives its claim up,
/// so a retry runs it again.
///
/// A response that carries a secret (a new token, an invitation, a webhook's signing secret) is
/// marked by its handler with `containsSecretHeader`; it is stored without the secret, so a
/// replay answers 409 "already done": secrets are shown once and never kept in the database.
/// Unauthenticated requests (signup, login) are not tracked.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name(known: "Idempotency-Key")
    static let retention: EpochMillis = 24 * 3600 * 1000
    static let waitForAnswer: Duration = .seconds(10)
    /// Set by handlers whose response body contains a secret; removed before it is sent.
    static let containsSecretHeader = HTTPField.Name(known: "X-Mcplatform-Contains-Secret")
    /// On a response given again from the record.
    static let replayedHeader = HTTPField.Name(known: "Idempotent-Replayed")

    let database: Database
    var store = IdempotencyStore()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method), let key = request.headers[Self.header],
              let scope = context.principal?.tokenID else {
            return try await next(request, context)
        }
        guard (1...200).contains(key.count) else {
            throw APIError(status: .badRequest, code: "bad_request", message: "Idempotency-Key must have 1 to 200 characters")
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        let requestHash = Hex.lowercase(hasher.finalize())

        let deadline = ContinuousClock.now + Self.waitForAnswer
        while true {
            let record = try await database.withConnection { db in
                try await store.claim(scope: scope, key: key, requestHash: requestHash, now: nowMillis(), retention: Self.retention, on: db)
            }
            switch record {
            case nil:
                return try await run(request, context: context, next: next, scope: scope, key: key)
            case .completed(let storedHash, let status, let stored):
                guard storedHash == requestHash else { throw Self.reused }
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[Self.replayedHeader] = "true"
                return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: stored)))
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
    private func run(_ request: Request, context: Context, next: (Request, Context) async throws -> Response,
                     scope: String, key: String) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // A refused request changed nothing (errors roll back): the key is free again.
            try? await database.withConnection { db in try await store.release(scope: scope, key: key, on: db) }
            throw error
        }
        let secret = response.headers[Self.containsSecretHeader] != nil
        response.headers[Self.containsSecretHeader] = nil
        guard response.status.code < 500 else {
            try? await database.withConnection { db in try await store.release(scope: scope, key: key, on: db) }
            return response
        }
        if secret {
            let replay = ErrorEnvelope(error: .init(code: "already_done",
                                                    message: "this request already succeeded; its secret was shown only once"))
            try await database.withConnection { db in
                try await store.complete(scope: scope, key: key, status: 409,
                                         body: String(decoding: try JSONEncoder().encode(replay), as: UTF8.self), on: db)
            }
            return response
        }
        let sink = SharedValue(ByteBuffer())
        let headers = response.headers
        let status = response.status
        try await response.body.write(CollectingWriter(sink: sink))
        let collected = sink.value
        try await database.withConnection { db in
            try await store.complete(scope: scope, key: key, status: status.code, body: String(buffer: collected), on: db)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: collected))
    }
}

/// Collects a response body so it can be stored and sent again.
private struct CollectingWriter: ResponseBodyWriter {
    let sink: SharedValue<ByteBuffer>

    mutating func write(_ buffer: ByteBuffer) async throws {
        sink.update { collected in
            var buffer = buffer
            collected.writeBuffer(&buffer)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension Response {
    /// A 201 whose body carries a secret shown once: marked so the idempotency store never keeps it.
    static func createdContainingSecret(_ value: some Encodable) throws -> Response {
        var response = try Response.json(value, status: .created)
        response.headers[IdempotencyMiddleware.containsSecretHeader] = "1"
        return response
    }
}
