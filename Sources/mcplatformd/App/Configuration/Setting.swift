/// Every setting of the daemon, with its names in each source and its help text.
///
/// A setting named `public-listen` is the flag `--public-listen`, the environment variable
/// `MCPLATFORM_PUBLIC_LISTEN` and the config-file key `public-listen`.
enum Setting: String, CaseIterable, Sendable {
    case baseDomain = "base-domain"
    case publicURL = "public-url"
    case databaseURL = "database-url"
    case dataDir = "data-dir"
    case keysDir = "keys-dir"
    case publicListen = "public-listen"
    case adminListen = "admin-listen"
    case metricsAllow = "metrics-allow"
    case trustedProxies = "trusted-proxies"
    case logLevel = "log-level"
    case logFormat = "log-format"
    case allowSignup = "allow-signup"
    case allowPrivateAddresses = "allow-private-addresses"
    case oauthAllowInsecureHTTP = "oauth-allow-insecure-http"
    case debugRoutes = "debug-routes"
    case mcpToolCallsPerMinute = "mcp-tool-calls-per-minute"
    case mcpToolCallsPerMinutePerAddress = "mcp-tool-calls-per-minute-per-address"
    case mcpTicketsPerHour = "mcp-tickets-per-hour"
    case mcpTicketsPerHourPerAddress = "mcp-tickets-per-hour-per-address"
    case webhookRetryDelay = "webhook-retry-delay"
    case oauthAccessTokenTTL = "oauth-access-token-ttl"
    case oauthRefreshTokenTTL = "oauth-refresh-token-ttl"
    case oauthRefreshGrace = "oauth-refresh-grace"
    case oauthRegistrationsPerHour = "oauth-registrations-per-hour"
    case oauthAuthorizationsPerMinute = "oauth-authorizations-per-minute"
    case oauthTokenRequestsPerMinute = "oauth-token-requests-per-minute"
    case platformOAuthName = "platform-oauth-name"
    case platformOAuthDiscoveryURL = "platform-oauth-discovery-url"
    case platformOAuthAuthorizeURL = "platform-oauth-authorize-url"
    case platformOAuthTokenURL = "platform-oauth-token-url"
    case platformOAuthUserinfoURL = "platform-oauth-userinfo-url"
    case platformOAuthClientID = "platform-oauth-client-id"
    case platformOAuthClientSecret = "platform-oauth-client-secret"
    case platformOAuthScopes = "platform-oauth-scopes"

