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
    func load() throws(ConfigurationError) -> Configuration {
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
    /// Turns raw values into typed ones, filling defaults.
    struct Parser {
        let raw: [Setting: RawSetting]
        let environment: [String: String]
        var sources: [Setting: ConfigurationSource] = [:]

        init(raw: [Setting: RawSetting], environment: [String: String]) {
            self.raw = raw
            self.environment = environment
        }

        mutating func parse() throws(ConfigurationError) -> Configuration {
            let dataDir = URL(fileURLWithPath: try value(.dataDir) { $0 } ?? defaultDataDir(), isDirectory: true)
            let keysDir = try value(.keysDir) { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? dataDir.appendingPathComponent("keys", isDirectory: true)
            let databaseURL = try value(.databaseURL) { try? DatabaseURL(parsing: $0) } ??
                (try? DatabaseURL(parsing: "sqlite://" + dataDir.appendingPathComponent("mcplatform.sqlite").path))
            guard let databaseURL else {
                throw ConfigurationError(subject: Setting.dataDir.rawValue, problem: "cannot form a database path")
            }
            let logFormat = try value(.logFormat) { Configuration.LogFormat(rawValue: $0.lowercased()) } ?? .auto
            var configuration = Configuration(
                baseDomain: try value(.baseDomain, validHostname) ?? "localhost",
                publicURL: try value(.publicURL, httpURL),
                databaseURL: databaseURL,
                dataDir: dataDir,
                keysDir: keysDir,
                publicListen: try value(.publicListen) { ListenAddress(parsing: $0) } ?? ListenAddress(host: "127.0.0.1", port: 8080),
                adminListen: try value(.adminListen) { ListenAddress(parsing: $0) } ?? ListenAddress(host: "127.0.0.1", port: 8081),
                metricsAllow: try value(.metricsAllow, addressRanges) ?? addressRanges("127.0.0.0/8,::1") ?? [],
                trustedProxies: try value(.trustedProxies, addressRanges) ?? [],
                logLevel: try value(.logLevel) { Logger.Level(rawValue: $0.lowercased()) } ?? .info,
                logFormat: logFormat,
                allowSignup: try value(.allowSignup, bool) ?? true,
                allowPrivateAddresses: try value(.allowPrivateAddresses, bool) ?? false,
                oauthAllowInsecureHTTP: try value(.oauthAllowInsecureHTTP, bool) ?? false,
                debugRoutes: try value(.debugRoutes, bool) ?? false
            )
            configuration.mcpToolCallsPerMinute = try value(.mcpToolCallsPerMinute, count) ?? 6000
            configuration.mcpToolCallsPerMinutePerAddress = try value(.mcpToolCallsPerMinutePerAddress, count) ?? 600
            configuration.mcpTicketsPerHour = try value(.mcpTicketsPerHour, count) ?? 600
            configuration.mcpTicketsPerHourPerAddress = try value(.mcpTicketsPerHourPerAddress, count) ?? 30
            configuration.webhookRetryDelay = try value(.webhookRetryDelay, delay) ?? .seconds(10)
            configuration.oauth.accessTokenTTL = try value(.oauthAccessTokenTTL) { span($0, within: 1...86_400) } ?? .seconds(3600)
            configuration.oauth.refreshTokenTTL = try value(.oauthRefreshTokenTTL) { span($0, within: 60...(365 * 86_400)) } ?? .seconds(30 * 86_400)
            configuration.oauth.refreshGrace = try value(.oauthRefreshGrace) { span($0, within: 0...600) } ?? .seconds(60)
            configuration.oauth.registrationsPerHour = try value(.oauthRegistrationsPerHour, count) ?? 30
            configuration.oauth.authorizationsPerMinute = try value(.oauthAuthorizationsPerMinute, count) ?? 60
            configuration.oauth.tokenRequestsPerMinute = try value(.oauthTokenRequestsPerMinute, count) ?? 120
            configuration.platformOAuth = try platformProvider()
            configuration.sources = sources
            return configuration
        }

        /// The platform identity provider, when any `platform-oauth-*` setting is given: a client
        /// id and either a discovery URL or the authorize and token URLs are then required.
        private mutating func platformProvider() throws(ConfigurationError) -> PlatformOAuthProvider? {
            let discovery = try value(.platformOAuthDiscoveryURL, httpURL)?.absoluteString
            let authorize = try value(.platformOAuthAuthorizeURL, httpURL)?.absoluteString
            let token = try value(.platformOAuthTokenURL, httpURL)?.absoluteString
            let userinfo = try value(.platformOAuthUserinfoURL, httpURL)?.absoluteString
            let clientID = try value(.platformOAuthClientID) { $0.isEmpty ? nil : $0 }
            let secret = try value(.platformOAuthClientSecret) { $0.isEmpty ? nil : $0 }
            let scopes = try value(.platformOAuthScopes) { $0.isEmpty ? nil : $0 } ?? "openid email profile"
            let name = try value(.platformOAuthName) { $0.isEmpty ? nil : $0 }
            guard discovery != nil || authorize != nil || token != nil || userinfo != nil || clientID != nil || secret != nil else { return nil }
            guard let clientID else {
                throw ConfigurationError(subject: Setting.platformOAuthClientID.rawValue, problem: "required when any platform-oauth-* setting is given")
            }
            guard discovery != nil || (authorize != nil && token != nil) else {
                throw ConfigurationError(subject: Setting.platformOAuthDiscoveryURL.rawValue,
                                         problem: "give a discovery URL, or both platform-oauth-authorize-url and platform-oauth-token-url")
            }
            let host = URL(string: discovery ?? authorize ?? "")?.host ?? "the identity provider"
            return PlatformOAuthProvider(name: name ?? host, discoveryURL: discovery, authorizeURL: authorize, tokenURL: token,
                                         userinfoURL: userinfo, clientID: clientID, clientSecret: secret, scopes: scopes)
        }

        /// The parsed value of `setting`, nil when it was not given; a value that does not parse
        /// is an error naming the setting, the source and the expected form.
        private mutating func value<T>(_ setting: Setting, _ parse: (String) -> T?) throws(ConfigurationError) -> T? {
            guard let raw = raw[setting] else {
                sources[setting] = .defaultValue
                return nil
            }
            sources[setting] = raw.source
            if setting == .databaseURL {
                do {
                    _ = try DatabaseURL(parsing: raw.value)
                } catch {
                    throw ConfigurationError(subject: raw.subject(setting), problem: error.description)
                }
            }
            guard let parsed = parse(raw.value.trimmingCharacters(in: .whitespaces)) else {
                let shown = setting.isSecret ? "(redacted)" : "'\(raw.value)'"
                throw ConfigurationError(subject: raw.subject(setting), problem: "invalid value \(shown): \(expectation(setting))")
            }
            return parsed
        }

        private func expectation(_ setting: Setting) -> String {
            switch setting {
            case .publicListen, .adminListen: "expected HOST:PORT with a port from 0 to 65535"
            case .publicURL: "expected an absolute http(s) URL such as https://mcp.example.com"
            case .baseDomain: "expected a domain name such as mcp.example.com"
            case .metricsAllow, .trustedProxies: "expected comma-separated IP addresses or CIDR ranges"
            case .logLevel: "expected trace, debug, info, notice, warning, error or critical"
            case .logFormat: "expected auto, json or text"
            case .allowSignup, .allowPrivateAddresses, .oauthAllowInsecureHTTP, .debugRoutes: "expected true or false"
            case .dataDir, .keysDir: "expected a path"
            case .databaseURL: "expected sqlite://PATH or postgres://..."
            case .mcpToolCallsPerMinute, .mcpToolCallsPerMinutePerAddress, .mcpTicketsPerHour, .mcpTicketsPerHourPerAddress:
                "expected a whole number, 0 to turn the limit off"
            case .webhookRetryDelay: "expected a duration from 10ms to 1h such as 500ms, 10s or 2m"
            case .oauthAccessTokenTTL: "expected a duration from 1s to 1d such as 15m or 1h"
            case .oauthRefreshTokenTTL: "expected a duration from 1m to 365d such as 30d"
            case .oauthRefreshGrace: "expected a duration from 0s to 10m such as 60s"
            case .oauthRegistrationsPerHour, .oauthAuthorizationsPerMinute, .oauthTokenRequestsPerMinute:
                "expected a whole number, 0 to turn the limit off"
            case .platformOAuthDiscoveryURL, .platformOAuthAuthorizeURL, .platformOAuthTokenURL, .platformOAuthUserinfoURL:
                "expected an absolute http(s) URL"
            case .platformOAuthName, .platformOAuthClientID, .platformOAuthClientSecret, .platformOAuthScopes: "expected a non-empty value"
            }
        }

        private func defaultDataDir() -> String {
            if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/mcplatform" }
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return home + "/.local/share/mcplatform"
        }
    }
}

private func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "1", "yes", "on": true
    case "false", "0", "no", "off": false
    default: nil
    }
}

