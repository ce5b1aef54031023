import Foundation
import Hummingbird

/// Where the upstream provider sends the browser back (docs/OAUTH.md "Callbacks"):
/// - `custom_oauth`: `<server origin>/oauth/callback` (and `/s/<slug>/oauth/callback`), on the
///   origin where the flow started, so the browser binding is checked right there;
/// - `platform_oauth`: the daemon-wide `<public-url>/oauth/platform/callback`, bound to its flow
///   only by the single-use `state`; it sends the browser on to the server's origin
///   (`/oauth/resume?ticket=…`), where the binding is checked before the client gets a code.
struct SignInCallbackController: Sendable {
    let service: OAuthService
    let pages: AuthorizationController

    static let resumeLifetime: EpochMillis = 120_000

    func addRoutes(to router: Router<AppRequestContext>) {
        for prefix in ["", "s/:slug/"] {
            router.get(RouterPath(prefix + "oauth/callback")) { request, context in await pages.page(request, context, customCallback) }
            router.get(RouterPath(prefix + "oauth/resume")) { request, context in await pages.page(request, context, resume) }
        }
        router.get("oauth/platform/callback") { request, context in await platformCallback(request, context) }
    }

    private static let stale = OAuthPageError(status: .badRequest, title: "This sign-in has expired",
                                              message: "The sign-in link is unknown, already used or older than ten minutes.")
    private static let otherBrowser = OAuthPageError(status: .badRequest, title: "Sign-in started elsewhere",
                                                     message: "This sign-in was started in another browser (or its cookie is gone), so it cannot finish here.")

    private func customCallback(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        let query = QueryParameters(request.uri.query ?? "")
        let now = nowMillis()
        guard endpoints.server.settings.authMode == .customOAuth, let state = query.single("state"),
              let pending = try await take("upstream_state_hash", state, from: "upstream", to: "callback", now: now),
              pending.serverID == endpoints.server.id else { throw Self.stale }
        guard service.cookies.isBound(request, to: pending.browserHash) else { throw Self.otherBrowser }
        let provider: UpstreamProvider
        do { provider = try await service.providers.provider(for: endpoints.server) } catch {
            return redirect(pending, "temporarily_unavailable", "the identity provider cannot be used now")
        }
        return try await finish(pending, query: query, provider: provider, callback: endpoints.customCallback, now: now) { grantID in
            OAuthPages.redirect(to: try await service.codeRedirect(pending, grantID: grantID, now: now))
        }
    }

    private func platformCallback(_ request: Request, _ context: AppRequestContext) async -> Response {
        do {
            if let problem = service.transportProblem { throw OAuthPageError(status: .serviceUnavailable, title: "Sign-in is not available", message: problem) }
            let query = QueryParameters(request.uri.query ?? "")
            let now = nowMillis()
            guard let state = query.single("state"),
                  let pending = try await take("upstream_state_hash", state, from: "upstream", to: "callback", now: now) else { throw Self.stale }
            let provider: UpstreamProvider
            do { provider = try await service.providers.platformProvider() } catch {
                return redirect(pending, "temporarily_unavailable", "the identity provider cannot be used now")
            }
            return try await finish(pending, query: query, provider: provider, callback: OAuthEndpoints.platformCallback(publicURL: service.publicURL),
                                    now: now) { grantID in
                let ticket = PlatformToken.generate(kind: "rsm").secret
                let moved = try await service.database.withConnection { db in
                    try await service.requests.advance(pending.id, from: "callback", to: "resume", set: [
                        ("resume_ticket_hash", PlatformToken.hash(ticket)), ("grant_id", grantID),
                        ("expires_at", min(pending.expiresAt, now + Self.resumeLifetime)),
                    ], now: now, on: db)
                }
                guard moved else { throw Self.stale }
                return OAuthPages.redirect(to: pending.baseURL + "/oauth/resume?" + FormEncoding.encode([("ticket", ticket)]))
            }
        } catch {
            return OAuthPages.error(error, context: context)
        }
    }

    /// Back on the server's origin after the platform callback: the browser that started the
    /// flow (its binding cookie) gets the code; any other browser gets an error page.
    private func resume(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        let query = QueryParameters(request.uri.query ?? "")
        let now = nowMillis()
        guard let ticket = query.single("ticket"),
              let pending = try await take("resume_ticket_hash", ticket, from: "resume", to: "done", now: now),
              pending.serverID == endpoints.server.id, let grantID = pending.grantID else { throw Self.stale }
        guard service.cookies.isBound(request, to: pending.browserHash) else { throw Self.otherBrowser }
        return OAuthPages.redirect(to: try await service.codeRedirect(pending, grantID: grantID, now: now))
    }

    /// Exchanges the upstream code (with the flow's PKCE verifier), reads the identity, records
    /// the sign-in, then lets `next` send the browser on. Upstream refusals and outages go back
    /// to the client as `access_denied` / `temporarily_unavailable`.
    private func finish(_ pending: AuthorizationRequest, query: QueryParameters, provider: UpstreamProvider, callback: String, now: EpochMillis,
                        next: (String) async throws -> Response) async throws -> Response {
        if let error = query.single("error") {
            service.logger.info("upstream sign-in refused", metadata: ["error": .string(String(error.prefix(60))), "request": .string(pending.id)])
            return redirect(pending, error == "access_denied" ? "access_denied" : "server_error", "the identity provider did not sign the user in")
        }
        guard let code = query.single("code"), let sealed = pending.upstreamVerifierSealed,
              let verifier = try? service.box.open(sealed, context: AuthorizationRequestStore.verifierContext) else { throw Self.stale }
        let identity: UpstreamIdentity
        let tokens: UpstreamTokens
        do {
            tokens = try await UpstreamClient.exchange(code: code, verifier: verifier, redirectURI: callback, provider: provider)
            identity = try await UpstreamClient.identity(tokens, provider: provider)
        } catch {
            service.logger.warning("upstream sign-in failed", metadata: ["reason": .string(error.description), "request": .string(pending.id)])
            if case .unavailable = error { return redirect(pending, "temporarily_unavailable", "the identity provider is unavailable; try again") }
            return redirect(pending, "access_denied", "the identity provider did not confirm the sign-in")
        }
        let grantID = try await service.completeSignIn(pending, identity: identity, provider: provider.kind.rawValue, upstream: tokens, now: now)
        return try await next(grantID)
    }

    private func redirect(_ pending: AuthorizationRequest, _ code: String, _ description: String) -> Response {
        OAuthPages.redirect(to: OAuthService.errorRedirect(pending, OAuthRedirectError(code: code, description: description)))
    }

    private func take(_ column: String, _ secret: String, from: String, to: String, now: EpochMillis) async throws -> AuthorizationRequest? {
        guard secret.count <= 100 else { return nil }
        return try await service.database.withConnection { try await service.requests.take(by: column, secret: secret, stage: from, next: to, now: now, on: $0) }
    }
}
