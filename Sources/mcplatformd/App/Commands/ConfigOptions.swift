import ArgumentParser

/// The configuration flags every subcommand accepts; each overrides its `MCPLATFORM_*`
/// variable and config-file key.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Config file (TOML, or YAML for .yaml/.yml). Env: MCPLATFORM_CONFIG.")
    var config: String?
    @Option(name: .customLong("base-domain"), help: ArgumentHelp(Setting.baseDomain.help, valueName: "domain"))
    var baseDomain: String?
    @Option(name: .customLong("public-url"), help: ArgumentHelp(Setting.publicURL.help, valueName: "url"))
    var publicURL: String?
    @Option(name: .customLong("database-url"), help: ArgumentHelp(Setting.databaseURL.help, valueName: "url"))
    var databaseURL: String?
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(Setting.dataDir.help, valueName: "path"))
    var dataDir: String?
    @Option(name: .customLong("keys-dir"), help: ArgumentHelp(Setting.keysDir.help, valueName: "path"))
    var keysDir: String?
    @Option(name: .customLong("public-listen"), help: ArgumentHelp(Setting.publicListen.help, valueName: "host:port"))
    var publicListen: String?
    @Option(name: .customLong("admin-listen"), help: ArgumentHelp(Setting.adminListen.help, valueName: "host:port"))
    var adminListen: String?
    @Option(name: .customLong("metrics-allow"), help: ArgumentHelp(Setting.metricsAllow.help, valueName: "ranges"))
    var metricsAllow: String?
    @Option(name: .customLong("trusted-proxies"), help: ArgumentHelp(Setting.trustedProxies.help, valueName: "ranges"))
    var trustedProxies: String?
    @Option(name: .customLong("log-level"), help: ArgumentHelp(Setting.logLevel.help, valueName: "level"))
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: ArgumentHelp(Setting.logFormat.help, valueName: "format"))
    var logFormat: String?
    @Option(name: .customLong("allow-signup"), help: ArgumentHelp(Setting.allowSignup.help, valueName: "bool"))
    var allowSignup: String?
    @Option(name: .customLong("allow-private-addresses"), help: ArgumentHelp(Setting.allowPrivateAddresses.help, valueName: "bool"))
    var allowPrivateAddresses: String?
    @Option(name: .customLong("oauth-allow-insecure-http"), help: ArgumentHelp(Setting.oauthAllowInsecureHTTP.help, valueName: "bool"))
    var oauthAllowInsecureHTTP: String?
    @Option(name: .customLong("debug-routes"), help: ArgumentHelp(Setting.debugRoutes.help, valueName: "bool"))
    var debugRoutes: String?

    /// The flags that were given, by setting.
    var values: [Setting: String] {
        let pairs: [(Setting, String?)] = [
            (.baseDomain, baseDomain), (.publicURL, publicURL), (.databaseURL, databaseURL), (.dataDir, dataDir),
            (.keysDir, keysDir), (.publicListen, publicListen), (.adminListen, adminListen),
            (.metricsAllow, metricsAllow), (.trustedProxies, trustedProxies), (.logLevel, logLevel),
            (.logFormat, logFormat), (.allowSignup, allowSignup), (.allowPrivateAddresses, allowPrivateAddresses),
            (.oauthAllowInsecureHTTP, oauthAllowInsecureHTTP), (.debugRoutes, debugRoutes),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { setting, value in value.map { (setting, $0) } })
    }

    /// Loads the configuration, or prints the one-line error and exits with status 2.
    func load() throws -> Configuration {
        do {
            return try ConfigurationLoader(flags: values, configFile: config).load()
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}
