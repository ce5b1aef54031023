import Foundation

/// An organization's own identity provider for servers in `custom_oauth` mode: an OpenID
/// Connect discovery URL, or explicit endpoints. The client secret is never shown.
public struct APIOAuthConfig: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var discoveryUrl: String?
    /// The provider's issuer, from discovery (else the origin of the authorize URL).
    public var issuer: String?
    public var authorizeUrl: String
    public var tokenUrl: String
    public var userinfoUrl: String?
    public var clientId: String
    public var hasClientSecret: Bool
    public var scopes: String
    /// How the daemon authenticates at the token endpoint: `client_secret_basic`, `client_secret_post` or `none`.
    public var tokenAuthMethod: String
    /// Slugs of the servers that sign in with it.
    public var servers: [String]
    public var checkedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, name: String, discoveryUrl: String?, issuer: String?, authorizeUrl: String, tokenUrl: String, userinfoUrl: String?,
                clientId: String, hasClientSecret: Bool, scopes: String, tokenAuthMethod: String, servers: [String], checkedAt: Date?,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.discoveryUrl = discoveryUrl
        self.issuer = issuer
        self.authorizeUrl = authorizeUrl
        self.tokenUrl = tokenUrl
        self.userinfoUrl = userinfoUrl
        self.clientId = clientId
        self.hasClientSecret = hasClientSecret
        self.scopes = scopes
        self.tokenAuthMethod = tokenAuthMethod
        self.servers = servers
        self.checkedAt = checkedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// `POST /v1/orgs/{org}/oauth-configs` and, every field optional, `PATCH …/oauth-configs/{config}`.
/// Give `discovery_url`, or `authorize_url` and `token_url` (and optionally `userinfo_url`).
public struct APIOAuthConfigFields: Codable, Sendable, Equatable {
    public var name: String?
    public var discoveryUrl: String?
    public var authorizeUrl: String?
    public var tokenUrl: String?
    public var userinfoUrl: String?
    public var clientId: String?
    public var clientSecret: String?
    public var scopes: String?

    public init(name: String? = nil, discoveryUrl: String? = nil, authorizeUrl: String? = nil, tokenUrl: String? = nil,
                userinfoUrl: String? = nil, clientId: String? = nil, clientSecret: String? = nil, scopes: String? = nil) {
        self.name = name
        self.discoveryUrl = discoveryUrl
        self.authorizeUrl = authorizeUrl
        self.tokenUrl = tokenUrl
        self.userinfoUrl = userinfoUrl
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
    }
}

/// What `oauth-configs test` found: each check with its outcome, and the config as updated.
public struct APIOAuthConfigTest: Codable, Sendable, Equatable {
    public var ok: Bool
    public var checks: [Check]
    public var config: APIOAuthConfig

    /// One check: what was tried and what came of it.
    public struct Check: Codable, Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }
    }

    public init(ok: Bool, checks: [Check], config: APIOAuthConfig) {
        self.ok = ok
        self.checks = checks
        self.config = config
    }
}

/// `POST /v1/orgs/{org}/users/{user}/revoke-access`: what was ended.
public struct APIRevokeAccessResult: Codable, Sendable, Equatable {
    public var grants: Int
    public var tokens: Int

    public init(grants: Int, tokens: Int) {
        self.grants = grants
        self.tokens = tokens
    }
}