    /// The environment variable that sets it.
    var environmentName: String {
        "MCPLATFORM_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The default, as shown in help and the README.
    var defaultDescription: String {
        switch self {
        case .baseDomain: "localhost"
        case .publicURL: "http://<base-domain>:<public port>"
        case .databaseURL: "sqlite://<data-dir>/mcplatform.sqlite"
        case .dataDir: "$XDG_DATA_HOME/mcplatform (~/.local/share/mcplatform)"
        case .keysDir: "<data-dir>/keys"
        case .publicListen: "127.0.0.1:8080"
        case .adminListen: "127.0.0.1:8081"
        case .metricsAllow: "127.0.0.0/8,::1"
        case .trustedProxies: "(none)"
        case .logLevel: "info"
        case .logFormat: "auto (text on a TTY, json otherwise)"
        case .allowSignup: "true"
        case .debugRoutes, .allowPrivateAddresses, .oauthAllowInsecureHTTP: "false"
        case .mcpToolCallsPerMinute: "6000"
        case .mcpToolCallsPerMinutePerAddress: "600"
        case .mcpTicketsPerHour: "600"
        case .mcpTicketsPerHourPerAddress: "30"
        case .webhookRetryDelay: "10s"
        case .oauthAccessTokenTTL: "1h"
        case .oauthRefreshTokenTTL: "30d"
        case .oauthRefreshGrace: "60s"
        case .oauthRegistrationsPerHour: "30"
        case .oauthAuthorizationsPerMinute: "60"
        case .oauthTokenRequestsPerMinute: "120"
        case .platformOAuthName: "the provider's host name"
        case .platformOAuthDiscoveryURL, .platformOAuthAuthorizeURL, .platformOAuthTokenURL, .platformOAuthUserinfoURL,
             .platformOAuthClientID, .platformOAuthClientSecret: "(none)"
        case .platformOAuthScopes: "openid email profile"
        }
    }

    /// One line of help.
    var help: String {
        switch self {
        case .baseDomain: "Domain under which servers are reached as <slug>.<base-domain>."
        case .publicURL: "Scheme, host and port used to build absolute public URLs."
        case .databaseURL: "sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB."
        case .dataDir: "Directory for the SQLite database and keys (created with mode 0700)."
        case .keysDir: "Directory of secret keys, one file per key id (mode 0600)."
        case .publicListen: "HOST:PORT of the public listener (MCP, OAuth, /healthz, /readyz)."
        case .adminListen: "HOST:PORT of the admin listener (admin API /v1, /metrics)."
        case .metricsAllow: "Addresses or CIDR ranges allowed to read /metrics (comma-separated)."
        case .trustedProxies: "Addresses or CIDR ranges whose X-Forwarded-* headers are honoured."
        case .logLevel: "trace, debug, info, notice, warning, error or critical."
        case .logFormat: "auto, json or text."
        case .allowSignup: "Whether anyone may sign up through the admin API."
        case .allowPrivateAddresses: "Development/tests only: outbound fetches may reach private and loopback addresses."
        case .oauthAllowInsecureHTTP: "Development/tests only: OAuth over plain http on loopback."
        case .debugRoutes: "Development/tests only: serve /debug/sleep on the public listener."
        case .mcpToolCallsPerMinute: "Abuse limit: MCP tool calls per minute per server (0 = off)."
        case .mcpToolCallsPerMinutePerAddress: "Abuse limit: MCP tool calls per minute per server and remote address (0 = off)."
        case .mcpTicketsPerHour: "Abuse limit: support tickets opened per hour per server (0 = off)."
        case .mcpTicketsPerHourPerAddress: "Abuse limit: support tickets opened per hour per server and remote address (0 = off)."
        case .webhookRetryDelay: "Wait before retrying a failed webhook delivery (500ms, 10s, 2m); doubles per attempt, at most 1 h."
        case .oauthAccessTokenTTL: "Lifetime of the OAuth access tokens issued to MCP clients (1s to 1d)."
        case .oauthRefreshTokenTTL: "Lifetime of OAuth refresh tokens; each refresh issues a new one (1m to 365d)."
        case .oauthRefreshGrace: "How long a rotated refresh token still answers once more, with the same tokens (0s to 10m)."
        case .oauthRegistrationsPerHour: "Rate limit: OAuth client registrations per hour per remote address (0 = off)."
        case .oauthAuthorizationsPerMinute: "Rate limit: OAuth authorization and sign-in requests per minute per remote address (0 = off)."
        case .oauthTokenRequestsPerMinute: "Rate limit: OAuth token and revocation requests per minute per remote address (0 = off)."
        case .platformOAuthName: "Name of the platform identity provider shown on the consent page (e.g. Google)."
        case .platformOAuthDiscoveryURL: "Platform identity provider: OpenID Connect discovery URL (or the three endpoint settings)."
        case .platformOAuthAuthorizeURL: "Platform identity provider: authorization endpoint, when there is no discovery URL."
        case .platformOAuthTokenURL: "Platform identity provider: token endpoint, when there is no discovery URL."
        case .platformOAuthUserinfoURL: "Platform identity provider: userinfo endpoint, when there is no discovery URL."
        case .platformOAuthClientID: "Platform identity provider: the daemon's OAuth client id (turns platform_oauth on)."
        case .platformOAuthClientSecret: "Platform identity provider: the daemon's OAuth client secret."
        case .platformOAuthScopes: "Platform identity provider: scopes asked for (space-separated)."
        }
    }

    /// Whether its value is secret and must be redacted when printed.
    var isSecret: Bool { self == .databaseURL || self == .platformOAuthClientSecret }
}
