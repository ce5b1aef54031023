import Foundation
import Shared

/// The end-user URLs of a server and ready-to-paste client configuration (`servers show`).
struct ConnectInfoBuilder: Sendable {
    /// Scheme, host and port of the public listener, e.g. `http://localhost:8080`.
    let publicURL: String
    let baseDomain: String

    func info(for slug: String) -> ServerConnectInfo {
        let origin = ServerAddressing.origin(of: slug, baseDomain: baseDomain, publicURL: publicURL)
        let url = "\(origin)/mcp"
        let tracking = "\(origin)/api/mcpserver/{tracking_id}/mcp"
        return ServerConnectInfo(
            url: url,
            pathUrl: "\(publicURL)/s/\(slug)/mcp",
            trackingUrlTemplate: tracking,
            cursorDeeplink: Self.cursor(slug: slug, url: url),
            claudeCommand: "claude mcp add --transport http \(slug) \(url)",
            vscodeMcpJson: Self.vscode(slug: slug, url: url),
            trackingClaudeCommand: "claude mcp add --transport http \(slug) \(tracking)",
            trackingVscodeMcpJson: Self.vscode(slug: slug, url: tracking),
            trackingCursorDeeplink: Self.cursor(slug: slug, url: tracking),
            oauthCallbackUrl: "\(origin)/oauth/callback", oauthCallbackPathUrl: "\(publicURL)/s/\(slug)/oauth/callback")
    }

    /// Cursor's install link: the server's JSON configuration, base64-encoded.
    private static func cursor(slug: String, url: String) -> String {
        "cursor://anysphere.cursor-deeplink/mcp/install?name=\(slug)&config=" + Data(#"{"url":"\#(url)"}"#.utf8).base64EncodedString()
    }

    private static func vscode(slug: String, url: String) -> String {
        #"{"servers":{"\#(slug)":{"type":"http","url":"\#(url)"}}}"#
    }
}
