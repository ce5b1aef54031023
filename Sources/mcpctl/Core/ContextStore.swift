import Foundation
import TOMLKit

/// One stored context: a daemon URL, the credential for it and the default organization.
struct StoredContext: Sendable, Equatable {
    var url: String
    var token: String?
    var org: String?
}

/// Contexts in `$XDG_CONFIG_HOME/mcpctl/config.toml` (mode 0600).
struct ContextStore {
    var file: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return URL(fileURLWithPath: base).appendingPathComponent("mcpctl/config.toml")
    }

    private func table() -> TOMLTable? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return try? TOMLTable(string: text)
    }

    /// The name of the current context.
    var currentName: String? { table()?["current-context"]?.string }

    /// Every stored context by name.
    var contexts: [String: StoredContext] {
        guard let contexts = table()?["contexts"]?.table else { return [:] }
        var result: [String: StoredContext] = [:]
        for name in contexts.keys {
            guard let entry = contexts[name]?.table, let url = entry["url"]?.string else { continue }
            result[name] = StoredContext(url: url, token: entry["token"]?.string, org: entry["org"]?.string)
        }
        return result
    }

    func context(named name: String) -> StoredContext? { contexts[name] }

    /// Saves `context` as `name` and, with `makeCurrent`, makes it current.
    func save(_ context: StoredContext, as name: String, makeCurrent: Bool = true) throws {
        var all = contexts
        all[name] = context
        let current = makeCurrent ? name : (currentName ?? name)
        try write(all, current: current)
    }

    /// Makes `name` current.
    func use(_ name: String) throws {
        guard contexts[name] != nil else { throw CLIError(message: "no context '\(name)'", exitCode: 3) }
        try write(contexts, current: name)
    }

    private func write(_ contexts: [String: StoredContext], current: String) throws {
        var text = "current-context = \(quoted(current))\n"
        for (name, context) in contexts.sorted(by: { $0.key < $1.key }) {
            text += "\n[contexts.\(quoted(name))]\nurl = \(quoted(context.url))\n"
            if let token = context.token { text += "token = \(quoted(token))\n" }
            if let org = context.org { text += "org = \(quoted(org))\n" }
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(message: "cannot write \(file.path)", exitCode: 1)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    private func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
