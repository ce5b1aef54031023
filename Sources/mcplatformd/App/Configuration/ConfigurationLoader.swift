import Foundation
import Logging
import Shared

/// Builds the `Configuration` from its sources: flags > environment (`MCPLATFORM_*`) >
/// config file (`--config` or `MCPLATFORM_CONFIG`) > defaults.
///
/// Every value goes through the same parser whatever its source, and every error names the
/// setting as it was given (`--public-listen`, `MCPLATFORM_PUBLIC_LISTEN`, or the file key).
struct ConfigurationLoader {
    /// Values given as flags.
    var flags: [Setting: String] = [:]
    /// The `--config` flag.
    var configFile: String?
    /// The process environment.
    var environment: [String: String] = ProcessInfo.processInfo.environment

    static let configEnvironmentName = "MCPLATFORM_CONFIG"

    /// Merges the sources and parses every setting.
    func load() throws(ConfigurationError) -> DaemonConfiguration {
        let raw = try rawSettings()
        var parser = Parser(raw: raw, environment: environment)
        return try parser.parse()
    }

    /// The raw value and source of every setting that was given anywhere.
    func rawSettings() throws(ConfigurationError) -> [Setting: RawSetting] {
        var merged: [Setting: RawSetting] = [:]
        if let path = configFile ?? environment[Self.configEnvironmentName], !path.isEmpty {
            for (setting, value) in try ConfigFileReader.read(path: path) {
                merged[setting] = RawSetting(value: value, source: .file(path))
            }
        }
        let known = Dictionary(uniqueKeysWithValues: Setting.allCases.map { ($0.environmentName, $0) })
        for (name, value) in environment where name.hasPrefix("MCPLATFORM_") && name != Self.configEnvironmentName {
            guard let setting = known[name] else {
                throw ConfigurationError(subject: name, problem: "unknown setting (known: \(Setting.allCases.map(\.environmentName).joined(separator: ", ")))")
            }
            merged[setting] = RawSetting(value: value, source: .environment)
        }
        for (setting, value) in flags {
            merged[setting] = RawSetting(value: value, source: .flag)
        }
        return merged
    }
}

extension ConfigurationLoader {
    /// Turns raw values into typed ones, filling defaults, in the order settings are declared.
    struct Parser {
        let raw: [Setting: RawSetting]
        let environment: [String: String]

        init(raw: [Setting: RawSetting], environment: [String: String]) {
            self.raw = raw
            self.environment = environment
        }

        mutating func parse() throws(ConfigurationError) -> DaemonConfiguration {
            var configuration = DaemonConfiguration()
            for setting in Setting.allCases {
                let declaration = setting.declaration
                guard let given = raw[setting] else {
                    declaration.applyDefault(&configuration, environment)
                    configuration.sources[setting] = .defaultValue
                    continue
                }
                configuration.sources[setting] = given.source
                let text = given.value.trimmingCharacters(in: .whitespaces)
                guard declaration.apply(&configuration, text) else {
                    if let problem = declaration.problem?(text) {
                        throw ConfigurationError(subject: given.subject(setting), problem: problem)
                    }
                    let shown = declaration.isSecret ? "(redacted)" : "'\(given.value)'"
                    throw ConfigurationError(subject: given.subject(setting), problem: "invalid value \(shown): \(declaration.expectation)")
                }
            }
            configuration.platformOAuth = try Self.platformProvider(configuration.platformOAuthInput)
            if let problem = configuration.mail.insecureProblem {
                throw ConfigurationError(subject: Setting.smtpAllowInsecure.rawValue, problem: problem)
            }
            return configuration
        }

        /// The platform identity provider, when any `platform-oauth-*` setting is given: a client
        /// id and either a discovery URL or the authorize and token URLs are then required.
        private static func platformProvider(_ input: PlatformOAuthInput) throws(ConfigurationError) -> PlatformOAuthProvider? {
            guard input.discoveryURL != nil || input.authorizeURL != nil || input.tokenURL != nil || input.userinfoURL != nil
                || input.clientID != nil || input.clientSecret != nil else { return nil }
            guard let clientID = input.clientID else {
                throw ConfigurationError(subject: Setting.platformOAuthClientID.rawValue, problem: "required when any platform-oauth-* setting is given")
            }
            guard input.discoveryURL != nil || (input.authorizeURL != nil && input.tokenURL != nil) else {
                throw ConfigurationError(subject: Setting.platformOAuthDiscoveryURL.rawValue,
                                         problem: "give a discovery URL, or both platform-oauth-authorize-url and platform-oauth-token-url")
            }
            let host = URL(string: input.discoveryURL ?? input.authorizeURL ?? "")?.host ?? "the identity provider"
            return PlatformOAuthProvider(name: input.name ?? host, discoveryURL: input.discoveryURL, authorizeURL: input.authorizeURL,
                                         tokenURL: input.tokenURL, userinfoURL: input.userinfoURL, clientID: clientID,
                                         clientSecret: input.clientSecret, scopes: input.scopes)
        }
    }
}
