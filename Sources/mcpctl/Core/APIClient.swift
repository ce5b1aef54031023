import AsyncHTTPClient
import Foundation
import HTTPTypes
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import Shared

/// The admin API, through the client generated from `openapi.yaml` (`api`): no path is written
/// by hand. What every call shares is done once, by the client's middlewares: the bearer token,
/// a fresh `Idempotency-Key` per mutation (kept when the request is retried once after a network
/// error), and an error answer turned into a `CLIError` with the exit code of docs/CLI.md.
struct APIClient: Sendable {
    let baseURL: String
    /// The generated client; every method takes the operation's typed input.
    let api: Client

    init(baseURL: String, token: String?) throws {
        guard let url = URL(string: baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))), url.scheme != nil, url.host != nil else {
            throw CLIError.usage("invalid --url '\(baseURL)'")
        }
        self.baseURL = baseURL
        // Longer than the longest long poll (`tickets watch` waits up to 60 s for events).
        let transport = AsyncHTTPClientTransport(configuration: .init(client: Self.httpClient, timeout: .seconds(90)))
        api = Client(serverURL: url, transport: transport, middlewares: [
            ErrorAnswerMiddleware(),
            BearerMiddleware(token: token),
            IdempotencyKeyMiddleware(),
            RetryOnceMiddleware(baseURL: baseURL),
        ])
    }

    /// One HTTP client for the process (never shut down: the process ends first). A refused
    /// connection fails at once instead of being retried until the timeout (AsyncHTTPClient's
    /// default), so "cannot reach the daemon" is prompt.
    static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(90))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Every item of a paginated list (following cursors), or the first `limit`; `fetch` asks
    /// for one page after a cursor.
    func all<Item>(limit: Int? = nil, _ fetch: (_ limit: Int, _ cursor: String?) async throws -> (items: [Item], next: String?)) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            let page = try await fetch(200, cursor)
            items += page.items
            cursor = page.next
            if let limit, items.count >= limit { return Array(items.prefix(limit)) }
        } while cursor != nil
        return items
    }
}

/// An answer other than 2xx becomes the `CLIError` its status and error envelope stand for.
struct ErrorAnswerMiddleware: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        var data = Data()
        if let responseBody { data = (try? await Data(collecting: responseBody, upTo: 1 << 20)) ?? Data() }
        throw CLIError.api(status: response.status.code, envelope: try? JSONDecoder().decode(ErrorEnvelope.self, from: data))
    }
}

/// `Authorization: Bearer <token>` on every request, when there is a token.
struct BearerMiddleware: ClientMiddleware {
    let token: String?

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if let token { request.headerFields[.authorization] = "Bearer \(token)" }
        return try await next(request, body, baseURL)
    }
}

/// A fresh `Idempotency-Key` on every mutation: one command sends many mutations (an
/// interactive session, a push), each a different request; a retry of one keeps its key.
struct IdempotencyKeyMiddleware: ClientMiddleware {
    static let header: HTTPField.Name = {
        guard let name = HTTPField.Name("Idempotency-Key") else { preconditionFailure("Idempotency-Key is a valid field name") }
        return name
    }()

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if request.method != .get, request.headerFields[Self.header] == nil {
            request.headerFields[Self.header] = "mcpctl-\(UUID().uuidString)"
        }
        return try await next(request, body, baseURL)
    }
}

/// Sends a request again once (same headers, so the same idempotency key) after a network
/// error; a second failure is exit status 6, "cannot reach the daemon".
struct RetryOnceMiddleware: ClientMiddleware {
    let baseURL: String

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL url: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var lastError: (any Error)?
        for attempt in 0..<2 {
            do {
                return try await next(request, body, url)
            } catch {
                lastError = error
                if attempt == 0 { try? await Task.sleep(for: .milliseconds(300)) }
            }
        }
        let reason = lastError.map(Self.reason) ?? "unknown error"
        throw CLIError(message: "cannot reach the daemon at \(baseURL): \(reason)", exitCode: 6, hint: "is mcplatformd running? set --url or MCPCTL_URL")
    }

    /// The transport's own words, without the generated client's wrapping.
    static func reason(_ error: any Error) -> String {
        if let error = error as? ClientError { return reason(error.underlyingError) }
        return String(describing: error)
    }
}

extension CLIError {
    /// The `CLIError` behind an error of the generated client: one a middleware threw, or an
    /// answer the client could not read.
    static func from(_ error: any Error) -> CLIError? {
        switch error {
        case let error as CLIError: return error
        case let error as ClientError:
            return from(error.underlyingError) ?? CLIError(message: "unexpected answer from the daemon: \(error.underlyingError)", exitCode: 1)
        default: return nil
        }
    }
}
