import Foundation

/// How end users of a server authenticate (docs/OAUTH.md).
public enum AuthMode: String, Codable, Sendable, CaseIterable {
    case none
    case collectEmail = "collect_email"
    case platformOAuth = "platform_oauth"
    case customOAuth = "custom_oauth"
}

/// A hosted MCP server as the API shows it.
public struct APIServer: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var productName: String
    public var authMode: AuthMode
    public var oauthConfigId: String?
    public var supportEnabled: Bool
    public var walkthroughsEnabled: Bool
    public var docsSearchEnabled: Bool
    public var instructions: String
    public var createdAt: Date
    public var updatedAt: Date
    /// End-user URLs and ready-to-paste client configuration (in `show`).
    public var connect: ServerConnectInfo?

    public init(id: String, slug: String, name: String, productName: String, authMode: AuthMode, oauthConfigId: String?,
                supportEnabled: Bool, walkthroughsEnabled: Bool, docsSearchEnabled: Bool, instructions: String,
                createdAt: Date, updatedAt: Date, connect: ServerConnectInfo? = nil) {
        self.id = id
        self.slug = slug
        self.name = name
        self.productName = productName
        self.authMode = authMode
        self.oauthConfigId = oauthConfigId
        self.supportEnabled = supportEnabled
        self.walkthroughsEnabled = walkthroughsEnabled
        self.docsSearchEnabled = docsSearchEnabled
        self.instructions = instructions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.connect = connect
    }
}

/// Where end users connect and what to paste into their clients.
public struct ServerConnectInfo: Codable, Sendable, Equatable {
    /// `https://<slug>.<base-domain>/mcp`.
    public var url: String
    /// `<public-url>/s/<slug>/mcp`, for setups without wildcard DNS.
    public var pathUrl: String
    /// Per-user URL template: replace `{tracking_id}` with the customer's id for the user.
    public var trackingUrlTemplate: String
    public var cursorDeeplink: String
    public var claudeCommand: String
    public var vscodeMcpJson: String
    public var trackingClaudeCommand: String
    public var trackingVscodeMcpJson: String
    public var trackingCursorDeeplink: String
    /// The redirect URIs to register with the organization's own identity provider
    /// (`custom_oauth`): on the server's origin, and on the path form.
    public var oauthCallbackUrl: String?
    public var oauthCallbackPathUrl: String?

    public init(url: String, pathUrl: String, trackingUrlTemplate: String, cursorDeeplink: String, claudeCommand: String,
                vscodeMcpJson: String, trackingClaudeCommand: String, trackingVscodeMcpJson: String, trackingCursorDeeplink: String,
                oauthCallbackUrl: String? = nil, oauthCallbackPathUrl: String? = nil) {
        self.url = url
        self.pathUrl = pathUrl
        self.trackingUrlTemplate = trackingUrlTemplate
        self.cursorDeeplink = cursorDeeplink
        self.claudeCommand = claudeCommand
        self.vscodeMcpJson = vscodeMcpJson
        self.trackingClaudeCommand = trackingClaudeCommand
        self.trackingVscodeMcpJson = trackingVscodeMcpJson
        self.trackingCursorDeeplink = trackingCursorDeeplink
        self.oauthCallbackUrl = oauthCallbackUrl
        self.oauthCallbackPathUrl = oauthCallbackPathUrl
    }
}

/// `POST /v1/orgs/{org}/servers` and, with every field optional, `PATCH …/servers/{server}`.
public struct ServerFields: Codable, Sendable {
    public var slug: String?
    public var name: String?
    public var productName: String?
    public var authMode: AuthMode?
    public var oauthConfigId: String?
    public var supportEnabled: Bool?
    public var walkthroughsEnabled: Bool?
    public var docsSearchEnabled: Bool?
    public var instructions: String?

    public init(slug: String? = nil, name: String? = nil, productName: String? = nil, authMode: AuthMode? = nil,
                oauthConfigId: String? = nil, supportEnabled: Bool? = nil, walkthroughsEnabled: Bool? = nil,
                docsSearchEnabled: Bool? = nil, instructions: String? = nil) {
        self.slug = slug
        self.name = name
        self.productName = productName
        self.authMode = authMode
        self.oauthConfigId = oauthConfigId
        self.supportEnabled = supportEnabled
        self.walkthroughsEnabled = walkthroughsEnabled
        self.docsSearchEnabled = docsSearchEnabled
        self.instructions = instructions
    }
}
