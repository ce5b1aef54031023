import Foundation

/// Every setting of the daemon. Each one is declared once, in `declaration` below: its typed
/// default, its parser, its help and whether it is secret. The flags (`ConfigOptions`,
/// generated from this table by `scripts/generate-docs`), the environment variables, the config
/// file keys, `mcplatformd config` and README's table are all derived from it.
///
/// A setting named `public-listen` is the flag `--public-listen`, the environment variable
/// `MCPLATFORM_PUBLIC_LISTEN` and the config-file key `public-listen`. Settings are applied in
/// the order of the cases, so a derived default may use any setting above it.
enum Setting: String, CaseIterable, Sendable {
    case dataDir = "data-dir"
    case keysDir = "keys-dir"
    case databaseURL = "database-url"
    case sqliteSynchronous = "sqlite-synchronous"
    case toolCallRetentionDays = "tool-call-retention-days"
    case sessionRetentionDays = "session-retention-days"
    case baseDomain = "base-domain"
    case publicURL = "public-url"
    case publicListen = "public-listen"
    case adminListen = "admin-listen"
    case metricsAllow = "metrics-allow"
    case trustedProxies = "trusted-proxies"
    case logLevel = "log-level"
    case logFormat = "log-format"
    case allowSignup = "allow-signup"
    case signupsPerHour = "signups-per-hour"
    case signupsPerHourPerAddress = "signups-per-hour-per-address"
    case allowPrivateAddresses = "allow-private-addresses"
    case dnsResolver = "dns-resolver"
    case oauthAllowInsecureHTTP = "oauth-allow-insecure-http"
    case debugRoutes = "debug-routes"
    case httpHeadTimeout = "http-head-timeout"
    case httpBodyTimeout = "http-body-timeout"
    case httpIdleTimeout = "http-idle-timeout"
    case maxConnections = "max-connections"
    case maxConnectionsPerAddress = "max-connections-per-address"
    case adminMaxBodyBytes = "admin-max-body-bytes"
    case mcpToolCallsPerMinute = "mcp-tool-calls-per-minute"
    case mcpToolCallsPerMinutePerAddress = "mcp-tool-calls-per-minute-per-address"
    case mcpTicketsPerHour = "mcp-tickets-per-hour"
    case mcpTicketsPerHourPerAddress = "mcp-tickets-per-hour-per-address"
    case mcpSessionsPerHour = "mcp-sessions-per-hour"
    case mcpSessionsPerHourPerAddress = "mcp-sessions-per-hour-per-address"
    case webhookRetryDelay = "webhook-retry-delay"
    case smtpURL = "smtp-url"
    case smtpCAFile = "smtp-ca-file"
    case smtpAllowInsecure = "smtp-allow-insecure"
    case mailFrom = "mail-from"
    case mailRetryDelay = "mail-retry-delay"
    case mailPerRecipientPerHour = "mail-per-recipient-per-hour"
    case mailPerOrganizationPerHour = "mail-per-organization-per-hour"
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

