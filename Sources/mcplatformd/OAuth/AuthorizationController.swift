import Foundation
import Hummingbird
import Shared

/// `GET /oauth/authorize` and the consent form it shows (`POST /oauth/authorize`), on each
/// server's origin and its `/s/<slug>` path form (docs/OAUTH.md). The client and its redirect URI are
/// checked first: while either is unknown every problem is an error page, never a redirect.
/// Approval is remembered per browser; the email page of `collect_email` is the same form.
struct AuthorizationController: Sendable {
    let service: OAuthService

    func addRoutes(to router: Router<AppRequestContext>) {
        for prefix in ["", "s/:slug/"] {
            router.get(RouterPath(prefix + "oauth/authorize")) { request, context in await self.page(request, context, authorize) }
            router.post(RouterPath(prefix + "oauth/authorize")) { request, context in await self.page(request, context, decide) }
        }
    }

    /// Runs a browser step for the addressed server, turning every failure into an error page.
    func page(_ request: Request, _ context: AppRequestContext,
              _ step: (Request, AppRequestContext, OAuthEndpoints) async throws -> Response) async -> Response {
        do {
            if let problem = service.transportProblem { throw OAuthPageError(status: .serviceUnavailable, title: "Sign-in is not available", message: problem) }
            if let seconds = await service.overLimit(.authorize, address: context.clientAddress) {
                throw OAuthPageError(status: .tooManyRequests, title: "Too many sign-in attempts", message: "Wait \(seconds) seconds, then try again.")
            }
            let endpoints = service.endpoints(try await service.addressing.resolve(request, context))
            if let problem = service.providers.unavailability(of: endpoints.server) {
                throw OAuthPageError(status: endpoints.server.settings.authMode == .none ? .notFound : .serviceUnavailable,
                                     title: "Sign-in is not available", message: "\(endpoints.server.settings.name): \(problem).")
            }
            return try await step(request, context, endpoints)
        } catch {
            return OAuthPages.error(error, context: context)
        }
    }

    private func authorize(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        let query = QueryParameters(request.uri.query ?? "")
        guard let clientID = query.single("client_id"), !clientID.isEmpty else {
            throw OAuthPageError(status: .badRequest, title: "Unknown application", message: "The request names no client_id.")
        }
        let client = try await findClient(clientID, endpoints)
        let redirectURI: String
        if let given = query.single("redirect_uri") {
            guard let matched = client.matchingRedirect(given) else {
                throw OAuthPageError(status: .badRequest, title: "Unregistered redirect",
                                     message: "\(client.displayName) asked to be sent back to an address it did not register, so this sign-in stops here.")
            }
            redirectURI = matched
        } else if client.redirectURIs.count == 1 {
            redirectURI = client.redirectURIs[0]
        } else {
            throw OAuthPageError(status: .badRequest, title: "Unregistered redirect", message: "The request names no redirect_uri.")
        }
        let now = nowMillis()
        var stored: AuthorizationRequest
        switch validated(query, client: client, redirectURI: redirectURI, endpoints: endpoints, now: now) {
        case .success(let request):
            stored = request
        case .failure(let error):
            return OAuthPages.redirect(to: OAuthService.clientRedirect(redirectURI, [("error", error.code), ("error_description", error.description)],
                                                                       state: query.single("state"), issuer: endpoints.issuer))
        }
        let cookies = service.cookies
        let binding = cookies.binding(in: request) ?? PlatformToken.generate(kind: "mcpb").secret
        let csrf = PlatformToken.generate(kind: "csrf").secret
        stored.browserHash = PlatformToken.hash(binding)
        stored.csrfHash = PlatformToken.hash(csrf)
        try await service.database.withConnection { try await service.requests.insert(stored, now: now, on: $0) }
        let bindingCookie = cookies.setCookie(cookies.bindingName, binding, maxAge: Int(AuthorizationRequestStore.lifetime / 1000))
        let server = endpoints.server
        if server.settings.authMode != .collectEmail,
           cookies.remembers(request, serverID: server.id, clientID: client.id, redirectURI: redirectURI) {
            return try await startUpstream(stored, endpoints, cookies: [bindingCookie], now: now)
        }
        return try await consentPage(stored, client: client, endpoints: endpoints, csrf: csrf, email: "", emailError: nil, cookies: [bindingCookie])
    }

