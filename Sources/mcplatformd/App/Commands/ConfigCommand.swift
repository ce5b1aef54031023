import ArgumentParser

/// `mcplatformd config`: print the effective configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (secrets redacted) with where each value came from.",
        discussion: """
            The output is valid TOML and can be used as a --config file.

            Examples:
              mcplatformd config
              MCPLATFORM_LOG_LEVEL=debug mcplatformd config --config /etc/mcplatform.toml
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let configuration = try options.load()
        for (setting, value) in configuration.printableValues() {
            let source = configuration.sources[setting] ?? .defaultValue
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            print("\(setting.rawValue) = \"\(escaped)\"  # \(source)")
        }
    }
}
