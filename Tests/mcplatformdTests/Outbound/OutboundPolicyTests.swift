import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing
@testable import mcplatformd

/// Where outbound requests may go, with a real DNS server on loopback (dnslib): a name is
/// resolved once and the connection goes to the address that was checked, so a DNS answer that
/// turns private between check and connect (rebinding) never reaches a private address.
@Suite("Outbound policy")
struct OutboundPolicyTests {
    /// A running `dns_server.py` serving `zone` (JSON, see the script).
    struct DNSServer: Sendable {
        let process: DaemonProcess
        let port: Int
        var client: DNSClient { DNSClient(server: "127.0.0.1", port: port) }
    }

    static func startDNS(_ zone: String) async throws -> DNSServer {
        let python = try #require(MCPInteropTests.python, "no Python venv: run scripts/test (or set MCP_TEST_PYTHON)")
        let script = try #require(Bundle.module.url(forResource: "dns_server", withExtension: "py"))
        let process = try DaemonProcess([script.path, zone], environment: [:], program: "python3-via-env-path:\(python)")
        var port: Int?
        _ = await eventually(timeout: .seconds(30)) {
            port = process.stdout.split(separator: "\n").first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Int] }?["port"]
            return port != nil || !process.process.isRunning
        }
        guard let port else { throw DaemonError("the DNS server did not start: \(process.stderr)") }
        return DNSServer(process: process, port: port)
    }

    /// An HTTP receiver on `host` (port 0) that counts requests and keeps their `Host` headers.
    static func withReceiver(host: String, _ body: @escaping @Sendable (Int, SharedValue<[String]>) async throws -> Void) async throws {
        let seen = SharedValue<[String]>([])
        let router = Router()
        router.get("hook") { request, _ -> String in
            seen.update { $0.append(request.head.authority ?? "") }
            return "ok"
        }
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: 0)), onServerRunning: { channel in
            port.withLock { $0 = channel.localAddress?.port }
        })
        let services = RunningServices([app])
        #expect(await eventually { port.withLock { $0 } != nil })
        do {
            try await body(try #require(port.withLock { $0 }), seen)
        } catch {
            try? await services.stop()
            throw error
        }
        try await services.stop()
    }

    @Test("IPv6 addresses that carry an IPv4 address inside are blocked with the private ranges")
    func embeddedIPv4() throws {
        for blocked in ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                        "64:ff9b::7f00:1", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2001:0:4136:e378::1", "::7f00:1", "::a00:1"] {
            #expect(OutboundPolicy.isBlocked(try #require(AddressRange.bytes(of: blocked))), "\(blocked)")
        }
        for allowed in ["93.184.216.34", "2606:4700:4700::1111", "::ffff:93.184.216.34", "2a00:1450::1"] {
            #expect(!OutboundPolicy.isBlocked(try #require(AddressRange.bytes(of: allowed))), "\(allowed)")
        }
    }

    @Test("the DNS client reads A, AAAA and TXT answers and NXDOMAIN")
    func dnsClient() async throws {
        let dns = try await Self.startDNS(#"{"both.test.": {"A": ["203.0.113.5"], "AAAA": ["2001:db8::5"], "TXT": ["hello world"]}}"#)
        defer { Task { await dns.process.stop(signal: SIGKILL) } }
        let addresses = try await dns.client.addresses(of: "both.test")
        #expect(addresses.compactMap(AddressRange.text(of:)) == ["203.0.113.5", "2001:db8::5"])
        #expect(try await dns.client.texts(of: "both.test") == ["hello world"])
        #expect(try await dns.client.addresses(of: "missing.test").isEmpty)
        await #expect(throws: DNSError.self) { try await DNSClient(server: "127.0.0.1", port: 9, timeout: .milliseconds(300)).texts(of: "x.test") }
    }

    @Test("the connection goes to the address the policy resolved, not to one the HTTP client looks up again")
    func pinnedConnection() async throws {
        let dns = try await Self.startDNS(#"{"pinned.test.": {"A": ["127.0.0.2", "127.0.0.1"], "rotate": true}}"#)
        defer { Task { await dns.process.stop(signal: SIGKILL) } }
        try await Self.withReceiver(host: "127.0.0.2") { port, seen in
            // Private addresses allowed (so that loopback can stand for "the checked address"):
            // the name is resolved once, by the configured server, and connected to.
            let policy = OutboundPolicy(allowPrivateAddresses: true, resolver: dns.client)
            let reply = try await OutboundHTTP.send(.GET, "http://pinned.test:\(port)/hook", policy: policy)
            #expect(reply.status == 200)
            #expect(seen.value == ["pinned.test:\(port)"])
        }
    }

    @Test("DNS rebinding: a public first answer is connected to as it is, and the private second answer is refused; loopback never sees a request")
    func rebinding() async throws {
        let dns = try await Self.startDNS(#"{"rebind.test.": {"A": ["203.0.113.10", "127.0.0.1"], "rotate": true}, "v6.test.": {"AAAA": ["64:ff9b::7f00:1"]}}"#)
        defer { Task { await dns.process.stop(signal: SIGKILL) } }
        try await Self.withReceiver(host: "127.0.0.1") { port, seen in
            let policy = OutboundPolicy(allowPrivateAddresses: false, resolver: dns.client)
            let url = try #require(URL(string: "http://rebind.test:\(port)/hook"))
            #expect(try await policy.pinnedAddress(for: url) == "203.0.113.10")
            // The second answer (rebound to loopback) is refused before any connection.
            let refused = await #expect(throws: OutboundFailure.self) {
                try await OutboundHTTP.send(.GET, url.absoluteString, policy: policy, timeout: .seconds(2))
            }
            #expect(refused?.description.contains("private or loopback") == true, "\(String(describing: refused))")
            #expect(await #expect(throws: OutboundFailure.self) {
                try await OutboundHTTP.send(.GET, "http://v6.test:\(port)/hook", policy: policy, timeout: .seconds(2))
            }?.description.contains("private or loopback") == true)
            #expect(seen.value.isEmpty)
        }
    }
}
