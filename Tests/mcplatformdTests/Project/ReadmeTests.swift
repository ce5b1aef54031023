import Foundation
import Testing
@testable import mcplatformd

@Test("the README documents every setting with its flag and environment variable")
func readmeListsEverySetting() throws {
    let root = repositoryRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    for setting in Setting.allCases {
        #expect(readme.contains("| `\(setting.rawValue)` | `--\(setting.rawValue)` | `\(setting.environmentName)` |"), "README lacks \(setting.rawValue)")
    }
    #expect(readme.contains("swift run mcplatformd") && readme.contains("scripts/test"))
}

@Test("the README's webhook verification example accepts the daemon's signature and rejects a tampered body")
func readmeWebhookVerification() async throws {
    let root = repositoryRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "```python\nimport hashlib"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    let example = String(readme[readme.index(start.lowerBound, offsetBy: "```python\n".count)..<end.lowerBound])
    let body = #"{"type":"ticket.created","data":{"ticket":{"number":1}}}"#
    let timestamp = Int64(Date().timeIntervalSince1970)
    let signature = WebhookSigner.signature(secret: "whsec_example", timestamp: timestamp, body: body)
    let driver = example + """

        headers = {"X-Mcplatform-Timestamp": "\(timestamp)", "X-Mcplatform-Signature": "\(signature)"}
        body = \(String(reflecting: body)).encode()
        print(verify("whsec_example", headers, body), verify("whsec_example", headers, body + b" "), verify("other", headers, body))
        """
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString).py")
    try driver.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try await runDaemonCommand([file.path], environment: [:], program: "python3-via-env")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "True False False")
}
