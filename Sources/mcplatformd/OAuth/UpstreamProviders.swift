import Foundation
import Shared

/// Finds the upstream provider a server's end users sign in with: the daemon's platform
/// provider (`platform_oauth`, its discovery document cached for an hour) or the server's
/// OAuth config (`custom_oauth`, its secret opened from the key ring).
struct UpstreamProviders: Sendable {
    let database: Database
    let platform: PlatformOAuthProvider?
    let box: SecretBox
    let policy: OutboundPolicy
    private let platformDiscovery = ExpiringCache<String, DiscoveredProvider>(lifetime: .seconds(3600), capacity: 4)
    private let configs = OAuthConfigStore()

    init(database: Database, platform: PlatformOAuthProvider?, box: SecretBox, policy: OutboundPolicy) {
        self.database = database
        self.platform = platform
        self.box = box
        self.policy = policy
    }

    /// Why `server` cannot sign end users in on this daemon, or nil when it can.
    func unavailability(of server: HostedServer) -> String? {
        switch server.settings.authMode {
        case .none: "this server does not use sign-in"
        case .collectEmail: nil
        case .platformOAuth: platform == nil ? "this daemon has no platform identity provider configured (platform-oauth-* settings)" : nil
        case .customOAuth: server.settings.oauthConfigId == nil ? "this server has no OAuth config" : nil
        }
    }

    /// The provider of `server` (platform or custom mode).
    func provider(for server: HostedServer) async throws(UpstreamError) -> UpstreamProvider {
        switch server.settings.authMode {
        case .platformOAuth: return try await platformProvider()
        case .customOAuth: return try await customProvider(server)
        case .none, .collectEmail: throw .rejected("this server signs in without an identity provider")
        }
    }

    /// The platform provider, its discovery document fetched when it has one.
    func platformProvider() async throws(UpstreamError) -> UpstreamProvider {
        guard let platform else { throw .rejected("no platform identity provider is configured") }
        guard let discoveryURL = platform.discoveryURL else {
            let authorize = platform.authorizeURL ?? ""
            return UpstreamProvider(kind: .platform, name: platform.name, issuer: ProviderDiscovery.origin(of: authorize), authorizeURL: authorize,
                                    tokenURL: platform.tokenURL ?? "", userinfoURL: platform.userinfoURL, clientID: platform.clientID,
                                    clientSecret: platform.clientSecret, scopes: platform.scopes,
                                    tokenAuthMethod: platform.clientSecret == nil ? "none" : "client_secret_basic", policy: nil)
        }
        let found: DiscoveredProvider
        if let cached = platformDiscovery.value(for: discoveryURL) {
            found = cached
        } else {
            do {
                found = try await ProviderDiscovery.fetch(discoveryURL, policy: nil)
            } catch {
                throw .unavailable(error.description)
            }
            platformDiscovery.set(found, for: discoveryURL)
        }
        return UpstreamProvider(kind: .platform, name: platform.name, issuer: found.issuer, authorizeURL: platform.authorizeURL ?? found.authorizeURL,
                                tokenURL: platform.tokenURL ?? found.tokenURL, userinfoURL: platform.userinfoURL ?? found.userinfoURL,
                                clientID: platform.clientID, clientSecret: platform.clientSecret, scopes: platform.scopes,
                                tokenAuthMethod: found.tokenAuthMethod(hasSecret: platform.clientSecret != nil), policy: nil)
    }

    private func customProvider(_ server: HostedServer) async throws(UpstreamError) -> UpstreamProvider {
        guard let configID = server.settings.oauthConfigId else { throw .rejected("this server has no OAuth config") }
        let stored: StoredOAuthConfig?
        do {
            stored = try await database.withConnection { try await configs.find(configID, organizationID: server.organizationID, on: $0) }
        } catch {
            throw .unavailable("cannot read the OAuth config")
        }
        guard let stored else { throw .rejected("the server's OAuth config is gone") }
        let config = stored.config
        var secret: String?
        if let sealed = stored.sealedSecret {
            do { secret = try box.open(sealed, context: OAuthConfigStore.secretContext) } catch { throw .unavailable("cannot open the OAuth config's client secret") }
        }
        guard !config.authorizeUrl.isEmpty, !config.tokenUrl.isEmpty else { throw .unavailable("the OAuth config has no endpoints yet: run oauth-configs test") }
        return UpstreamProvider(kind: .custom, name: config.name, issuer: config.issuer ?? ProviderDiscovery.origin(of: config.authorizeUrl),
                                authorizeURL: config.authorizeUrl, tokenURL: config.tokenUrl, userinfoURL: config.userinfoUrl, clientID: config.clientId,
                                clientSecret: secret, scopes: config.scopes, tokenAuthMethod: secret == nil ? "none" : config.tokenAuthMethod, policy: policy)
    }
}
