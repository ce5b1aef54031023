import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Shared

/// The admin API over HTTP. Each mutation carries its own `Idempotency-Key`, reused when the
/// request is retried after a network error (an interactive session sends many mutations to one
/// path, each a different request).
struct APIClient: Sendable {
    let baseURL: String
    let token: String?

    func get<T: Decodable>(_ path: String) async throws -> T {
        try decode(try await send("GET", path, body: nil))
    }

    func post<T: Decodable>(_ path: String, _ body: some Encodable) async throws -> T {
        try decode(try await send("POST", path, body: try APICoding.makeEncoder().encode(body)))
    }

    func patch<T: Decodable>(_ path: String, _ body: some Encodable) async throws -> T {
        try decode(try await send("PATCH", path, body: try APICoding.makeEncoder().encode(body)))
    }

    func delete(_ path: String) async throws {
        _ = try await send("DELETE", path, body: nil)
    }

    private func decode<T: Decodable>(_ data: Data) throws -> T {
        do {
            return try APICoding.makeDecoder().decode(T.self, from: data)
        } catch {
            throw CLIError(message: "unexpected answer from the daemon: \(error)", exitCode: 1)
        }
    }

    /// Sends one request; answers other than 2xx become a `CLIError` with the exit code of docs/CLI.md.
    func send(_ method: String, _ path: String, body: Data?) async throws -> Data {
        guard let url = URL(string: baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path) else {
            throw CLIError.usage("invalid --url '\(baseURL)'")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 60
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if method != "GET" { request.setValue("mcpctl-\(UUID().uuidString)", forHTTPHeaderField: "Idempotency-Key") }
        let (data, response) = try await perform(request)
        guard let http = response as? HTTPURLResponse else { throw CLIError(message: "no HTTP answer from \(baseURL)", exitCode: 1) }
        guard (200..<300).contains(http.statusCode) else {
            throw CLIError.api(status: http.statusCode, envelope: try? JSONDecoder().decode(ErrorEnvelope.self, from: data))
        }
        return data
    }

    /// Performs the request, retrying once (same idempotency key) after a network error.
    private func perform(_ request: URLRequest) async throws -> (Data, URLResponse) {
        var lastError: (any Error)?
        for attempt in 0..<2 {
            do {
                return try await URLSession.shared.data(for: request)
            } catch {
                lastError = error
                if attempt == 0 { try? await Task.sleep(for: .milliseconds(300)) }
            }
        }
        throw CLIError(message: "cannot reach the daemon at \(baseURL): \(lastError.map { "\($0.localizedDescription)" } ?? "unknown error")",
                       exitCode: 6, hint: "is mcplatformd running? set --url or MCPCTL_URL")
    }
}
