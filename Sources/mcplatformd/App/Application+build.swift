import Crypto
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// What the routers need, assembled once by `Daemon` (and by tests).
struct AppServices: Sendable {
    let configuration: DaemonConfiguration
    let database: Database
    let migrator: Migrator
    let keyRing: KeyRing
    let jobs: JobQueue
    var rateLimiter: any RateLimiter
    var passwordHasher = PasswordHasher()
    /// The key visitor keys and cookie keys are derived from: the daemon's current secret key
    /// when it started. Without one the daemon does not start (a key derived from anything
    /// guessable, such as the data directory's path, would let anyone forge cookies).
    let visitorSecret: SymmetricKey
    /// The public listener's base URL; updated with the bound port when it listens on port 0.
    var publicURL: SharedValue<String>
    /// Turns events into webhook deliveries.
    let webhooks: WebhookPublisher
    /// Woken when ticket events are written here (`tickets watch`).
    let ticketFeed = Broadcast()
    /// Checks MCP bearer tokens; shared so revocations through the admin API are felt at once.
    let bearer: BearerAuthenticator
    /// Resolves end users on the MCP endpoint; shared so an erasure here clears its caches at once.
    let endUserResolver: EndUserResolver
    /// Hosted servers by slug, cached briefly.
    let directory: HostedServerDirectory
    /// Verified custom domains, cached; shared so a removal here stops routing at once.
    let domains: CustomDomainDirectory
    /// The signed links of the emails (ticket page, unsubscribe).
    let ticketLinks: TicketLinks
    /// Queues the emails ticket events cause.
    var mailer: TicketMailer { TicketMailer(enabled: configuration.mail.isEnabled, queue: jobs) }
    /// Queues mail to staff (invitations).
    var staffMailer: StaffMailer { StaffMailer(enabled: configuration.mail.isEnabled, queue: jobs, box: secretBox) }
    /// Ticket changes by staff and end users.
    var ticketWorkflow: TicketWorkflow { TicketWorkflow(database: database, publisher: webhooks, feed: ticketFeed, mailer: mailer) }
    /// Where requests to customer URLs may go.
    var outbound: OutboundPolicy {
        OutboundPolicy(allowPrivateAddresses: configuration.allowPrivateAddresses, resolver: configuration.dnsResolver)
    }
    var secretBox: SecretBox { SecretBox(keyRing: keyRing) }

    init(configuration: DaemonConfiguration, database: Database, migrator: Migrator, keyRing: KeyRing, jobs: JobQueue,
         passwordHasher: PasswordHasher = PasswordHasher()) throws(StartupError) {
        do {
            visitorSecret = try keyRing.currentKey().key
        } catch {
            throw StartupError.configuration(.keysDir, error.description)
        }
        self.configuration = configuration
        self.database = database
        self.migrator = migrator
        self.keyRing = keyRing
        self.jobs = jobs
        self.rateLimiter = makeRateLimiter(for: database)
        self.passwordHasher = passwordHasher
        self.publicURL = SharedValue(configuration.effectivePublicURL(boundPort: configuration.publicListen.port))
        self.webhooks = WebhookPublisher(queue: jobs)
        self.bearer = BearerAuthenticator(database: database)
        self.directory = HostedServerDirectory(database: database)
        self.domains = CustomDomainDirectory(database: database)
        self.ticketLinks = TicketLinks(secret: visitorSecret)
        self.endUserResolver = EndUserResolver(database: database, visitorKey: VisitorKey(secret: visitorSecret),
                                               admission: AbuseLimits(configuration: configuration, limiter: rateLimiter))
    }

    /// How requests name hosted servers, and their URLs.
    var addressing: ServerAddressing {
        ServerAddressing(directory: directory, baseDomain: configuration.baseDomain, trustedProxies: configuration.trustedProxies, publicURL: publicURL,
                         domains: domains)
    }

    /// The OAuth proxy's dependencies.
    var oauth: OAuthService {
        OAuthService(database: database, addressing: addressing, settings: configuration.oauth, allowInsecureHTTP: configuration.oauthAllowInsecureHTTP,
                     box: secretBox, cookieKey: OAuthService.cookieKey(from: visitorSecret), limiter: rateLimiter,
                     clientDocuments: ClientMetadataDocuments(policy: outbound, allowInsecureHTTP: configuration.oauthAllowInsecureHTTP),
                     providers: UpstreamProviders(database: database, platform: configuration.platformOAuth, box: secretBox, policy: outbound),
                     webhooks: webhooks, bearer: bearer)
    }
}

/// The public listener's router: health, readiness, and later MCP and OAuth.
func buildPublicRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    addCommonMiddleware(to: router)
    HealthController(database: services.database, migrator: services.migrator).addRoutes(to: router)
    let oauth = services.oauth
    makeMCPController(services, oauth: oauth).addRoutes(to: router)
    OAuthMetadataController(service: oauth).addRoutes(to: router)
    ClientRegistrationController(service: oauth).addRoutes(to: router)
    let authorization = AuthorizationController(service: oauth)
    authorization.addRoutes(to: router)
    SignInCallbackController(service: oauth, pages: authorization).addRoutes(to: router)
    OAuthTokenController(service: oauth).addRoutes(to: router)
    let publicURL = services.publicURL
    TicketPageController(database: services.database, links: services.ticketLinks, workflow: services.ticketWorkflow,
                         secure: { publicURL.value.hasPrefix("https://") }).addRoutes(to: router)
    if services.configuration.debugRoutes {
        DebugController().addRoutes(to: router)
    }
    return router
}

