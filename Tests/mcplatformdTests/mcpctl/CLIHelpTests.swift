import Foundation
import Testing

/// Every command of both programs documents itself with an example.
@Test("every mcpctl and mcplatformd command has --help with an example", arguments: ["mcpctl", "mcplatformd"])
func everyCommandHasAnExample(program: String) async throws {
    let dump = try await runDaemonCommand(["--experimental-dump-help"], environment: ["HOME": "/tmp"], program: program)
    #expect(dump.status == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
    var missing: [String] = []
    var count = 0
    func visit(_ command: [String: Any], path: String) {
        let name = command["commandName"] as? String ?? "?"
        guard name != "help" else { return }
        count += 1
        let discussion = command["discussion"] as? String ?? ""
        if !discussion.contains("Example") { missing.append("\(path) \(name)") }
        for sub in command["subcommands"] as? [[String: Any]] ?? [] { visit(sub, path: "\(path) \(name)") }
    }
    visit(try #require(root["command"] as? [String: Any]), path: "")
    #expect(count > 5)
    #expect(missing.isEmpty, "commands without an example: \(missing)")
}
