import Foundation
import Logging

/// The daemon's effective configuration, one typed value built from flags, environment,
/// config file and defaults (in that precedence) by `ConfigurationLoader`.
struct Configuration: Sendable {
    /// How log lines are written.
    enum LogFormat: String, Sendable {
        case auto, json, text
    }

    var baseDomain: String
    /// Explicit `public-url`; when nil it is derived from the base domain and the bound port.
    var publicURL: URL?
    var databaseURL: DatabaseURL
    var dataDir: URL
    var keysDir: URL
    var publicListen: ListenAddress
    var adminListen: ListenAddress
    var metricsAllow: [AddressRange]
    var trustedProxies: [AddressRange]
    var logLevel: Logger.Level
    var logFormat: LogFormat
    var allowSignup: Bool
    var allowPrivateAddresses: Bool
    var oauthAllowInsecureHTTP: Bool
    var debugRoutes: Bool
    var mcpToolCallsPerMinute = 6000
    var mcpToolCallsPerMinutePerAddress = 600
    var mcpTicketsPerHour = 600
    var mcpTicketsPerHourPerAddress = 30
    var webhookRetryDelay: Duration = .seconds(10)
    var oauth = OAuthSettings()
    /// The daemon-wide identity provider of `platform_oauth`, when the operator configured one.
    var platformOAuth: PlatformOAuthProvider?
    /// Where each setting's value came from (for `mcplatformd config`).
    var sources: [Setting: ConfigurationSource] = [:]

    /// The public URL to build absolute links with, given the port the public listener bound.
    func effectivePublicURL(boundPort: Int) -> String {
        if let publicURL { return publicURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
        return "http://\(baseDomain):\(boundPort)"
    }

    /// Each setting's value as printed by `mcplatformd config` (secrets redacted).
    func printableValues() -> [(Setting, String)] {
        Setting.allCases.map { setting in
            let value: String = switch setting {
            case .baseDomain: baseDomain
            case .publicURL: publicURL?.absoluteString ?? ""
            case .databaseURL: databaseURL.redacted
            case .dataDir: dataDir.path
            case .keysDir: keysDir.path
            case .publicListen: publicListen.description
            case .adminListen: adminListen.description
            case .metricsAllow: metricsAllow.map(\.description).joined(separator: ",")
            case .trustedProxies: trustedProxies.map(\.description).joined(separator: ",")
            case .logLevel: logLevel.rawValue
            case .logFormat: logFormat.rawValue
            case .allowSignup: String(allowSignup)
            case .allowPrivateAddresses: String(allowPrivateAddresses)
            case .oauthAllowInsecureHTTP: String(oauthAllowInsecureHTTP)
            case .debugRoutes: String(debugRoutes)
            case .mcpToolCallsPerMinute: String(mcpToolCallsPerMinute)
            case .mcpToolCallsPerMinutePerAddress: String(mcpToolCallsPerMinutePerAddress)
            case .mcpTicketsPerHour: String(mcpTicketsPerHour)
            case .mcpTicketsPerHourPerAddress: String(mcpTicketsPerHourPerAddress)
            case .webhookRetryDelay: "\(webhookRetryDelay.milliseconds)ms"
            case .oauthAccessTokenTTL: "\(oauth.accessTokenTTL.milliseconds / 1000)s"
            case .oauthRefreshTokenTTL: "\(oauth.refreshTokenTTL.milliseconds / 1000)s"
            case .oauthRefreshGrace: "\(oauth.refreshGrace.milliseconds / 1000)s"
            case .oauthRegistrationsPerHour: String(oauth.registrationsPerHour)
            case .oauthAuthorizationsPerMinute: String(oauth.authorizationsPerMinute)
            case .oauthTokenRequestsPerMinute: String(oauth.tokenRequestsPerMinute)
            case .platformOAuthName: platformOAuth?.name ?? ""
            case .platformOAuthDiscoveryURL: platformOAuth?.discoveryURL ?? ""
            case .platformOAuthAuthorizeURL: platformOAuth?.authorizeURL ?? ""
            case .platformOAuthTokenURL: platformOAuth?.tokenURL ?? ""
            case .platformOAuthUserinfoURL: platformOAuth?.userinfoURL ?? ""
            case .platformOAuthClientID: platformOAuth?.clientID ?? ""
            case .platformOAuthClientSecret: platformOAuth?.clientSecret == nil ? "" : "(redacted)"
            case .platformOAuthScopes: platformOAuth?.scopes ?? "openid email profile"
            }
            return (setting, value)
        }
    }
}

/// The OAuth proxy's lifetimes and rate limits (OAUTH.md).
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
