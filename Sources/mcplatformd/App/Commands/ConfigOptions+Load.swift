import ArgumentParser

extension ConfigOptions {
    /// Loads the configuration, or prints the one-line error and exits with status 2.
    func load() throws -> DaemonConfiguration {
        do {
            return try ConfigurationLoader(flags: values, configFile: config).load()
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}

extension Setting {
    /// Flag help: what it does, its environment variable and its default.
    var argumentHelp: ArgumentHelp {
        let declaration = self.declaration
        return ArgumentHelp("\(declaration.help) Env: \(environmentName). Default: \(declaration.defaultText).",
                            valueName: declaration.valueName)
    }
}
