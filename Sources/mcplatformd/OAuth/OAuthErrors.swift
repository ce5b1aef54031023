import Foundation
import HTTPTypes

/// An error of a JSON endpoint (token, registration, revocation), answered as RFC 6749 §5.2
/// `{"error": …, "error_description": …}`.
struct OAuthJSONError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let description: String
    var headers: HTTPFields = [:]

    static func invalidRequest(_ description: String) -> OAuthJSONError {
        OAuthJSONError(status: .badRequest, code: "invalid_request", description: description)
    }

    static func invalidGrant(_ description: String) -> OAuthJSONError {
        OAuthJSONError(status: .badRequest, code: "invalid_grant", description: description)
    }

    static func invalidClient(_ description: String, basic: Bool) -> OAuthJSONError {
        OAuthJSONError(status: .unauthorized, code: "invalid_client", description: description,
                       headers: basic ? [.wwwAuthenticate: #"Basic realm="oauth""#] : [:])
    }

    /// The upstream identity provider or the database could not answer: retry later. Never
    /// `invalid_grant`, which would make the client throw away a working refresh token.
    static func temporarilyUnavailable(_ description: String) -> OAuthJSONError {
        OAuthJSONError(status: .serviceUnavailable, code: "temporarily_unavailable", description: description, headers: [.retryAfter: "5"])
    }

    static func rateLimited(_ seconds: Int) -> OAuthJSONError {
        OAuthJSONError(status: .tooManyRequests, code: "rate_limited", description: "too many requests from here; retry in \(seconds) s",
                       headers: [.retryAfter: String(seconds)])
    }
}

/// An error of a browser step shown as an HTML page: used whenever the request cannot be trusted
/// to redirect anywhere (unknown client, unregistered redirect URI, a forged or stale form).
struct OAuthPageError: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let message: String
}

/// An error reported to the client at its (validated) redirect URI, RFC 6749 §4.1.2.1.
struct OAuthRedirectError: Error, Sendable {
    let code: String
    let description: String
}
