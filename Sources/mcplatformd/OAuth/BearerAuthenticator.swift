import Foundation
import HTTPTypes
import Hummingbird

/// The end user an MCP request is authenticated as.
struct AuthenticatedEndUser: Sendable, Equatable {
    let endUserID: String
    let grantID: String
}

/// Validates the bearer tokens of MCP requests (docs/OAUTH.md "Rules"): a live access token issued
/// for this server (its audience), whatever URL form the request uses. Lookups are cached for
/// two seconds, so a token revoked on another replica stops working moments later; revoking
/// anything here empties the cache at once.
final class BearerAuthenticator: Sendable {
    let database: Database
    private let tokens = OAuthTokenStore()
    private let cache = ExpiringCache<String, StoredToken>(lifetime: .seconds(2))

    init(database: Database) {
        self.database = database
    }

    /// Why a request is not authenticated for `server`.
    enum Failure: Error, Sendable, Equatable {
        /// No bearer token at all.
        case missing
        /// A token that is unknown, expired, revoked, or for another server.
        case invalid(String)
    }

    /// The end user of the request's bearer token for `server`.
    func authenticate(_ request: Request, server: HostedServer, now: EpochMillis = nowMillis()) async throws -> Result<AuthenticatedEndUser, Failure> {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            return .failure(.missing)
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix("mcpat_"), token.count < 100 else { return .failure(.invalid("the access token is malformed")) }
        let hash = PlatformToken.hash(token)
        let stored = try await cache.value(for: hash) { try await self.database.withConnection { try await self.tokens.find(token: token, on: $0) } }
        guard let stored, stored.kind == "access" else { return .failure(.invalid("unknown access token")) }
        guard stored.serverID == server.id else { return .failure(.invalid("the access token was issued for another server")) }
        guard stored.isLive(at: now) else { return .failure(.invalid("the access token expired or was revoked")) }
        return .success(AuthenticatedEndUser(endUserID: stored.endUserID, grantID: stored.grantID))
    }

    /// Drops every cached token (after a revocation here).
    func forgetAll() {
        cache.removeAll()
    }
}
