import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Shared
import Testing
@testable import mcplatformd

/// One HTTP exchange as a browser or OAuth client sees it.
struct WebReply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var location: String? { headers[.location] }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    /// The query parameters of the redirect target.
    var redirectQuery: [String: String] {
        guard let location, let components = URLComponents(string: location) else { return [:] }
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }
    /// A hidden field of an HTML form.
    func field(_ name: String) -> String? {
        guard let range = text.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// Any URL on loopback: connects to 127.0.0.1 at the URL's port and sends the URL's host as
/// `Host` (names under `mcp.test` resolve nowhere; this is how tests reach vhost URLs).
func web(_ method: HTTPRequest.Method, _ url: String, form: [(String, String)]? = nil, json: String? = nil, headers: [String: String] = [:]) async throws -> WebReply {
    let components = try #require(URLComponents(string: url))
    let port = try #require(components.port)
    var fields = HTTPFields()
    for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
    var body = ByteBuffer()
    if let form {
        fields[.contentType] = "application/x-www-form-urlencoded"
        body = ByteBuffer(string: FormEncoding.encode(form))
    } else if let json {
        fields[.contentType] = "application/json"
        body = ByteBuffer(string: json)
    }
    let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    let authority = (components.host ?? "127.0.0.1") + ":\(port)"
    let request = TestClient.Request(path.isEmpty ? "/" : path, method: method, authority: authority, headers: fields, body: body)
    return try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))) { client in
        let response = try await client.execute(request)
        return WebReply(status: response.status, headers: response.headers, text: String(buffer: response.body ?? ByteBuffer()))
    }
}

/// A browser: remembers cookies per host and sends them back.
actor TestBrowser {
    private var jar: [String: [String: String]] = [:]

    func request(_ method: HTTPRequest.Method, _ url: String, form: [(String, String)]? = nil) async throws -> WebReply {
        let host = URLComponents(string: url)?.host ?? ""
        var headers: [String: String] = [:]
        if let cookies = jar[host], !cookies.isEmpty {
            headers["Cookie"] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let reply = try await web(method, url, form: form, headers: headers)
        for value in reply.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { jar[host, default: [:]][String(pair[0])] = String(pair[1]) }
        }
        return reply
    }

    func cookies(for host: String) -> [String: String] { jar[host] ?? [:] }
    func setCookie(_ name: String, _ value: String?, for host: String) { jar[host, default: [:]][name] = value }
}

/// An MCP client's side of the OAuth flow, step by step (so tests can break any step).
struct OAuthTestClient: Sendable {
    /// The server's base URL (issuer and resource), e.g. `http://mcp.test:PORT/s/acme-docs`.
    let base: String
    var redirectURI = "http://127.0.0.1:53682/callback"
    /// The RFC 8707 resource sent (the base unless the issuer differs from the address tests connect to).
    var resource: String
    var clientID = ""
    var verifier = PKCE.makeVerifier()

    init(base: String, resource: String? = nil) {
        self.base = base
        self.resource = resource ?? base
    }

    /// Registers a public client (DCR) and keeps its id.
    mutating func register(name: String = "test client") async throws {
        let reply = try await web(.post, base + "/oauth/register",
                                  json: #"{"client_name":"\#(name)","redirect_uris":["\#(redirectURI)"],"token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"]}"#)
        #expect(reply.status == .created, "\(reply.text)")
        clientID = try #require(reply.json["client_id"] as? String)
    }

    func authorizeURL(state: String = "st-1", extra: [(String, String)] = [], omit: Set<String> = []) -> String {
        let parameters = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("state", state),
                          ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256"), ("resource", resource), ("scope", "mcp")]
            .filter { !omit.contains($0.0) } + extra
        return base + "/oauth/authorize?" + FormEncoding.encode(parameters)
    }

    /// Signs in on a `collect_email` server with `email`: authorize, consent; returns the code.
    func collectEmailCode(_ browser: TestBrowser, email: String) async throws -> String {
        let page = try await browser.request(.get, authorizeURL())
        #expect(page.status == .ok, "\(page.text)")
        let answer = try await browser.request(.post, base + "/oauth/authorize", form: [
            ("request", try #require(page.field("request"))), ("csrf", try #require(page.field("csrf"))), ("decision", "approve"), ("email", email),
        ])
        #expect(answer.status == .found, "\(answer.text)")
        #expect(answer.redirectQuery["iss"] != nil && answer.redirectQuery["state"] == "st-1")
        return try #require(answer.redirectQuery["code"], "\(answer.headers)")
    }

    func exchange(_ code: String, verifier override: String? = nil, redirectURI redirectOverride: String? = nil) async throws -> WebReply {
        try await web(.post, base + "/oauth/token", form: [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectOverride ?? redirectURI), ("client_id", clientID),
            ("code_verifier", override ?? verifier), ("resource", resource),
        ])
    }

    func refresh(_ token: String) async throws -> WebReply {
        try await web(.post, base + "/oauth/token", form: [("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", clientID)])
    }

    func revoke(_ token: String) async throws -> WebReply {
        try await web(.post, base + "/oauth/revoke", form: [("token", token), ("client_id", clientID)])
    }

    /// A stateless-era `tools/list` with `token` (nil: none) at the server's MCP path.
    func listTools(_ token: String?, mcpURL: String? = nil) async throws -> WebReply {
        var headers = ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/list", "Accept": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token }
        return try await web(.post, mcpURL ?? base + "/mcp", json: Self.modernRequest("tools/list"), headers: headers)
    }

    static func modernRequest(_ method: String, params: String = "") -> String {
        #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":{\#(params)\#(params.isEmpty ? "" : ",")"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"oauth-test","version":"1"}}}}"#
    }
}
