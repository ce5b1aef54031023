import Foundation
import Testing

/// Debian's caddy binary, when installed.
private let caddyProgram = ["/usr/bin/caddy", "/usr/local/bin/caddy"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The shipped `deploy/Caddyfile` in front of the real daemon: Debian's Caddy terminates TLS with
/// its internal CA on loopback (on-demand certificates, asked of the daemon's `/tls/allowed`),
/// and the official Python SDK client signs in over https through it (OAuth with an https
/// `public-url`, `__Host-` cookies), on a server's own host and on a verified custom domain.
/// Names that the daemon does not serve get no certificate.
@Suite("TLS through Caddy", .enabled(if: caddyProgram != nil, "caddy is not installed (apt-get install caddy; scripts/test installs it)"))
struct CaddyTLSTests {
    /// A Caddy process and where its internal CA's root certificate is.
    struct Caddy {
        let process: DaemonProcess
        let directory: URL
        let httpsPort: Int
        var rootCertificate: URL { directory.appendingPathComponent("storage/pki/authorities/local/root.crt") }
    }

    /// The shipped Caddyfile with the test's ports, its own storage, and no admin endpoint,
    /// system trust store, ACME or HTTP/3: local certificates from Caddy's internal CA.
    static func caddyfile(https: Int, http: Int, publicPort: Int, adminPort: Int, storage: URL) throws -> String {
        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("deploy/Caddyfile"), encoding: .utf8)
        #expect(shipped.contains("ask http://127.0.0.1:8081/tls/allowed") && shipped.contains("reverse_proxy 127.0.0.1:8080"))
        let testOptions = """
        {
        \tadmin off
        \tskip_install_trust
        \tlocal_certs
        \tdefault_bind 127.0.0.1
        \thttp_port \(http)
        \thttps_port \(https)
        \tstorage file_system \(storage.path)
        \tservers {
        \t\tprotocols h1 h2
        \t}
        """
        var lines = shipped.components(separatedBy: "\n")
        let globalBlock = try #require(lines.firstIndex(of: "{"), "the shipped Caddyfile has no global options block")
        lines[globalBlock] = testOptions
        return lines.joined(separator: "\n")
            .replacingOccurrences(of: "127.0.0.1:8081", with: "127.0.0.1:\(adminPort)")
            .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(publicPort)")
    }

    static func startCaddy(_ text: String, directory: URL, httpsPort: Int) async throws -> Caddy {
        let program = try #require(caddyProgram)
        let file = directory.appendingPathComponent("Caddyfile")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let process = try DaemonProcess(["run", "--config", file.path, "--adapter", "caddyfile"],
                                        environment: ["HOME": directory.path, "XDG_DATA_HOME": directory.appendingPathComponent("data").path,
                                                      "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path],
                                        program: program)
        let caddy = Caddy(process: process, directory: directory, httpsPort: httpsPort)
        let ready = await eventually(timeout: .seconds(30)) {
            (process.stderr.contains("serving initial configuration") && FileManager.default.fileExists(atPath: caddy.rootCertificate.path))
                || !process.process.isRunning
        }
        guard ready, process.process.isRunning else { throw DaemonError("caddy did not start:\n\(process.stderr)") }
        return caddy
    }

    /// An https GET of `path` on `host`, connecting to Caddy on loopback and trusting its CA.
    static func probe(_ caddy: Caddy, host: String, path: String = "/healthz") async throws -> [String: Any] {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "tls_probe", withExtension: "py"))
        let run = try await runDaemonCommand([script.path, String(caddy.httpsPort), caddy.rootCertificate.path, host, path], environment: [:],
                                             program: "python3-via-env-path:\(python)")
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
    }

    /// The cookies the SDK run's browser was given by the daemon (not by the upstream provider).
    static func daemonCookies(_ output: [String: Any]) -> [[String: Any]] {
        (output["cookies"] as? [[String: Any]] ?? []).filter { ($0["host"] as? String)?.hasSuffix(".test") == true }
    }

    @Test("the Python SDK signs in over https through Caddy (server host and custom domain, __Host- cookies); unserved names get no certificate",
          arguments: TestEngine.all)
    func signInThroughCaddy(engine: TestEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-caddy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zoneFile = directory.appendingPathComponent("zone.json")
        try CustomDomainTests.writeZone(zoneFile, [:])
        let dns = try await OutboundPolicyTests.startDNS("@" + zoneFile.path)
        defer { _ = dns.process }
        let https = try freeLoopbackPort(), http = try freeLoopbackPort()
        let origin = "https://mcp.test:\(https)"
        // The upstream identity provider is plain http on loopback, which the daemon accepts only
        // with the development setting; the daemon's own URLs are https (public-url).
        try await OAuthUpstreamTests.withSetup(engine, extra: [
            "MCPLATFORM_PUBLIC_URL": origin, "MCPLATFORM_TRUSTED_PROXIES": "127.0.0.1", "MCPLATFORM_DNS_RESOLVER": "127.0.0.1:\(dns.port)",
        ]) { setup, _ in
            let admin = try await setup.daemon.daemon.port(of: "admin")
            let text = try Self.caddyfile(https: https, http: http, publicPort: setup.daemon.publicPort, adminPort: admin,
                                          storage: directory.appendingPathComponent("storage"))
            let caddy = try await Self.startCaddy(text, directory: directory, httpsPort: https)
            defer { kill(caddy.process.process.processIdentifier, SIGKILL) }
            let tls = ["SSL_CERT_FILE": caddy.rootCertificate.path]

            // The platform's own name gets a certificate and reaches the daemon.
            let health = try await Self.probe(caddy, host: "mcp.test")
            #expect(health["ok"] as? Bool == true && health["status"] as? Int == 200, "\(health)")
            #expect((health["names"] as? [String]) == ["mcp.test"] && (health["body"] as? String)?.contains(#""ok""#) == true, "\(health)")

            // platform_oauth on the server's own host: upstream sign-in, back on https.
            try await OAuthUpstreamTests.createServer(setup, "acme-docs", mode: "platform_oauth")
            let signedIn = try await setup.sdk("https://acme-docs.mcp.test:\(https)/mcp", mode: "2026-07-28", arguments: [
                "--subject", "ada", "--claims", #"{"email":"ada@example.com","email_verified":true,"name":"Ada"}"#], environment: tls)
            #expect((signedIn["text"] as? String)?.contains("ticket #1") == true && (signedIn["text"] as? String)?.contains("ada@example.com") == true,
                    "\(signedIn)")
            let hosts = Set((signedIn["steps"] as? [[String: Any]] ?? []).compactMap { $0["host"] as? String })
            #expect(hosts.contains("acme-docs.mcp.test:\(https)") || hosts.contains("mcp.test:\(https)"), "\(hosts)")
            let cookies = Self.daemonCookies(signedIn)
            #expect(cookies.contains { $0["name"] as? String == "__Host-mcp_oauth_binding" }, "\(cookies)")
            #expect(!cookies.isEmpty && cookies.allSatisfy { ($0["name"] as? String)?.hasPrefix("__Host-") == true && $0["secure"] as? Bool == true },
                    "\(cookies)")
            let metadata = try await Self.probe(caddy, host: "acme-docs.mcp.test", path: "/.well-known/oauth-protected-resource/mcp")
            #expect((metadata["body"] as? String)?.contains(#""resource":"https://acme-docs.mcp.test:\#(https)/mcp""#) == true, "\(metadata)")

            // A custom domain: no certificate while it is only claimed, one once it is verified
            // (Caddy asks again: a refusal is not remembered);
            // then the SDK signs in on it (custom_oauth, the legacy era): the organization's own
            // provider sends the browser back to the callback on the custom domain's origin.
            try await OAuthUpstreamTests.createServer(setup, "acme-help", mode: "custom_oauth")
            let claimed = try await setup.ctl(["servers", "domains", "add", "acme-help", "help.acme.test", "-o", "json"])
            #expect(claimed.status == 0, "\(claimed.stderr)")
            let claim = try #require(try JSONSerialization.jsonObject(with: Data(claimed.stdout.utf8)) as? [String: Any], "\(claimed.stdout)")
            let txtValue = try #require(claim["txt_value"] as? String, "\(claim)")
            #expect(try await setup.ctl(["servers", "domains", "add", "acme-help", "pending.acme.test"]).status == 0)
            for name in ["help.acme.test", "pending.acme.test", "unknown.example.test", "nosuch.mcp.test"] {
                let refused = try await Self.probe(caddy, host: name)
                #expect(refused["ok"] as? Bool == false, "\(name) got a certificate: \(refused)")
            }
            try CustomDomainTests.writeZone(zoneFile, ["_mcplatform-challenge.help.acme.test.": [txtValue]])
            let verified = try await setup.ctl(["servers", "domains", "verify", "acme-help", "help.acme.test"])
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
            let onDomain = try await Self.probe(caddy, host: "help.acme.test", path: "/.well-known/oauth-authorization-server")
            #expect(onDomain["ok"] as? Bool == true && (onDomain["names"] as? [String]) == ["help.acme.test"], "\(onDomain)")
            #expect((onDomain["body"] as? String)?.contains(#""issuer":"https://help.acme.test:\#(https)/""#) == true, "\(onDomain)")
            let typed = try await setup.sdk("https://help.acme.test:\(https)/mcp", mode: "legacy", arguments: [
                "--subject", "grace", "--claims", #"{"email":"grace@example.com","email_verified":true,"name":"Grace"}"#], environment: tls)
            #expect((typed["text"] as? String)?.contains("grace@example.com") == true, "\(typed)")
            let steps = (typed["steps"] as? [[String: Any]] ?? []).map { "\($0["method"] ?? "") \($0["host"] ?? "")\($0["path"] ?? "")" }
            #expect(steps.first == "GET help.acme.test:\(https)/oauth/authorize" && steps.last == "GET help.acme.test:\(https)/oauth/callback",
                    "\(steps)")
            let domainCookies = Self.daemonCookies(typed)
            #expect(domainCookies.contains { $0["name"] as? String == "__Host-mcp_oauth_binding" && $0["host"] as? String == "help.acme.test" },
                    "\(domainCookies)")
        }
    }
}
