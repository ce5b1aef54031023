import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// No value from outside reaches a trapping conversion, an overflow or an index: each case a
/// review or an operator found, answered with a 4xx (or read as "not given") instead of a trap.
@Suite("Input bounds")
struct InputBoundsTests {
    @Test("time specs: no exponent, infinity, NaN or sign, at most ten years, dates from 1970 to 9999")
    func timeSpecs() {
        #expect(TimeSpec.duration("7d") == 604_800.0)
        #expect(TimeSpec.duration("1.5h") == 5400)
        for bad in ["99999999999999d", "infd", "nand", "1e5d", "-1d", "+1d", "d", ".5d", "5.d", "0x10s", "1_0s", "3661d", " 1d"] {
            #expect(TimeSpec.duration(bad) == nil, "\(bad)")
            #expect(TimeSpec.moment(bad) == nil, "\(bad)")
        }
        #expect(TimeSpec.duration("3660d") == 316_224_000.0)
        #expect(TimeSpec.moment("2026-11-01") != nil)
        #expect(TimeSpec.moment("1969-12-31T23:59:59Z") == nil)
        #expect(Date(timeIntervalSince1970: .greatestFiniteMagnitude).epochMillis == .max)
        #expect(Date(timeIntervalSince1970: -.infinity).epochMillis == .min)
    }

