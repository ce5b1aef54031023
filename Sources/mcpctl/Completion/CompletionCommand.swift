import ArgumentParser

/// `mcpctl completion bash|zsh|fish`: print a shell completion script.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the completion script for a shell.",
        discussion: """
            The same scripts are checked in under completions/.

            Examples:
              mcpctl completion bash > /etc/bash_completion.d/mcpctl
              mcpctl completion zsh > "${fpath[1]}/_mcpctl"
              mcpctl completion fish > ~/.config/fish/completions/mcpctl.fish
            """
    )

    /// The shells completion scripts exist for.
    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    func run() {
        let kind: CompletionShell = switch shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        print(MCPCtl.completionScript(for: kind))
    }
}
