import Foundation
import Logging

/// The daemon's effective configuration, one typed value built from flags, environment,
/// config file and defaults (in that precedence) by `ConfigurationLoader`.
struct DaemonConfiguration: Sendable {
    /// How log lines are written.
    enum LogFormat: String, Sendable {
        case auto, json, text
    }

    var dataDir = URL(fileURLWithPath: "/", isDirectory: true)
    var keysDir = URL(fileURLWithPath: "/", isDirectory: true)
    var databaseURL = DatabaseURL(sqlitePath: "/dev/null")
    var sqliteSynchronous = SQLiteSynchronous.full
    /// Days raw tool calls and ended MCP sessions are kept (0: kept); organizations may override them.
    var toolCallRetentionDays = 0
    var sessionRetentionDays = 0
    var baseDomain = ""
    /// Explicit `public-url`; when nil it is derived from the base domain and the bound port.
    var publicURL: URL?
    var publicListen = ListenAddress(host: "127.0.0.1", port: 0)
    var adminListen = ListenAddress(host: "127.0.0.1", port: 0)
    var metricsAllow: [AddressRange] = []
    var trustedProxies: [AddressRange] = []
    var logLevel = Logger.Level.info
    var logFormat = LogFormat.auto
    var allowSignup = false
    var allowPrivateAddresses = false
    /// The DNS server outbound requests (and domain checks) resolve names with; nil: the system's.
    var dnsResolver: DNSClient?
    var oauthAllowInsecureHTTP = false
    var debugRoutes = false
    /// Time limits, connection caps and the admin body limit of both listeners.
    var listener = ListenerLimits()
    var mcpToolCallsPerMinute = 0
    var mcpToolCallsPerMinutePerAddress = 0
    var mcpTicketsPerHour = 0
    var mcpTicketsPerHourPerAddress = 0
    var mcpSessionsPerHour = 0
    var mcpSessionsPerHourPerAddress = 0
    var signupsPerHour = 0
    var signupsPerHourPerAddress = 0
    var webhookRetryDelay: Duration = .seconds(10)
    /// Outgoing mail (docs/MAIL.md).
    var mail = MailSettings()
    var oauth = OAuthSettings()
    /// The `platform-oauth-*` settings as given; `platformOAuth` is built from them.
    var platformOAuthInput = PlatformOAuthInput()
    /// The daemon-wide identity provider of `platform_oauth`, when the operator configured one.
    var platformOAuth: PlatformOAuthProvider?
    /// Where each setting's value came from (for `mcplatformd config`).
    var sources: [Setting: ConfigurationSource] = [:]

    /// Every value is set by `ConfigurationLoader`, from its source or from the setting's
    /// declared default; the values above are only placeholders.
    init() {}

    /// The public URL to build absolute links with, given the port the public listener bound.
    func effectivePublicURL(boundPort: Int) -> String {
        if let publicURL { return publicURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
        return "http://\(baseDomain):\(boundPort)"
    }

    /// Each setting's value as printed by `mcplatformd config` (secrets redacted).
    func printableValues() -> [(Setting, String)] {
        Setting.allCases.map { ($0, $0.declaration.show(self)) }
    }

    /// `$XDG_DATA_HOME/mcplatform`, else `~/.local/share/mcplatform`.
    static func defaultDataDir(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/mcplatform" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/mcplatform"
    }
}

/// What bounds a client's use of a listener: how long it may take to send a request, how long a
/// connection may idle, how many connections it may hold, and (admin) how large a body may be.
/// The defaults are the settings' (`Setting.declaration`); these are placeholders.
struct ListenerLimits: Sendable, Equatable {
    var headTimeout: Duration = .zero
    var bodyTimeout: Duration = .zero
    var idleTimeout: Duration = .zero
    var maxConnections = 0
    var maxConnectionsPerAddress = 0
    var adminMaxBodyBytes = 0
}

/// The `platform-oauth-*` settings before they are checked together.
struct PlatformOAuthInput: Sendable, Equatable {
    var name: String?
    var discoveryURL: String?
    var authorizeURL: String?
    var tokenURL: String?
    var userinfoURL: String?
    var clientID: String?
    var clientSecret: String?
    var scopes = "openid email profile"
}

/// The OAuth proxy's lifetimes and rate limits (docs/OAUTH.md).
struct OAuthSettings: Sendable, Equatable {
    var accessTokenTTL: Duration = .seconds(3600)
    var refreshTokenTTL: Duration = .seconds(30 * 86_400)
    /// How long a rotated refresh token still gets the same answer once (a lost response must not log the user out).
    var refreshGrace: Duration = .seconds(60)
    var registrationsPerHour = 30
    var authorizationsPerMinute = 60
    var tokenRequestsPerMinute = 120
}

/// The daemon-wide upstream identity provider of `platform_oauth`, as the operator configured it.
struct PlatformOAuthProvider: Sendable, Equatable {
    var name: String
    var discoveryURL: String?
    var authorizeURL: String?
    var tokenURL: String?
    var userinfoURL: String?
    var clientID: String
    var clientSecret: String?
    var scopes: String
}
