import ArgumentParser

/// The configuration flags every subcommand accepts; each overrides its `MCPLATFORM_*`
/// variable and config-file key.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Config file (TOML, or YAML for .yaml/.yml). Env: MCPLATFORM_CONFIG.")
    var config: String?
    @Option(name: .customLong("base-domain"), help: Setting.baseDomain.argumentHelp("domain"))
    var baseDomain: String?
    @Option(name: .customLong("public-url"), help: Setting.publicURL.argumentHelp("url"))
    var publicURL: String?
    @Option(name: .customLong("database-url"), help: Setting.databaseURL.argumentHelp("url"))
    var databaseURL: String?
    @Option(name: .customLong("data-dir"), help: Setting.dataDir.argumentHelp("path"))
    var dataDir: String?
    @Option(name: .customLong("keys-dir"), help: Setting.keysDir.argumentHelp("path"))
    var keysDir: String?
    @Option(name: .customLong("public-listen"), help: Setting.publicListen.argumentHelp("host:port"))
    var publicListen: String?
    @Option(name: .customLong("admin-listen"), help: Setting.adminListen.argumentHelp("host:port"))
    var adminListen: String?
    @Option(name: .customLong("metrics-allow"), help: Setting.metricsAllow.argumentHelp("ranges"))
    var metricsAllow: String?
    @Option(name: .customLong("trusted-proxies"), help: Setting.trustedProxies.argumentHelp("ranges"))
    var trustedProxies: String?
    @Option(name: .customLong("log-level"), help: Setting.logLevel.argumentHelp("level"))
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: Setting.logFormat.argumentHelp("format"))
    var logFormat: String?
    @Option(name: .customLong("allow-signup"), help: Setting.allowSignup.argumentHelp("bool"))
    var allowSignup: String?
    @Option(name: .customLong("allow-private-addresses"), help: Setting.allowPrivateAddresses.argumentHelp("bool"))
    var allowPrivateAddresses: String?
    @Option(name: .customLong("oauth-allow-insecure-http"), help: Setting.oauthAllowInsecureHTTP.argumentHelp("bool"))
    var oauthAllowInsecureHTTP: String?
    @Option(name: .customLong("debug-routes"), help: Setting.debugRoutes.argumentHelp("bool"))
    var debugRoutes: String?
    @Option(name: .customLong("mcp-tool-calls-per-minute"), help: Setting.mcpToolCallsPerMinute.argumentHelp("count"))
    var mcpToolCallsPerMinute: String?
    @Option(name: .customLong("mcp-tool-calls-per-minute-per-address"), help: Setting.mcpToolCallsPerMinutePerAddress.argumentHelp("count"))
    var mcpToolCallsPerMinutePerAddress: String?
    @Option(name: .customLong("mcp-tickets-per-hour"), help: Setting.mcpTicketsPerHour.argumentHelp("count"))
    var mcpTicketsPerHour: String?
    @Option(name: .customLong("mcp-tickets-per-hour-per-address"), help: Setting.mcpTicketsPerHourPerAddress.argumentHelp("count"))
    var mcpTicketsPerHourPerAddress: String?
    @Option(name: .customLong("webhook-retry-delay"), help: Setting.webhookRetryDelay.argumentHelp("duration"))
    var webhookRetryDelay: String?
    @Option(name: .customLong("oauth-access-token-ttl"), help: Setting.oauthAccessTokenTTL.argumentHelp("duration"))
    var oauthAccessTokenTTL: String?
    @Option(name: .customLong("oauth-refresh-token-ttl"), help: Setting.oauthRefreshTokenTTL.argumentHelp("duration"))
    var oauthRefreshTokenTTL: String?
    @Option(name: .customLong("oauth-refresh-grace"), help: Setting.oauthRefreshGrace.argumentHelp("duration"))
    var oauthRefreshGrace: String?
    @Option(name: .customLong("oauth-registrations-per-hour"), help: Setting.oauthRegistrationsPerHour.argumentHelp("count"))
    var oauthRegistrationsPerHour: String?
    @Option(name: .customLong("oauth-authorizations-per-minute"), help: Setting.oauthAuthorizationsPerMinute.argumentHelp("count"))
    var oauthAuthorizationsPerMinute: String?
    @Option(name: .customLong("oauth-token-requests-per-minute"), help: Setting.oauthTokenRequestsPerMinute.argumentHelp("count"))
    var oauthTokenRequestsPerMinute: String?
    @Option(name: .customLong("platform-oauth-name"), help: Setting.platformOAuthName.argumentHelp("name"))
    var platformOAuthName: String?
    @Option(name: .customLong("platform-oauth-discovery-url"), help: Setting.platformOAuthDiscoveryURL.argumentHelp("url"))
    var platformOAuthDiscoveryURL: String?
    @Option(name: .customLong("platform-oauth-authorize-url"), help: Setting.platformOAuthAuthorizeURL.argumentHelp("url"))
    var platformOAuthAuthorizeURL: String?
    @Option(name: .customLong("platform-oauth-token-url"), help: Setting.platformOAuthTokenURL.argumentHelp("url"))
    var platformOAuthTokenURL: String?
    @Option(name: .customLong("platform-oauth-userinfo-url"), help: Setting.platformOAuthUserinfoURL.argumentHelp("url"))
    var platformOAuthUserinfoURL: String?
    @Option(name: .customLong("platform-oauth-client-id"), help: Setting.platformOAuthClientID.argumentHelp("id"))
    var platformOAuthClientID: String?
    @Option(name: .customLong("platform-oauth-client-secret"), help: Setting.platformOAuthClientSecret.argumentHelp("secret"))
    var platformOAuthClientSecret: String?
    @Option(name: .customLong("platform-oauth-scopes"), help: Setting.platformOAuthScopes.argumentHelp("scopes"))
    var platformOAuthScopes: String?

    /// The flags that were given, by setting.
    var values: [Setting: String] {
        let pairs: [(Setting, String?)] = [
            (.baseDomain, baseDomain), (.publicURL, publicURL), (.databaseURL, databaseURL), (.dataDir, dataDir),
            (.keysDir, keysDir), (.publicListen, publicListen), (.adminListen, adminListen),
            (.metricsAllow, metricsAllow), (.trustedProxies, trustedProxies), (.logLevel, logLevel),
            (.logFormat, logFormat), (.allowSignup, allowSignup), (.allowPrivateAddresses, allowPrivateAddresses),
            (.oauthAllowInsecureHTTP, oauthAllowInsecureHTTP), (.debugRoutes, debugRoutes),
            (.mcpToolCallsPerMinute, mcpToolCallsPerMinute), (.mcpToolCallsPerMinutePerAddress, mcpToolCallsPerMinutePerAddress),
            (.mcpTicketsPerHour, mcpTicketsPerHour), (.mcpTicketsPerHourPerAddress, mcpTicketsPerHourPerAddress),
            (.webhookRetryDelay, webhookRetryDelay),
            (.oauthAccessTokenTTL, oauthAccessTokenTTL), (.oauthRefreshTokenTTL, oauthRefreshTokenTTL), (.oauthRefreshGrace, oauthRefreshGrace),
            (.oauthRegistrationsPerHour, oauthRegistrationsPerHour), (.oauthAuthorizationsPerMinute, oauthAuthorizationsPerMinute), (.oauthTokenRequestsPerMinute, oauthTokenRequestsPerMinute),
            (.platformOAuthName, platformOAuthName), (.platformOAuthDiscoveryURL, platformOAuthDiscoveryURL), (.platformOAuthAuthorizeURL, platformOAuthAuthorizeURL),
            (.platformOAuthTokenURL, platformOAuthTokenURL), (.platformOAuthUserinfoURL, platformOAuthUserinfoURL), (.platformOAuthClientID, platformOAuthClientID),
            (.platformOAuthClientSecret, platformOAuthClientSecret), (.platformOAuthScopes, platformOAuthScopes),
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

extension Setting {
    /// Flag help: what it does, its environment variable and its default.
    func argumentHelp(_ valueName: String) -> ArgumentHelp {
        ArgumentHelp("\(help) Env: \(environmentName). Default: \(defaultDescription).", valueName: valueName)
    }
}
