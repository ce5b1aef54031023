import Foundation
import HTTPTypes
import Shared
import Testing
@testable import mcplatformd

/// Customers' own domains, end to end: claims through the admin API, verification by a real DNS
/// query to a DNS server on loopback (dnslib) whose zone the test edits, routing of `/mcp`,
/// tracking-id paths and OAuth on the verified origin, Caddy's `ask` endpoint, the first-to-verify rule, removal, bad
/// input and tenant isolation.
@Suite("Custom domains")
struct CustomDomainTests {
    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#

    /// Writes `records` (TXT values by name) as the DNS server's zone.
    static func writeZone(_ file: URL, _ records: [String: [String]]) throws {
        let zone = records.mapValues { ["TXT": $0] }
        try JSONSerialization.data(withJSONObject: zone).write(to: file, options: .atomic)
    }

    @Test("claim, verify by TXT, route /mcp and OAuth on the domain, ask endpoint, first verifier wins, remove stops routing", arguments: TestEngine.all)
    func lifecycle(engine: TestEngine) async throws {
        let zoneFile = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-zone-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: zoneFile) }
        let challenge = "_mcplatform-challenge.mcp.acme.test."
        try Self.writeZone(zoneFile, [challenge: ["mcplatform-verify=wrong"]])
        let dns = try await OutboundPolicyTests.startDNS("@" + zoneFile.path)
        defer { _ = dns.process }
        try await withMCPEndpoint(engine, configure: {
            $0.dnsResolver = DNSClient(server: "127.0.0.1", port: dns.port)
            $0.oauthAllowInsecureHTTP = true
        }) { mcp in
            let api = mcp.api, token = mcp.token
            let base = "/v1/orgs/acme/servers/acme-docs/domains"
            #expect(try await api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: token, json: ServerFields(authMode: .collectEmail)).status == .ok)

            // Claim: normalised, pending, with the records to create.
            let claimed = try await api.call(.post, base, token: token, json: CreateCustomDomain(domain: "MCP.Acme.Test."))
            #expect(claimed.status == .created, "\(String(decoding: claimed.body, as: UTF8.self))")
            let claim = try claimed.decode(APICustomDomain.self)
            #expect(claim.domain == "mcp.acme.test" && claim.status == .pending && claim.url == nil)
            #expect(claim.txtName == "_mcplatform-challenge.mcp.acme.test" && claim.txtValue.hasPrefix("mcplatform-verify=") && claim.txtValue.count > 40)
            #expect(claim.cnameTarget == "acme-docs.mcp.test")
            #expect(try await api.call(.post, base, token: token, json: CreateCustomDomain(domain: "mcp.acme.test")).status == .conflict)

            // Not routed, not allowed a certificate, before it is verified.
            let host = "mcp.acme.test:\(mcp.port)"
            #expect(try await mcp.send("/mcp", body: Self.initialize, host: host).status == .notFound)
            #expect(try await api.call(.get, "/tls/allowed?domain=mcp.acme.test").status == .notFound)

            // Another organization's pending claim on the same name blocks nobody.
            let beta = try await AdminAPITests.signupWithOrganization(api, email: "bea@beta.test", slug: "beta")
            #expect(try await api.call(.post, "/v1/orgs/beta/servers", token: beta, json: ServerFields(slug: "beta-docs", name: "Beta")).status == .created)
            #expect(try await api.call(.post, "/v1/orgs/beta/servers/beta-docs/domains", token: beta, json: CreateCustomDomain(domain: "mcp.acme.test")).status == .created)

            // A TXT record that does not match is reported with what was found, and noted.
            let wrong = try await api.call(.post, "\(base)/mcp.acme.test/verify", token: token)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorMessage?.contains("'mcplatform-verify=wrong'") == true && wrong.errorMessage?.contains(claim.txtValue) == true,
                    "\(wrong.errorMessage ?? "")")
            let noted = try await api.call(.get, base, token: token).decode(CustomDomainList.self)
            #expect(noted.items.first?.status == .pending && noted.items.first?.note?.contains("mcplatform-verify=wrong") == true)
            // No record at all says so.
            try Self.writeZone(zoneFile, [:])
            let missing = try await api.call(.post, "\(base)/mcp.acme.test/verify", token: token)
            #expect(missing.status == .unprocessableContent && missing.errorMessage?.contains("no TXT record found") == true, "\(missing.errorMessage ?? "")")

            // The right record verifies it.
            try Self.writeZone(zoneFile, [challenge: ["unrelated", claim.txtValue]])
            let verified = try await api.call(.post, "\(base)/mcp.acme.test/verify", token: token)
            #expect(verified.status == .ok, "\(String(decoding: verified.body, as: UTF8.self))")
            let done = try verified.decode(APICustomDomain.self)
            #expect(done.status == .verified && done.url == "http://mcp.acme.test:\(mcp.port)/mcp" && done.verifiedAt != nil)

            // The other claim was dropped with a note, and cannot verify now.
            let betaList = try await api.call(.get, "/v1/orgs/beta/servers/beta-docs/domains", token: beta).decode(CustomDomainList.self)
            #expect(betaList.items.first?.status == .dropped && betaList.items.first?.note?.contains("another server verified") == true)
            #expect(try await api.call(.post, "/v1/orgs/beta/servers/beta-docs/domains/mcp.acme.test/verify", token: beta).status == .conflict)
            #expect(try await api.call(.post, "/v1/orgs/beta/servers/beta-docs/domains", token: beta,
                                       json: CreateCustomDomain(domain: "other.acme.test")).status == .created)

            // Routed: /mcp on the domain reaches acme-docs, which asks for sign-in on the domain's
            // own origin; OAuth's issuer is that origin.
            let challenged = try await mcp.send("/mcp", body: Self.initialize, host: host)
            #expect(challenged.status == .unauthorized)
            #expect(challenged.headers[.wwwAuthenticate]?.contains(#"resource_metadata="http://mcp.acme.test:\#(mcp.port)/.well-known/oauth-protected-resource/mcp""#) == true,
                    "\(challenged.headers[.wwwAuthenticate] ?? "")")
            let metadata = try await mcp.send("/.well-known/oauth-authorization-server", method: .get, host: host)
            #expect(metadata.status == .ok, "\(metadata.text)")
            #expect(metadata.json["issuer"]?.stringValue == "http://mcp.acme.test:\(mcp.port)/", "\(metadata.text)")
            #expect(metadata.json["authorization_endpoint"]?.stringValue == "http://mcp.acme.test:\(mcp.port)/oauth/authorize")
            let resource = try await mcp.send("/.well-known/oauth-protected-resource/mcp", method: .get, host: host)
            #expect(resource.json["resource"]?.stringValue == "http://mcp.acme.test:\(mcp.port)/mcp", "\(resource.text)")
            // Without sign-in, initialize answers as acme-docs; a browser page on the domain may call it.
            #expect(try await api.call(.patch, "/v1/orgs/acme/servers/acme-docs", token: token, json: ServerFields(authMode: AuthMode.none)).status == .ok)
            var initialized = ""
            // The server's settings are cached for two seconds.
            let answered = try await eventually {
                let reply = try await mcp.send("/mcp", body: Self.initialize, host: host)
                initialized = reply.text
                return reply.status == .ok
            }
            #expect(answered && initialized.contains(#""name":"acme-docs""#), "\(initialized)")
            let fromPage = try await mcp.send("/mcp", body: Self.initialize, headers: ["Origin": "http://mcp.acme.test:\(mcp.port)"], host: host)
            #expect(fromPage.status == .ok)
            // Tracking-id URLs work on the domain too, and identify the end user.
            let tracked = try await mcp.send("/api/mcpserver/customer-7/mcp", body: Self.initialize, host: host)
            #expect(tracked.status == .ok && tracked.sessionID != nil, "\(tracked.text)")
            let trackedUser = try await api.call(.get, "/v1/orgs/acme/users/customer-7", token: token).decode(APIEndUser.self)
            #expect(trackedUser.trackingIds == ["customer-7"] && trackedUser.sessions?.map(\.id) == [tracked.sessionID].compactMap { $0 })

            // servers show lists the custom URL.
            let shown = try await api.call(.get, "/v1/orgs/acme/servers/acme-docs", token: token).decode(APIServer.self)
            #expect(shown.connect?.customUrls == ["http://mcp.acme.test:\(mcp.port)/mcp"])

            // Caddy's ask endpoint: the platform's names and verified domains only.
            for (name, allowed) in [("mcp.acme.test", true), ("MCP.ACME.TEST.", true), ("mcp.test", true), ("acme-docs.mcp.test", true),
                                    ("beta-docs.mcp.test", true), ("nosuch.mcp.test", false), ("other.acme.test", false),
                                    ("evil.example.com", false), ("", false), ("127.0.0.1", false), ("a.b.acme-docs.mcp.test", false)] {
                let asked = try await api.call(.get, "/tls/allowed?domain=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)")
                #expect(asked.status == (allowed ? .ok : .notFound), "\(name): \(asked.status)")
            }

            // Removal stops routing on this replica at once.
            #expect(try await api.call(.delete, "\(base)/mcp.acme.test", token: token).status == .noContent)
            #expect(try await mcp.send("/mcp", body: Self.initialize, host: host).status == .notFound)
            #expect(try await api.call(.get, "/tls/allowed?domain=mcp.acme.test").status == .notFound)
            #expect(try await api.call(.delete, "\(base)/mcp.acme.test", token: token).status == .notFound)
            #expect(try await api.call(.get, base, token: token).decode(CustomDomainList.self).items.isEmpty)
        }
    }

    @Test("bad domains are refused with a reason and store nothing; other organizations see and change nothing", arguments: TestEngine.all)
    func badInputAndIsolation(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let api = mcp.api, token = mcp.token
            let base = "/v1/orgs/acme/servers/acme-docs/domains"
            for (domain, reason) in [("10.0.0.1", "IP address"), ("[::1]", "IP address"), ("mcp.test", "platform's own domain"),
                                     ("docs.mcp.test", "platform's own domain"), ("localhost", "at least two labels"),
                                     ("bad_name.example.com", "label"), ("-x.example.com", "label"), ("x..example.com", "label"),
                                     ("example.123", "all digits"), (String(repeating: "a", count: 64) + ".com", "label"),
                                     ("a b.example.com", "label"), ("mcp.acme.test/evil", "label")] {
                let reply = try await api.call(.post, base, token: token, json: CreateCustomDomain(domain: domain))
                #expect(reply.status == .unprocessableContent, "\(domain): \(reply.status)")
                #expect(reply.errorMessage?.contains(reason) == true, "\(domain): \(reply.errorMessage ?? "")")
            }
            #expect(try await api.call(.get, base, token: token).decode(CustomDomainList.self).items.isEmpty)
            #expect(try await api.call(.post, "\(base)/nothing.example.com/verify", token: token).status == .notFound)

            #expect(try await api.call(.post, base, token: token, json: CreateCustomDomain(domain: "mcp.acme.test")).status == .created)
            let other = try await AdminAPITests.signupWithOrganization(api, email: "eve@evil.test", slug: "evil")
            for (method, path) in [(HTTPRequest.Method.get, base), (.post, "\(base)/mcp.acme.test/verify"), (.delete, "\(base)/mcp.acme.test")] {
                #expect(try await api.call(method, path, token: other).status == .notFound, "\(method) \(path)")
            }
            #expect(try await api.call(.post, base, token: other, json: CreateCustomDomain(domain: "x.evil.test")).status == .notFound)
            let still = try await api.call(.get, base, token: token).decode(CustomDomainList.self)
            #expect(still.items.map(\.domain) == ["mcp.acme.test"])
        }
    }
}
