import Foundation
import HTTPTypes
import Testing
@testable import mcplatformd

/// Every MCP URL of a server is a resource of its own (RFC 9728): a 401 points at metadata whose
/// `resource` is exactly the URL requested, and the official Python SDK signs in through each
/// form. A token stays bound to the server: it works on all of that server's URLs and on no
/// other server's.
@Suite("OAuth resource identifiers")
struct ResourceIdentifierTests {
    static let mcpHeaders = ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/list", "Accept": "application/json"]

    /// The strict RFC 9728 §3.3 check a careful client makes: follow `resource_metadata` from the
    /// challenge, and keep the metadata only if its `resource` is identical to the URL requested.
    static func strictCheck(_ url: String) async throws {
        let challenged = try await web(.post, url, json: OAuthTestClient.modernRequest("tools/list"), headers: mcpHeaders)
        #expect(challenged.status == .unauthorized, "\(url)")
        let header = challenged.headers[.wwwAuthenticate] ?? ""
        let metadataURL = try #require(Self.parameter("resource_metadata", in: header), "\(url): \(header)")
        // Served at the well-known path inserted between the origin and the path (RFC 9728 §3.1).
        let components = try #require(URLComponents(string: url))
        let origin = "\(components.scheme ?? "?")://\(components.host ?? "?"):\(components.port ?? 0)"
        #expect(metadataURL == origin + "/.well-known/oauth-protected-resource" + components.path)
        let metadata = try await web(.get, metadataURL)
        #expect(metadata.status == .ok, "\(metadataURL): \(metadata.text)")
        #expect(metadata.json["resource"] as? String == url, "RFC 9728 §3.3: \(metadataURL) says \(metadata.json["resource"] ?? "nothing")")
        #expect((metadata.json["authorization_servers"] as? [String])?.count == 1)
    }

    /// The value of `name="…"` in a challenge.
    static func parameter(_ name: String, in header: String) -> String? {
        guard let start = header.range(of: name + "=\"") else { return nil }
        let rest = header[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test("each MCP URL form has metadata whose resource is exactly that URL; the SDK signs in through every form; a token works on all of its server's URLs and no other server's",
          arguments: TestEngine.all)
    func everyForm(engine: TestEngine) async throws {
        try await OAuthUpstreamTests.withSetup(engine) { setup, _ in
            for slug in ["acme-docs", "acme-two"] {
                let created = try await setup.ctl(["servers", "create", slug, "--name", "Acme \(slug)", "--product", "Acme", "--auth", "collect_email"])
                #expect(created.status == 0, "\(created.stderr)")
            }
            let publicURL = setup.publicURL
            let host = "http://acme-docs.mcp.test:\(setup.daemon.publicPort)"
            let urls = [publicURL + "/s/acme-docs/mcp", publicURL + "/s/acme-docs/api/mcpserver/mcp", publicURL + "/s/acme-docs/api/mcpserver/trk-42/mcp",
                        host + "/mcp", host + "/api/mcpserver/mcp", host + "/api/mcpserver/trk-42/mcp"]
            for url in urls { try await Self.strictCheck(url) }

            // The metadata is built from the server's canonical origin, never from the Host sent.
            let foreign = try await web(.get, "http://evil.example:\(setup.daemon.publicPort)/.well-known/oauth-protected-resource/s/acme-docs/mcp")
            #expect(foreign.status == .ok && foreign.json["resource"] as? String == publicURL + "/s/acme-docs/mcp", "\(foreign.text)")
            #expect(try await web(.get, "http://evil.example:\(setup.daemon.publicPort)/.well-known/oauth-protected-resource/mcp").status == .notFound)

            // The official SDK signs in through every form, in both eras.
            var tokens: [String] = []
            for (index, url) in urls.enumerated() {
                let output = try await setup.sdk(url, mode: index.isMultiple(of: 2) ? "2026-07-28" : "legacy",
                                                 arguments: ["--no-support", "--email", "form\(index)@example.com"])
                #expect((output["tools"] as? [String])?.contains("get_support") == true, "\(url): \(output)")
                tokens.append(try #require(output["access_token"] as? String, "\(url)"))
            }
            // A token for one form works on every form of the same server, and on no other server.
            for (index, token) in tokens.enumerated() {
                for url in urls {
                    let reply = try await web(.post, url, json: OAuthTestClient.modernRequest("tools/list"),
                                              headers: Self.mcpHeaders.merging(["Authorization": "Bearer " + token]) { $1 })
                    #expect(reply.status == .ok, "token of \(urls[index]) on \(url): \(reply.status)")
                }
                for other in [publicURL + "/s/acme-two/mcp", "http://acme-two.mcp.test:\(setup.daemon.publicPort)/api/mcpserver/mcp"] {
                    let reply = try await web(.post, other, json: OAuthTestClient.modernRequest("tools/list"),
                                              headers: Self.mcpHeaders.merging(["Authorization": "Bearer " + token]) { $1 })
                    #expect(reply.status == .unauthorized && reply.headers[.wwwAuthenticate]?.contains("invalid_token") == true,
                            "token of \(urls[index]) on \(other): \(reply.status)")
                }
            }
        }
    }
}
