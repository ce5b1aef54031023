import ArgumentParser

/// `mcpctl context list | use NAME | current`.
struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context", abstract: "Stored contexts: a daemon URL, a credential and an organization each.",
        discussion: "Examples:\n  mcpctl context list\n  mcpctl context use staging\n  mcpctl context current",
        subcommands: [ContextList.self, ContextUse.self, ContextCurrent.self])
}

/// `mcpctl context list`.
struct ContextList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List stored contexts.", discussion: "Example:\n  mcpctl context list")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let store = ContextStore()
        let current = store.currentName
        let rows = store.contexts.sorted { $0.key < $1.key }.map { ContextRow(name: $0.key, url: $0.value.url, org: $0.value.org, current: $0.key == current) }
        try await runReporting(global) {
            try global.printer.list(rows, columns: [
                Column(header: "CURRENT") { $0.current ? "*" : "" }, Column(header: "NAME") { $0.name },
                Column(header: "URL") { $0.url }, Column(header: "ORG") { $0.org ?? "-" },
            ], id: \.name)
        }
    }
}

/// A context as listed (never its token).
struct ContextRow: Encodable, Sendable {
    let name: String
    let url: String
    let org: String?
    let current: Bool
}

/// `mcpctl context use NAME`.
struct ContextUse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make a stored context current.", discussion: "Example:\n  mcpctl context use staging")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The context's name.") var name: String

    func run() async throws {
        try await runReporting(global) {
            try ContextStore().use(name)
            print("now using context \(name)")
        }
    }
}

/// `mcpctl context current`.
struct ContextCurrent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "current", abstract: "Print the current context's name.", discussion: "Example:\n  mcpctl context current")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await runReporting(global) {
            guard let name = ContextStore().currentName else { throw CLIError(message: "no context yet (run mcpctl login)", exitCode: 3) }
            print(name)
        }
    }
}