    @Test("ticket and analytics time parameters beyond bounds are a 400 naming the parameter", arguments: TestEngine.all)
    func timeParameters(engine: TestEngine) async throws {
        try await withAdminAPI(engine) { api, _ in
            let token = try await AdminAPITests.signupWithOrganization(api, email: "ada@example.com", slug: "acme")
            for query in ["since=99999999999999d", "since=infd", "since=nand", "since=1e400d", "since=10000-01-01"] {
                let reply = try await api.call(.get, "/v1/orgs/acme/tickets?\(query)", token: token)
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorMessage?.contains("since") == true)
            }
            for query in ["since=99999999999999d", "until=99999999999999d", "until=infd", "bucket=99999999999999d"] {
                let reply = try await api.call(.get, "/v1/orgs/acme/analytics/overview?\(query)", token: token)
                #expect(reply.status == .badRequest, "\(query): \(String(decoding: reply.body, as: UTF8.self))")
            }
            for query in ["limit=99999999999999999999", "limit=-1", "cursor=%FF%FE", "after=-1&wait=1", "after=1&wait=99999999999999999999"] {
                let path = query.hasPrefix("after") ? "/v1/orgs/acme/ticket-events?\(query)" : "/v1/orgs/acme/tickets?\(query)"
                let reply = try await api.call(.get, path, token: token)
                #expect(reply.status == .badRequest, "\(query): \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
            }
            #expect(try await api.call(.get, "/v1/orgs/acme/tickets", token: token).status == .ok)
        }
    }

    @Test("walkthrough positions are bounded, and a huge stored position does not overflow the next assignment", arguments: TestEngine.all)
    func walkthroughPositions(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            _ = try await WalkthroughEngineTests.push(mcp, ["one": WalkthroughEngineTests.file("one", steps: ["a"], servers: nil),
                                                            "two": WalkthroughEngineTests.file("two", steps: ["a"], servers: nil),
                                                            "three": WalkthroughEngineTests.file("three", steps: ["a"], servers: nil)])
            let huge = try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/one/assign", token: mcp.token,
                                              raw: #"{"server":"acme-docs","position":9223372036854775807}"#)
            #expect(huge.status == .unprocessableContent && huge.errorMessage?.contains("position") == true)
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/one/assign", token: mcp.token,
                                           json: APIWalkthroughAssign(server: "acme-docs")).status == .ok)
            // A row is input too: one written with the largest position by other means.
            try await mcp.services.database.withConnection { db in
                try await db.raw("UPDATE server_walkthroughs SET position = \(bind: Int64.max)").run()
            }
            let next = try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/two/assign", token: mcp.token,
                                              json: APIWalkthroughAssign(server: "acme-docs"))
            #expect(next.status == .ok)
            let positions = try await mcp.services.database.withConnection { db in
                try await db.raw("SELECT position FROM server_walkthroughs ORDER BY position").all().map { try $0.decode(column: "position", as: Int64.self) }
            }
            #expect(positions == [Int64(WalkthroughFile.maxCount), .max])
            // The front matter is bounded the same way.
            let pushed = try await mcp.api.call(.post, "/v1/orgs/acme/walkthroughs/push", token: mcp.token,
                                                json: APIWalkthroughPush(source: "default", prune: false, dryRun: true, files: [
                                                    APIWalkthroughSource(path: "three.md", text: WalkthroughEngineTests.file("three", steps: ["a"], position: 9_223_372_036_854_775_807)),
                                                ]))
            #expect(pushed.status == .unprocessableContent)
        }
    }

    @Test("an identity provider's expires_in beyond reason is read as no expiry")
    func upstreamExpiry() {
        #expect(UpstreamClient.expiry(NSNumber(value: 3600), from: 1_000) == 3_601_000)
        #expect(UpstreamClient.expiry("3600", from: 0) == 3_600_000)
        for hostile: Any in [NSNumber(value: Int64.max), NSNumber(value: -5), NSNumber(value: Double.infinity), NSNumber(value: Double.nan),
                             NSNumber(value: 1.5), "9223372036854775807", "1e30", [1]] {
            #expect(UpstreamClient.expiry(hostile, from: nowMillis()) == nil, "\(hostile)")
        }
    }

    @Test("JSON numbers no Double holds are a parse error, not infinity")
    func jsonNumbers() throws {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data("1e999".utf8)) }
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(#"{"a":-1e400}"#.utf8)) }
        #expect(try JSONValue.parse(Data("9223372036854775808".utf8)) == .double(9_223_372_036_854_775_808))
    }

    @Test("a stored password hash with absurd parameters matches nothing instead of overflowing")
    func storedHashParameters() throws {
        let hasher = PasswordHasher(rounds: 1 << 10)
        let good = try hasher.hash("pw")
        #expect(hasher.verify("pw", against: good))
        let salt = Data(repeating: 1, count: 16).base64EncodedString(), key = Data(repeating: 2, count: 32).base64EncodedString()
        for (n, r, p) in [("9223372036854775807", "8", "1"), ("1024", "9223372036854775807", "1"), ("1024", "8", "-1"), ("1000", "8", "1")] {
            #expect(!hasher.verify("pw", against: "scrypt$\(n)$\(r)$\(p)$\(salt)$\(key)"))
        }
    }

    @Test("rate-limit counts from stored rows cannot overflow the estimate")
    func rateLimitArithmetic() {
        let limit = RateLimit(limit: 1_000_000_000, window: .seconds(3600))
        let decision = limit.decision(hits: .max, previousHits: .max, windowEnd: 10_000, now: 0)
        #expect(!decision.allowed && decision.retryAfterSeconds >= 1)
        #expect(RateLimitDecision(allowed: false, remaining: 0, retryAfter: .seconds(Int64.max / 2)).retryAfterSeconds <= 86_400)
    }

    @Test("settings: durations and numbers out of range are a configuration error naming the setting", arguments: [
        (Setting.webhookRetryDelay, "99999999999999d"), (Setting.webhookRetryDelay, "9223372036854775807ms"),
        (Setting.oauthAccessTokenTTL, "infd"), (Setting.oauthRefreshTokenTTL, "1e10d"), (Setting.httpHeadTimeout, "0s"),
        (Setting.maxConnections, "99999999999999999999"), (Setting.mcpToolCallsPerMinute, "99999999999999999999"),
        (Setting.databaseURL, "postgres://u@h:99999/db"),
    ])
    func settingBounds(setting: Setting, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(flags: [setting: value], environment: ["HOME": "/tmp/none"]).load()
        }
        #expect(error?.subject == "--\(setting.rawValue)")
    }

    @Test("tool-call arguments are stored whole up to 16 KiB, else shortened and marked", arguments: TestEngine.all)
    func storedArguments(engine: TestEngine) async throws {
        #expect(StoredArguments.text(["q": "short"]) == #"{"q":"short"}"#)
        try await withMCPEndpoint(engine) { mcp in
            let long = String(repeating: "x", count: 100_000)
            let arguments = #"{"title":"Big","problem_description":"\#(long.prefix(19_000))","problem_context":"\#(long.prefix(49_000))","email":"ada@example.com"}"#
            let reply = try await mcp.modern("tools/call", name: "get_support", arguments: arguments)
            #expect(reply.status == .ok)
            let stored = try await mcp.services.database.withConnection { db in
                try await db.raw("SELECT arguments FROM tool_calls").first()?.decode(column: "arguments", as: String.self)
            }
            let text = try #require(stored)
            #expect(text.utf8.count <= StoredArguments.maxBytes)
            #expect(text.contains("[truncated: 49000 bytes]") && text.contains(#""title":"Big""#))
            #expect((try? JSONValue.parse(Data(text.utf8))) != nil)
            // The ticket itself keeps the whole description.
            let description = try await mcp.services.database.withConnection { db in
                try await db.raw("SELECT description FROM support_tickets").first()?.decode(column: "description", as: String.self)
            }
            #expect(description?.utf8.count == 19_000)
        }
    }

    @Test("new sessions are limited per address: over it initialize and new visitors get 429 and nothing is created", arguments: TestEngine.all)
    func sessionLimits(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine, configure: { $0.mcpSessionsPerHourPerAddress = 2 }) { mcp in
            #expect(try await mcp.initialize().status == .ok)
            #expect(try await mcp.initialize().status == .ok)
            let before = (try await mcp.count("end_users"), try await mcp.count("end_user_sessions"))
            let refused = try await mcp.initialize()
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
            // A stateless visitor that would be new (another User-Agent, another tracking id) is refused too.
            let visitor = try await mcp.modern("tools/list", headers: ["User-Agent": "agent-\(UUID().uuidString)"])
            #expect(visitor.status == .tooManyRequests)
            let tracked = try await mcp.modern("tools/list", path: "/s/acme-docs/api/mcpserver/new-user-1/mcp")
            #expect(tracked.status == .tooManyRequests)
            #expect(try await mcp.count("end_users") == before.0)
            #expect(try await mcp.count("end_user_sessions") == before.1)
        }
        try await withMCPEndpoint(engine, configure: { configuration in configuration.mcpSessionsPerHourPerAddress = 1 }) { mcp in
            // One new visitor is one new session: its end user and its session count once.
            let first = try await mcp.modern("tools/list")
            // Known visitors keep working over the limit.
            let again = try await mcp.modern("tools/list")
            let other = try await mcp.modern("tools/list", headers: ["User-Agent": "other"])
            #expect(first.status == .ok && again.status == .ok && other.status == .tooManyRequests)
        }
    }
}
