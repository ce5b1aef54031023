import Hummingbird
import Logging
import NIOCore

/// What the routers need, assembled once by `Daemon` (and by tests).
struct AppServices: Sendable {
    let configuration: Configuration
    let database: Database
    let migrator: Migrator
    let keyRing: KeyRing
    let jobs: JobQueue
}

/// The public listener's router: health, readiness, and later MCP and OAuth.
func buildPublicRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    addCommonMiddleware(to: router)
    HealthController(database: services.database, migrator: services.migrator).addRoutes(to: router)
    if services.configuration.debugRoutes {
        DebugController().addRoutes(to: router)
    }
    return router
}

/// The admin listener's router: `/metrics`, and the admin API under `/v1`.
func buildAdminRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    addCommonMiddleware(to: router)
    HealthController(database: services.database, migrator: services.migrator).addRoutes(to: router)
    MetricsController(allowed: services.configuration.metricsAllow).addRoutes(to: router)
    return router
}

private func addCommonMiddleware(to router: Router<AppRequestContext>) {
    _ = MetricsRegistry.shared
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware())
}

/// One listener as a Hummingbird application; `onBound` receives the address it bound (useful
/// with port 0).
func buildApplication(
    name: String, router: Router<AppRequestContext>, listen: ListenAddress, logger: Logger,
    onBound: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: router,
        configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "mcplatformd"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? listen.port
            let bound = ListenAddress(host: listen.host, port: port)
            logger.info("listening", metadata: ["listener": .string(name), "address": .string(bound.description)])
            await onBound(bound)
        },
        logger: logger
    )
}