/// The MCP endpoint with its collaborators.
private func makeMCPController(_ services: AppServices, oauth: OAuthService) -> MCPController {
    let limits = AbuseLimits(configuration: services.configuration, limiter: services.rateLimiter)
    let resolver = services.endUserResolver
    let walkthroughs = WalkthroughEngine(database: services.database, webhooks: services.webhooks)
    let tickets = services.ticketWorkflow
    let dispatcher = MCPDispatcher(tools: [GetSupportTool(resolver: resolver), GetMyTicketsTool(workflow: tickets), ReplyToTicketTool(workflow: tickets),
                                           StartWalkthroughTool(engine: walkthroughs),
                                           GetNextStepTool(engine: walkthroughs), SearchDocsTool(search: DocumentSearch(database: services.database))],
                                   recorder: ToolCallRecorder(database: services.database, webhooks: services.webhooks, feed: services.ticketFeed,
                                                              mailer: services.mailer),
                                   limits: limits)
    return MCPController(addressing: services.addressing, authentication: MCPAuthentication(oauth: oauth), gate: MCPSessionGate(resolver: resolver),
                         dispatcher: dispatcher)
}

/// The admin listener's router: `/metrics`, and the admin API under `/v1`.
func buildAdminRouter(_ services: AppServices) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    addCommonMiddleware(to: router)
    HealthController(database: services.database, migrator: services.migrator).addRoutes(to: router)
    MetricsController(allowed: services.configuration.metricsAllow).addRoutes(to: router)
    TLSAllowedController(domains: services.domains, directory: services.directory, baseDomain: services.configuration.baseDomain).addRoutes(to: router)
    try AdminAPI.register(on: router, services: services)
    return router
}

private func addCommonMiddleware(to router: Router<AppRequestContext>) {
    _ = MetricsRegistry.shared
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware())
}

/// How one listener treats its connections: its body limit and the answer to a larger body,
/// its time limits and its connection caps.
struct ListenerSettings: Sendable {
    var maxBodyBytes: Int
    /// The answer to a request whose body is over `maxBodyBytes` (a 413).
    var oversized: @Sendable (HTTPRequest, Int) -> Response
    var limits: ListenerLimits
    var connections: ConnectionLimiter
    /// Peers whose `X-Forwarded-For/-Proto` are believed (`ForwardedClient`).
    var trustedProxies: [AddressRange]

    /// The public listener's: room for the largest MCP body (`MCPController.maxBodyBytes`), so
    /// that the MCP endpoint itself answers most oversized ones; beyond that, the MCP paths get
    /// the same JSON-RPC error and every other path the error envelope.
    static func publicListener(_ configuration: DaemonConfiguration) -> ListenerSettings {
        ListenerSettings(maxBodyBytes: 2 * MCPController.maxBodyBytes, oversized: publicOversized, limits: configuration.listener,
                         connections: connectionLimiter("public", configuration), trustedProxies: configuration.trustedProxies)
    }

    /// The admin listener's: `admin-max-body-bytes`, answered with the error envelope.
    static func admin(_ configuration: DaemonConfiguration) -> ListenerSettings {
        ListenerSettings(maxBodyBytes: configuration.listener.adminMaxBodyBytes, oversized: adminOversized, limits: configuration.listener,
                         connections: connectionLimiter("admin", configuration), trustedProxies: configuration.trustedProxies)
    }

    private static func connectionLimiter(_ name: String, _ configuration: DaemonConfiguration) -> ConnectionLimiter {
        ConnectionLimiter(name: name, maxConnections: configuration.listener.maxConnections,
                          maxPerAddress: configuration.listener.maxConnectionsPerAddress,
                          privileged: configuration.metricsAllow, uncounted: configuration.trustedProxies)
    }

    static let publicOversized: @Sendable (HTTPRequest, Int) -> Response = { head, limit in
        let message = "the request body is larger than \(limit) bytes"
        if MCPController.isMCPPath(head.path ?? "") {
            return MCPError(code: MCPError.invalidRequest, message: message, status: .contentTooLarge).response
        }
        return adminOversized(head, limit)
    }

    static let adminOversized: @Sendable (HTTPRequest, Int) -> Response = { _, limit in
        APIError(status: .contentTooLarge, code: "payload_too_large", message: "the request body is larger than \(limit) bytes",
                 details: ["limit": String(limit)]).response
    }
}

/// One listener as a Hummingbird application over `DirectHTTP1Channel`; `onBound` receives the
/// address it bound (useful with port 0).
func buildApplication(
    name: String, router: Router<AppRequestContext>, listen: ListenAddress, logger: Logger, listener: ListenerSettings,
    onBound: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let responder = router.buildResponder()
    let serverName = "mcplatformd"
    let server = HTTPServerBuilder { _ in
        DirectHTTP1Channel(responder: responder, serverName: serverName, maxBodyBytes: listener.maxBodyBytes, oversized: listener.oversized,
                           limits: listener.limits, connections: listener.connections, trustedProxies: listener.trustedProxies)
    }
    return Application(
        responder: responder,
        server: server,
        configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: serverName),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? listen.port
            let bound = ListenAddress(host: listen.host, port: port)
            logger.info("listening", metadata: ["listener": .string(name), "address": .string(bound.description)])
            await onBound(bound)
        },
        logger: logger
    )
}