    /// The request as the client sent it, checked (RFC 6749 §4.1.1, PKCE S256, RFC 8707 resource);
    /// the caller sets its browser and CSRF hashes.
    private func validated(_ query: QueryParameters, client: OAuthClient, redirectURI: String, endpoints: OAuthEndpoints,
                           now: EpochMillis) -> Result<AuthorizationRequest, OAuthRedirectError> {
        for name in ["response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "resource", "scope"]
        where query.count(name) > 1 {
            return .failure(OAuthRedirectError(code: "invalid_request", description: "\(name) is given more than once"))
        }
        guard query.single("response_type") == "code" else {
            return .failure(OAuthRedirectError(code: "unsupported_response_type", description: "only response_type=code is supported"))
        }
        guard let challenge = query.single("code_challenge") else {
            return .failure(OAuthRedirectError(code: "invalid_request", description: "PKCE is required: send code_challenge and code_challenge_method=S256"))
        }
        guard query.single("code_challenge_method") == "S256" else {
            return .failure(OAuthRedirectError(code: "invalid_request", description: "code_challenge_method must be S256"))
        }
        guard PKCE.isWellFormed(challenge) else {
            return .failure(OAuthRedirectError(code: "invalid_request", description: "code_challenge must be 43 to 128 base64url characters"))
        }
        let resource = query.single("resource") ?? endpoints.resource
        guard endpoints.identifies(resource: resource) else {
            return .failure(OAuthRedirectError(code: "invalid_target", description: "resource is not this server (\(endpoints.resource))"))
        }
        let state = query.single("state")
        guard (state?.count ?? 0) <= 2048 else { return .failure(OAuthRedirectError(code: "invalid_request", description: "state is too long")) }
        return .success(AuthorizationRequest(
            id: Identifier.make("oar"), organizationID: endpoints.server.organizationID, serverID: endpoints.server.id, clientID: client.id,
            clientName: client.displayName, redirectURI: redirectURI, clientState: state, codeChallenge: challenge, resource: resource,
            issuer: endpoints.issuer, baseURL: endpoints.base, browserHash: "", csrfHash: "", stage: "consent", upstreamVerifierSealed: nil,
            grantID: nil, expiresAt: now + AuthorizationRequestStore.lifetime))
    }

    /// The consent form's answer.
    private func decide(_ request: Request, _ context: AppRequestContext, _ endpoints: OAuthEndpoints) async throws -> Response {
        guard let body = await FormBody.text(request) else {
            throw OAuthPageError(status: .unsupportedMediaType, title: "Not a form", message: "Expected an HTML form submission.")
        }
        let form = QueryParameters(body)
        let now = nowMillis()
        let stale = OAuthPageError(status: .badRequest, title: "This sign-in has expired",
                                   message: "The sign-in request is unknown, finished or older than ten minutes.")
        guard let id = form.single("request"),
              let pending = try await service.database.withConnection({ try await service.requests.find(id, stage: "consent", now: now, on: $0) }),
              pending.serverID == endpoints.server.id else { throw stale }
        guard service.cookies.isBound(request, to: pending.browserHash), let csrf = form.single("csrf"),
              PlatformToken.matches(csrf, hash: pending.csrfHash) else {
            throw OAuthPageError(status: .forbidden, title: "The form could not be verified",
                                 message: "The consent form came without its security token or from another browser.")
        }
        guard form.single("decision") == "approve" else {
            guard try await advance(pending, from: "consent", to: "done", now: now) else { throw stale }
            return OAuthPages.redirect(to: OAuthService.errorRedirect(pending, OAuthRedirectError(code: "access_denied", description: "the user denied access")))
        }
        let cookies = service.cookies
        let remembered = cookies.remembering(request, serverID: pending.serverID, clientID: pending.clientID, redirectURI: pending.redirectURI)
        guard endpoints.server.settings.authMode == .collectEmail else {
            return try await startUpstream(pending, endpoints, cookies: [remembered], now: now)
        }
        let email = (form.single("email") ?? "").trimmingCharacters(in: .whitespaces)
        guard EmailAddress.isPlausible(email) else {
            let client = try await findClient(pending.clientID, endpoints)
            return try await consentPage(pending, client: client, endpoints: endpoints, csrf: csrf, email: String(email.prefix(254)),
                                         emailError: "Enter an email address such as ada@example.com.", status: .badRequest)
        }
        guard try await advance(pending, from: "consent", to: "done", now: now) else { throw stale }
        // Who signs in is the browser (its long-lived cookie), never the typed email: anyone can
        // type anyone's email. The email is claimed on that browser's end user, and two people
        // typing one email are two end users claiming it.
        let browser = cookies.browser(in: request) ?? PlatformToken.generate(kind: "mcpv").secret
        let identity = UpstreamIdentity(issuer: EndUserLogin.collectEmailIssuer,
                                        subject: cookies.browserSubject(browser, organizationID: pending.organizationID),
                                        email: email, emailVerified: false, name: nil)
        let grantID = try await service.completeSignIn(pending, identity: identity, provider: "collect_email", upstream: nil, now: now)
        return OAuthPages.redirect(to: try await service.codeRedirect(pending, grantID: grantID, now: now),
                                   cookies: [remembered, cookies.setCookie(cookies.browserName, browser, maxAge: OAuthCookies.browserLifetime)])
    }

    /// Sends the browser to the upstream provider with a fresh single-use `state` and PKCE.
    private func startUpstream(_ pending: AuthorizationRequest, _ endpoints: OAuthEndpoints, cookies: [String], now: EpochMillis) async throws -> Response {
        let provider: UpstreamProvider
        do {
            provider = try await service.providers.provider(for: endpoints.server)
        } catch {
            throw OAuthPageError(status: .serviceUnavailable, title: "Sign-in is not available", message: "The identity provider cannot be used now: \(error).")
        }
        let state = PlatformToken.generate(kind: "st").secret
        let verifier = PKCE.makeVerifier()
        let moved = try await advance(pending, from: "consent", to: "upstream", set: [
            ("upstream_state_hash", PlatformToken.hash(state)),
            ("upstream_verifier_sealed", try service.box.seal(verifier, context: AuthorizationRequestStore.verifierContext)),
        ], now: now)
        guard moved else { throw OAuthPageError(status: .badRequest, title: "This sign-in has expired", message: "The sign-in request was already used.") }
        let callback = provider.kind == .platform ? endpoints.platformCallback : endpoints.customCallback
        let parameters = [("response_type", "code"), ("client_id", provider.clientID), ("redirect_uri", callback), ("scope", provider.scopes),
                          ("state", state), ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256")]
        let separator = provider.authorizeURL.contains("?") ? "&" : "?"
        return OAuthPages.redirect(to: provider.authorizeURL + separator + FormEncoding.encode(parameters), cookies: cookies)
    }

    private func consentPage(_ pending: AuthorizationRequest, client: OAuthClient, endpoints: OAuthEndpoints, csrf: String, email: String,
                             emailError: String?, status: HTTPResponse.Status = .ok, cookies: [String] = []) async throws -> Response {
        let settings = endpoints.server.settings
        var providerName: String?
        var scopes = ""
        if settings.authMode == .platformOAuth || settings.authMode == .customOAuth,
           let provider = try? await service.providers.provider(for: endpoints.server) {
            providerName = provider.name
            scopes = provider.scopes
        }
        let page = OAuthPages.Consent(
            client: client.displayName, product: settings.productName, server: settings.name, provider: providerName, scopes: scopes,
            collectEmail: settings.authMode == .collectEmail, email: email, emailError: emailError,
            redirectHost: RedirectURIRules.displayHost(pending.redirectURI), loopback: RedirectURIRules.isLoopback(pending.redirectURI),
            action: endpoints.authorizationEndpoint, request: pending.id, csrf: csrf)
        return OAuthPages.consent(page, status: status, cookies: cookies)
    }

    /// A client known at this server: registered here, or a metadata document.
    private func findClient(_ clientID: String, _ endpoints: OAuthEndpoints) async throws -> OAuthClient {
        if service.clientDocuments.names(clientID) { return try await service.clientDocuments.client(clientID) }
        let serverID = endpoints.server.id
        guard let client = try await service.database.withConnection({ try await service.clients.find(clientID, serverID: serverID, on: $0) }) else {
            throw OAuthPageError(status: .badRequest, title: "Unknown application",
                                 message: "The application is not registered with \(endpoints.server.settings.name).")
        }
        return client
    }

    private func advance(_ pending: AuthorizationRequest, from: String, to: String, set values: [(String, (any Encodable & Sendable)?)] = [],
                         now: EpochMillis) async throws -> Bool {
        try await service.database.withConnection { try await service.requests.advance(pending.id, from: from, to: to, set: values, now: now, on: $0) }
    }
}

/// Decoded `application/x-www-form-urlencoded` parameters (a query string or a form body).
struct QueryParameters: Sendable {
    let pairs: [(String, String)]

    init(_ text: String) {
        pairs = FormEncoding.decode(text)
    }

    /// The value of `name` when it is given exactly once.
    func single(_ name: String) -> String? {
        let values = pairs.filter { $0.0 == name }
        return values.count == 1 ? values[0].1 : nil
    }

    func count(_ name: String) -> Int { pairs.filter { $0.0 == name }.count }
}

/// Form bodies of the browser steps and the token endpoint.
enum FormBody {
    static let maxBytes = 64 * 1024

    /// The body of a form POST as text; nil when it is not a form or is larger than `maxBytes`.
    static func text(_ request: Request) async -> String? {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true,
              let buffer = try? await request.body.collect(upTo: maxBytes) else { return nil }
        return String(buffer: buffer)
    }
}
