import Foundation

/// How end users of a server authenticate (docs/OAUTH.md).
public enum AuthMode: String, Codable, Sendable, CaseIterable {
    case none
    case collectEmail = "collect_email"
    case platformOAuth = "platform_oauth"
    case customOAuth = "custom_oauth"
}