private func count(_ text: String) -> Int? {
    guard let number = Int(text), number >= 0 else { return nil }
    return number
}

/// `500ms`, `10s`, `2m`, `1h`: from 10 ms to one hour.
private func delay(_ text: String) -> Duration? {
    let milliseconds: Int64?
    if text.hasSuffix("ms") {
        milliseconds = Int64(text.dropLast(2))
    } else {
        milliseconds = TimeSpec.duration(text).map { Int64($0 * 1000) }
    }
    guard let milliseconds, (10...3_600_000).contains(milliseconds) else { return nil }
    return .milliseconds(milliseconds)
}

/// `30s`, `15m`, `1h`, `30d` (whole seconds) within `range` seconds.
private func span(_ text: String, within range: ClosedRange<Int64>) -> Duration? {
    guard let seconds = TimeSpec.duration(text).map({ Int64($0) }), range.contains(seconds) else { return nil }
    return .seconds(seconds)
}

private func httpURL(_ text: String) -> URL? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
          let host = url.host, !host.isEmpty else { return nil }
    return url
}

private func validHostname(_ text: String) -> String? {
    let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
    let valid = !labels.isEmpty && labels.allSatisfy { label in
        !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            && label.first != "-" && label.last != "-"
    }
    return valid ? text.lowercased() : nil
}

private func addressRanges(_ text: String) -> [AddressRange]? {
    let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let ranges = items.compactMap(AddressRange.init(parsing:))
    return ranges.count == items.count ? ranges : nil
}