    /// Everything about the setting but its name.
    var declaration: SettingDeclaration {
        switch self {
        case .dataDir:
            .value(\.dataDir, .directory, default: .derived("$XDG_DATA_HOME/mcplatform (~/.local/share/mcplatform)") { _, environment in
                URL(fileURLWithPath: DaemonConfiguration.defaultDataDir(environment), isDirectory: true)
            }, "Directory for the SQLite database and keys (created with mode 0700).")
        case .keysDir:
            .value(\.keysDir, .directory, default: .derived("<data-dir>/keys") { configuration, _ in
                configuration.dataDir.appendingPathComponent("keys", isDirectory: true)
            }, "Directory of secret keys, one file per key id (mode 0600). Back it up with the database.")
        case .databaseURL:
            .value(\.databaseURL, .database, default: .derived("sqlite://<data-dir>/mcplatform.sqlite") { configuration, _ in
                DatabaseURL(sqlitePath: configuration.dataDir.appendingPathComponent("mcplatform.sqlite").path)
            }, "sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB[?sslmode=require].", secret: true)
        case .sqliteSynchronous:
            .value(\.sqliteSynchronous, .sqliteSynchronous, default: .value(.full),
                   "full (an answered call survives power loss) or normal (it survives a crash of the process). SQLite only.")
        case .toolCallRetentionDays:
            .value(\.toolCallRetentionDays, .number(0...RetentionPurge.maxDays, valueName: "days"), default: .value(0, shown: "0 (kept)"),
                   "Days raw tool calls are kept, then folded into the analytics roll-ups and deleted (0 = kept; 90 recommended). Organizations may override it.")
        case .sessionRetentionDays:
            .value(\.sessionRetentionDays, .number(0...RetentionPurge.maxDays, valueName: "days"), default: .value(0, shown: "0 (kept)"),
                   "Days ended MCP sessions are kept, then counted in the analytics roll-ups and deleted (0 = kept). Organizations may override it.")
        case .baseDomain:
            .value(\.baseDomain, .hostname, default: .value("localhost"), "Domain under which servers are reached as <slug>.<base-domain>.")
        case .publicURL:
            .value(\.publicURL, SettingKind.httpURL.optional, default: .value(nil, shown: "http://<base-domain>:<public port>"),
                   "Scheme, host and port used to build absolute public URLs.")
        case .publicListen:
            .value(\.publicListen, .listen, default: .value(ListenAddress(host: "127.0.0.1", port: 8080)),
                   "HOST:PORT of the public listener (MCP, OAuth, /healthz, /readyz). Port 0 picks a free port.")
        case .adminListen:
            .value(\.adminListen, .listen, default: .value(ListenAddress(host: "127.0.0.1", port: 8081)),
                   "HOST:PORT of the admin listener (admin API /v1, /metrics).")
        case .metricsAllow:
            .value(\.metricsAllow, .ranges, default: .value(AddressRange.loopback),
                   "Addresses or CIDR ranges allowed to read /metrics (comma-separated); exempt from the per-address connection cap, with connections reserved for them.")
        case .trustedProxies:
            .value(\.trustedProxies, .ranges, default: .value([], shown: "(none)"),
                   "Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For/-Proto/-Host headers are honoured.")
        case .logLevel:
            .value(\.logLevel, .logLevel, default: .value(.info), "trace, debug, info, notice, warning, error or critical.")
        case .logFormat:
            .value(\.logFormat, .logFormat, default: .value(.auto, shown: "auto (text on a TTY, json otherwise)"), "auto, json or text.")
        case .allowSignup:
            .value(\.allowSignup, .bool, default: .value(true), "Whether anyone may sign up through the admin API.")
        case .signupsPerHour:
            .value(\.signupsPerHour, .limit, default: .value(100), "Rate limit: account signups per hour in all (0 = off).")
        case .signupsPerHourPerAddress:
            .value(\.signupsPerHourPerAddress, .limit, default: .value(10), "Rate limit: account signups per hour per remote address (0 = off).")
        case .allowPrivateAddresses:
            .value(\.allowPrivateAddresses, .bool, default: .value(false),
                   "Development/tests only: outbound fetches may reach private and loopback addresses.")
        case .dnsResolver:
            .value(\.dnsResolver, SettingKind.dnsServer.optional, default: .value(nil, shown: "the system resolver"),
                   "DNS server (IP or IP:PORT) that outbound requests resolve names with; the daemon then connects to the address it checked.")
        case .oauthAllowInsecureHTTP:
            .value(\.oauthAllowInsecureHTTP, .bool, default: .value(false), "Development/tests only: OAuth over plain http on loopback.")
        case .debugRoutes:
            .value(\.debugRoutes, .bool, default: .value(false), "Development/tests only: serve /debug/sleep on the public listener.")
        case .httpHeadTimeout:
            .value(\.listener.headTimeout, .duration(.seconds(1) ... .seconds(600)), default: .value(.seconds(10)),
                   "Time a client has to send a request head, from its first byte (or from connecting); then the connection is closed.")
        case .httpBodyTimeout:
            .value(\.listener.bodyTimeout, .duration(.seconds(1) ... .seconds(3600)), default: .value(.seconds(30)),
                   "Time a client has to send a request body after its head; then the connection is closed.")
        case .httpIdleTimeout:
            .value(\.listener.idleTimeout, .duration(.seconds(1) ... .seconds(3600)), default: .value(.seconds(60)),
                   "How long a keep-alive connection may sit idle between requests.")
        case .maxConnections:
            .value(\.listener.maxConnections, .number(64...1_000_000), default: .value(8192),
                   "Open connections per listener; over it new connections are closed at once (a few stay reserved for metrics-allow).")
        case .maxConnectionsPerAddress:
            .value(\.listener.maxConnectionsPerAddress, .number(1...1_000_000), default: .value(256),
                   "Open connections per listener and remote address (metrics-allow and trusted-proxies are not counted).")
        case .adminMaxBodyBytes:
            .value(\.listener.adminMaxBodyBytes, .number(65_536...268_435_456, valueName: "bytes"), default: .value(8 << 20),
                   "Largest admin API request body; a larger one is answered 413 before it is read.")
        case .mcpToolCallsPerMinute:
            .value(\.mcpToolCallsPerMinute, .limit, default: .value(6000), "Abuse limit: MCP tool calls per minute per server (0 = off).")
        case .mcpToolCallsPerMinutePerAddress:
            .value(\.mcpToolCallsPerMinutePerAddress, .limit, default: .value(600),
                   "Abuse limit: MCP tool calls per minute per server and remote address (0 = off).")
        case .mcpTicketsPerHour:
            .value(\.mcpTicketsPerHour, .limit, default: .value(600), "Abuse limit: support tickets opened per hour per server (0 = off).")
        case .mcpTicketsPerHourPerAddress:
            .value(\.mcpTicketsPerHourPerAddress, .limit, default: .value(30),
                   "Abuse limit: support tickets opened per hour per server and remote address (0 = off).")
        case .mcpSessionsPerHour:
            .value(\.mcpSessionsPerHour, .limit, default: .value(6000),
                   "Abuse limit: new MCP sessions per hour per server: an initialize, or a stateless visitor or tracking id seen for the first time (0 = off).")
        case .mcpSessionsPerHourPerAddress:
            .value(\.mcpSessionsPerHourPerAddress, .limit, default: .value(120),
                   "Abuse limit: new MCP sessions per hour per server and remote address (0 = off).")
        case .webhookRetryDelay:
            .value(\.webhookRetryDelay, .duration(.milliseconds(10) ... .seconds(3600)), default: .value(.seconds(10)),
                   "Wait before retrying a failed webhook delivery; doubles per attempt up to 1 h, 10 attempts in all.")
        case .smtpURL:
            .value(\.mail.smtpURL, SettingKind.smtpURL.optional, default: .value(nil, shown: "(none: nothing is emailed)"),
                   "SMTP server for outgoing mail: smtp://USER:PASSWORD@HOST:587 (STARTTLS required) or smtps://…:465.", secret: true)
        case .smtpCAFile:
            .value(\.mail.caFile, SettingKind.file.optional, default: .value(nil, shown: "the system's CA certificates"),
                   "PEM file of the CA certificates to trust for the SMTP server's TLS certificate.")
        case .smtpAllowInsecure:
            .value(\.mail.allowInsecure, .bool, default: .value(false),
                   "Development/tests only: mail to an SMTP server on loopback without TLS.")
        case .mailFrom:
            .value(\.mail.from, .mailAddress, default: .derived("support@<base-domain>") { configuration, _ in
                "support@" + configuration.baseDomain
            }, "Sender address of the mail sent to end users and staff (the name is the organization's).")
        case .mailRetryDelay:
            .value(\.mail.retryDelay, .duration(.milliseconds(10) ... .seconds(3600)), default: .value(.seconds(30)),
                   "Wait before retrying a failed email; doubles per attempt up to 1 h, \(TicketMailDelivery.maxAttempts) attempts in all.")
        case .mailPerRecipientPerHour:
            .value(\.mail.perRecipientPerHour, .number(1...100_000), default: .value(20),
                   "Emails per hour to one address; more wait for the next hour (delayed, never dropped).")
        case .mailPerOrganizationPerHour:
            .value(\.mail.perOrganizationPerHour, .number(1...1_000_000), default: .value(500),
                   "Emails per hour from one organization; more wait for the next hour (delayed, never dropped).")
        case .oauthAccessTokenTTL:
            .value(\.oauth.accessTokenTTL, .duration(.seconds(1) ... .seconds(86_400)), default: .value(.seconds(3600)),
                   "Lifetime of the OAuth access tokens issued to MCP clients.")
        case .oauthRefreshTokenTTL:
            .value(\.oauth.refreshTokenTTL, .duration(.seconds(60) ... .seconds(365 * 86_400)), default: .value(.seconds(30 * 86_400)),
                   "Lifetime of OAuth refresh tokens; each refresh issues a new one.")
        case .oauthRefreshGrace:
            .value(\.oauth.refreshGrace, .duration(.zero ... .seconds(600)), default: .value(.seconds(60)),
                   "How long a rotated refresh token still answers once more, with the same tokens (a lost response does not log the user out).")
        case .oauthRegistrationsPerHour:
            .value(\.oauth.registrationsPerHour, .limit, default: .value(30),
                   "Rate limit: OAuth client registrations per hour per remote address (0 = off).")
        case .oauthAuthorizationsPerMinute:
            .value(\.oauth.authorizationsPerMinute, .limit, default: .value(60),
                   "Rate limit: OAuth authorization and sign-in requests per minute per remote address (0 = off).")
        case .oauthTokenRequestsPerMinute:
            .value(\.oauth.tokenRequestsPerMinute, .limit, default: .value(120),
                   "Rate limit: OAuth token and revocation requests per minute per remote address (0 = off).")
        case .platformOAuthName:
            .value(\.platformOAuthInput.name, SettingKind.text("name").optional, default: .value(nil, shown: "the provider's host name"),
                   "Platform identity provider (platform_oauth): its name on the consent page (e.g. Google).")
        case .platformOAuthDiscoveryURL:
            .value(\.platformOAuthInput.discoveryURL, SettingKind.httpURLText.optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: its OpenID Connect discovery URL or issuer (or the endpoint settings below).")
        case .platformOAuthAuthorizeURL:
            .value(\.platformOAuthInput.authorizeURL, SettingKind.httpURLText.optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: its authorization endpoint, when there is no discovery URL.")
        case .platformOAuthTokenURL:
            .value(\.platformOAuthInput.tokenURL, SettingKind.httpURLText.optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: its token endpoint, when there is no discovery URL.")
        case .platformOAuthUserinfoURL:
            .value(\.platformOAuthInput.userinfoURL, SettingKind.httpURLText.optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: its userinfo endpoint (optional: without it the identity comes from the ID token).")
        case .platformOAuthClientID:
            .value(\.platformOAuthInput.clientID, SettingKind.text("id").optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: the daemon's client id there; setting it turns platform_oauth on.")
        case .platformOAuthClientSecret:
            .value(\.platformOAuthInput.clientSecret, SettingKind.text("secret").optional, default: .value(nil, shown: "(none)"),
                   "Platform identity provider: the daemon's client secret (prefer the environment or the config file to the flag).",
                   secret: true)
        case .platformOAuthScopes:
            .value(\.platformOAuthInput.scopes, .text("scopes"), default: .value("openid email profile"),
                   "Platform identity provider: scopes asked for (space-separated).")
        }
    }

    /// The environment variable that sets it.
    var environmentName: String {
        "MCPLATFORM_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// One line of help.
    var help: String { declaration.help }
    /// The default, as shown in help and the README.
    var defaultDescription: String { declaration.defaultText }
    /// Whether its value is secret and must be redacted when printed.
    var isSecret: Bool { declaration.isSecret }
}
