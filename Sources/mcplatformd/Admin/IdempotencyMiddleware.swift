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
/// A response that carries a secret (a new token, an invitation) is marked by its handler with
/// `containsSecretHeader`; it is stored without the secret, so a replay answers 409 "already
/// done" — secrets are shown once and never kept in the database. Unauthenticated requests
/// (signup, login) are not tracked.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name(known: "Idempotency-Key")
    static let retention: EpochMillis = 24 * 3600 * 1000
    /// Set by handlers whose response body contains a secret; removed before it is sent.
    static let containsSecretHeader = HTTPField.Name(known: "X-Mcplatform-Contains-Secret")
    /// On a response given again from the record.
    static let replayedHeader = HTTPField.Name(known: "Idempotent-Replayed")

    let database: Database

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

        if let stored = try await find(scope: scope, key: key) {
            guard stored.requestHash == requestHash else {
                throw APIError(status: .unprocessableContent, code: "idempotency_key_reused",
                               message: "this Idempotency-Key was used with a different request")
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[Self.replayedHeader] = "true"
            return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: stored.body)))
        }

        var response = try await next(request, context)
        let secret = response.headers[Self.containsSecretHeader] != nil
        response.headers[Self.containsSecretHeader] = nil
        guard response.status.code < 500 else { return response }
        if secret {
            let replay = ErrorEnvelope(error: .init(code: "already_done",
                                                    message: "this request already succeeded; its secret was shown only once"))
            try await store(scope: scope, key: key, requestHash: requestHash, status: 409,
                            body: String(decoding: try JSONEncoder().encode(replay), as: UTF8.self))
            return response
        }
        let sink = SharedValue(ByteBuffer())
        let headers = response.headers
        let status = response.status
        try await response.body.write(CollectingWriter(sink: sink))
        let collected = sink.value
        try await store(scope: scope, key: key, requestHash: requestHash, status: status.code, body: String(buffer: collected))
        return Response(status: status, headers: headers, body: .init(byteBuffer: collected))
    }

    private func find(scope: String, key: String) async throws -> (requestHash: String, status: Int, body: String)? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT request_hash, status, response_body FROM idempotency_keys
                WHERE scope = \(bind: scope) AND key = \(bind: key) AND expires_at > \(bind: nowMillis())
                """).first().map {
                (try $0.decode(column: "request_hash", as: String.self), try $0.decode(column: "status", as: Int.self),
                 try $0.decode(column: "response_body", as: String.self))
            }
        }
    }

    private func store(scope: String, key: String, requestHash: String, status: Int, body: String) async throws {
        let now = nowMillis()
        try await database.withConnection { db in
            try await db.raw("""
                INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at, expires_at)
                VALUES (\(bind: scope), \(bind: key), \(bind: requestHash), \(bind: status), \(bind: body), \(bind: now),
                        \(bind: now + Self.retention))
                ON CONFLICT (scope, key) DO NOTHING
                """).run()
        }
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
