import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Shared
import Testing
@testable import mcplatformd

/// Webhook deliveries from the real daemon binary to a real HTTP receiver started by the test.
@Suite("Webhook deliveries")
struct WebhookDeliveryTests {
    /// What the receiver saw.
    struct Received: Sendable {
        let path: String
        let headers: [String: String]
        let body: String
    }

    /// A receiver answering `/hook` with `script` (then 200) and `/slack` with 200.
    static func receiver(script: [HTTPResponse.Status], log: SharedValue<[Received]>) -> some ApplicationProtocol {
        let router = Router()
        for path in ["hook", "slack"] {
            router.post(RouterPath(stringLiteral: path)) { request, _ -> HTTPResponse.Status in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let index = log.value.filter { $0.path == path }.count
                log.update { $0.append(Received(path: path, headers: headers, body: body)) }
                return path == "hook" && index < script.count ? script[index] : .ok
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("a ticket reaches the receiver signed; 500, 500, then 200 is delivered on the third try across a daemon restart, once per attempt",
          arguments: TestEngine.all)
    func retriedAcrossRestart(engine: TestEngine) async throws {
        let database = try await TestDatabase.create(engine)
        defer { Task { await database.destroy() } }
        let home = try makeTemporaryHome()
        let token = try await MCPInteropTests.bootstrap(database, home: home)
        let log = SharedValue<[Received]>([])
        let secret = "receiver-secret-0123456789"
        try await Self.receiver(script: [.internalServerError, .internalServerError], log: log).test(.live) { client in
            let receiverPort = try #require(client.port)
            let daemonSettings = ["MCPLATFORM_ALLOW_PRIVATE_ADDRESSES": "true", "MCPLATFORM_WEBHOOK_RETRY_DELAY": "2s"]
            var running = try await MCPInteropTests.startDaemon(database, home: home, extra: daemonSettings)
            var env = running.ctlEnvironment
            env["MCPCTL_TOKEN"] = token
            #expect(try await MCPInteropTests.ctl(["servers", "create", "acme-docs", "--name", "Acme Docs", "--product", "Acme"], env).status == 0)
            let created = try await MCPInteropTests.ctl(["webhooks", "create", "http://127.0.0.1:\(receiverPort)/hook", "--events",
                                                         "ticket.created,ticket.updated", "--secret", secret, "-o", "json"], env)
            #expect(created.status == 0, "\(created.stderr)")
            let webhook = try APICoding.makeDecoder().decode(APIWebhook.self, from: Data(created.stdout.utf8))
            let slack = try await MCPInteropTests.ctl(["webhooks", "create", "http://127.0.0.1:\(receiverPort)/slack", "--events", "ticket.created",
                                                       "--format", "slack", "-o", "name"], env)
            #expect(slack.status == 0 && slack.stdout.hasPrefix("whsec_"), "\(slack.stderr)")

            // get_support opens ticket #1: the first attempt gets a 500.
            let call = try await mcpSend(port: running.publicPort, "/s/acme-docs/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"}},"name":"get_support","arguments":\#(MCPHarness.supportArguments)}}"#,
                                         headers: ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "get_support"])
            #expect(call.toolText?.contains("ticket #1") == true, "\(call.text)")
            let hooks = { log.value.filter { $0.path == "hook" } }
            #expect(await eventually(timeout: .seconds(20)) { hooks().count >= 1 }, "first attempt")

            // Restarted between tries: the queue in the database carries the delivery over.
            #expect(await running.daemon.stop() == 0)
            running = try await MCPInteropTests.startDaemon(database, home: home, extra: daemonSettings)
            env = running.ctlEnvironment
            env["MCPCTL_TOKEN"] = token
            #expect(await eventually(timeout: .seconds(40)) { hooks().count >= 3 }, "\(hooks().count) attempts; daemon: \(running.daemon.stderr)")

            let attempts = hooks()
            #expect(attempts.count == 3)
            let deliveryID = try #require(attempts.first?.headers["x-mcplatform-delivery"])
            for attempt in attempts {
                #expect(attempt.headers["x-mcplatform-delivery"] == deliveryID && attempt.headers["x-mcplatform-event"] == "ticket.created")
                let timestamp = try #require(attempt.headers["x-mcplatform-timestamp"])
                let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(attempt.body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
                #expect(attempt.headers["x-mcplatform-signature"] == "v1=" + mac.map { String(format: "%02x", $0) }.joined(), "signature verifies")
                let event = try JSONValue.parse(Data(attempt.body.utf8))
                #expect(event["type"] == "ticket.created" && event["data"]?["ticket"]?["number"] == 1)
                #expect(event["data"]?["ticket"]?["title"] == "Build fails" && event["id"]?.stringValue != nil)
            }
            #expect(Set(attempts.map(\.body)).count == 1, "every attempt sends the same event")

            let shown = try await MCPInteropTests.ctl(["webhooks", "deliveries", deliveryID, "-o", "json"], env)
            #expect(shown.status == 0, "\(shown.stderr)")
            let delivery = try APICoding.makeDecoder().decode(APIWebhookDelivery.self, from: Data(shown.stdout.utf8))
            #expect(delivery.state == "delivered" && delivery.attempts == 3 && delivery.webhookId == webhook.id)
            #expect(delivery.attemptLog?.map(\.status) == [500, 500, 200], "one attempt record per request")
            let jobsDone = try await eventually(timeout: .seconds(10)) {
                let jobs = try await MCPInteropTests.ctl(["jobs", "list", "-o", "json"], env)
                let list = try APICoding.makeDecoder().decode([APIJob].self, from: Data(jobs.stdout.utf8))
                return list.filter { $0.kind == "webhook.deliver" }.map(\.state) == ["done", "done"]
            }
            #expect(jobsDone, "both deliveries' jobs are done: no further attempts")
            #expect(hooks().count == 3)

            let slackBodies = log.value.filter { $0.path == "slack" }
            #expect(slackBodies.count == 1)
            let message = try JSONValue.parse(Data((slackBodies.first?.body ?? "").utf8))
            #expect(message["text"]?.stringValue?.contains("#1") == true && message["data"] == nil)

            // A change to the ticket is ticket.updated; `webhooks test` reports the delivery.
            #expect(try await MCPInteropTests.ctl(["tickets", "close", "1"], env).status == 0)
            #expect(await eventually(timeout: .seconds(20)) { hooks().contains { $0.headers["x-mcplatform-event"] == "ticket.updated" } })
            let updated = try JSONValue.parse(Data((hooks().last?.body ?? "").utf8))
            #expect(updated["data"]?["changes"] == [["field": "status", "old": "open", "new": "closed"]])
            let test = try await MCPInteropTests.ctl(["webhooks", "test", webhook.id], env)
            #expect(test.status == 0 && test.stdout.contains("delivered"), "\(test.stdout)\(test.stderr)")
            #expect(hooks().last?.headers["x-mcplatform-event"] == "webhook.test")

            let listed = try APICoding.makeDecoder().decode([APIWebhook].self, from: Data(try await MCPInteropTests.ctl(["webhooks", "list", "-o", "json"], env).stdout.utf8))
            #expect(listed.map(\.format).sorted() == ["json", "slack"] && listed.allSatisfy { $0.secret == nil })
            let slackID = try #require(listed.first { $0.format == "slack" }?.id)
            #expect(try await MCPInteropTests.ctl(["webhooks", "delete", slackID], env).status == 2, "no --yes and no terminal")
            #expect(try await MCPInteropTests.ctl(["webhooks", "delete", slackID, "--yes"], env).status == 0)
            #expect(try await MCPInteropTests.ctl(["webhooks", "delete", slackID, "--yes"], env).status == 3)
            #expect(try await MCPInteropTests.ctl(["webhooks", "create", "http://127.0.0.1:1/x", "--events", "ticket.exploded"], env).status == 2)
            let remaining = try await MCPInteropTests.ctl(["webhooks", "list"], env)
            #expect(remaining.stdout.contains(webhook.id) && !remaining.stdout.contains(slackID))
            #expect(await running.daemon.stop() == 0)
        }
    }
}
