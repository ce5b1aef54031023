import Foundation
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

/// The OpenAPI document describes what the API validates (so that generated requests reach the
/// handlers): each pattern in it is checked against the validator it stands for, and what the
/// generated code refuses on its own is answered with the envelope, naming what was wrong.
@Suite("Spec constraints")
struct SpecConstraintsTests {
    /// The document the daemon serves, as JSON objects.
    static var document: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(OpenAPISpec.json.utf8))) as? [String: Any] ?? [:]
    }

    /// The `pattern` of a named property of a component schema, or of a named query parameter
    /// of an operation.
    static func pattern(schema: String, property: String) throws -> NSRegularExpression {
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let object = try #require(schemas[schema] as? [String: Any])
        let properties = try #require(object["properties"] as? [String: Any])
        let field = try #require(properties[property] as? [String: Any])
        return try NSRegularExpression(pattern: try #require(field["pattern"] as? String))
    }

    static func pattern(path: String, parameter: String) throws -> NSRegularExpression {
        let paths = try #require(document["paths"] as? [String: Any])
        let item = try #require(paths[path] as? [String: Any])
        let operation = try #require(item["get"] as? [String: Any])
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        let found = try #require(parameters.first { $0["name"] as? String == parameter })
        let schema = try #require(found["schema"] as? [String: Any])
        return try NSRegularExpression(pattern: try #require(schema["pattern"] as? String))
    }

    static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Strings near the edges of what the validators accept, plus random ones over an alphabet
    /// that reaches both sides.
    static func samples(_ seeds: [String], alphabet: String, count: Int = 3000) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let characters = Array(alphabet)
        let random = (0..<count).map { _ in
            String((0..<Int.random(in: 0...24, using: &generator)).compactMap { _ in characters.randomElement(using: &generator) })
        }
        return seeds + random
    }

    @Test("every time the since/until pattern admits, the time parser accepts")
    func timePattern() throws {
        let pattern = try Self.pattern(path: "/v1/orgs/{org}/analytics/overview", parameter: "since")
        let seeds = ["7d", "999d", "1.5h", "99w", "3660d", "2026-11-01", "2026-02-28T23:59:59Z", "9999-12-28T00:00:00.123456+23:59",
                     "1970-01-01T00:00:00Z", "2026-13-01", "1e5d", "infd", "-1d", "100w"]
        var admitted = 0
        for text in Self.samples(seeds, alphabet: "0123456789.-+:TZsmhdw") where Self.matches(pattern, text) {
            admitted += 1
            #expect(TimeSpec.moment(text) != nil, "the spec admits \(text) but the API refuses it")
        }
        #expect(admitted >= 10)
        #expect(!Self.matches(pattern, "1e5d") && !Self.matches(pattern, "2026-13-01"))
    }

    @Test("slugs: the spec's pattern and lengths are exactly the API's rule")
    func slugPattern() throws {
        let pattern = try Self.pattern(schema: "CreateOrganization", property: "slug")
        let seeds = ["acme", "a-b", "ab", "-ab", "ab-", "a--b", "ACME", String(repeating: "a", count: 63), String(repeating: "a", count: 64)]
        for text in Self.samples(seeds, alphabet: "ab09-A_") {
            let spec = Self.matches(pattern, text) && (3...63).contains(text.count)
            #expect(spec == (Slug.problem(with: text) == nil), "\(text)")
        }
    }

    @Test("walkthrough source labels: the spec's pattern and length are exactly the API's rule")
    func sourcePattern() throws {
        let pattern = try Self.pattern(schema: "WalkthroughPush", property: "source")
        for text in Self.samples(["docs", "-docs", "docs-", "a", String(repeating: "a", count: 64)], alphabet: "az09-A_") {
            let spec = Self.matches(pattern, text) && (1...63).contains(text.count)
            #expect(spec == WalkthroughParser.isKey(text), "\(text)")
        }
    }

    @Test("what the generated code refuses names the parameter or field, in the sorted envelope", arguments: TestEngine.all)
    func generatedValidation(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let bucket = try await api.call(.get, "/v1/orgs/acme/analytics/timeseries?bucket=zz", token: token)
            #expect(bucket.status == .badRequest && bucket.errorMessage?.contains("bucket does not allow 'zz'") == true)
            #expect(String(decoding: bucket.body, as: UTF8.self).hasPrefix(#"{"error":{"code":"bad_request","message":"#))
            let sort = try await api.call(.get, "/v1/orgs/acme/tickets?sort=sideways", token: token)
            #expect(sort.status == .badRequest && sort.errorMessage?.contains("sort does not allow 'sideways'") == true)
            let limit = try await api.call(.get, "/v1/orgs/acme/members?limit=many", token: token)
            #expect(limit.status == .badRequest && limit.errorMessage?.contains("not a whole number") == true)
            let missing = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ["name": "No slug"])
            #expect(missing.status == .unprocessableContent && missing.errorMessage == "slug is missing" && missing.errorCode == "invalid")
            let found = try await api.call(.get, "/v1/orgs/acme/nothing-here", token: token)
            #expect(String(decoding: found.body, as: UTF8.self).hasPrefix(#"{"error":{"code":"#))
            let servers = try await api.call(.get, "/v1/orgs/acme/servers", token: token).decode(Page<APIServer>.self)
            #expect(servers.items.isEmpty)
        }
    }

    @Test("an Idempotency-Key outside visible ASCII is a 400 and changes nothing", arguments: TestEngine.all)
    func idempotencyKeyForm(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            let name = try #require(HTTPField.Name("Idempotency-Key"))
            for key in ["has space", "tab\there", "é", String(repeating: "k", count: 201)] {
                let reply = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "once", name: "Once"),
                                               headers: [name: key])
                #expect(reply.status == .badRequest && reply.errorMessage?.contains("visible ASCII") == true, "\(key)")
            }
            #expect(try await api.call(.get, "/v1/orgs/acme/servers", token: token).decode(Page<APIServer>.self).items.isEmpty)
            let good = try await api.call(.post, "/v1/orgs/acme/servers", token: token, json: ServerFields(slug: "once", name: "Once"),
                                          headers: [name: "0b6e7c1a-5d1f-4c55-9a53-2f0d3c9b8e11"])
            #expect(good.status == .created)
        }
    }
}
