import BuildInfo
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Shared

/// The daemon's process model: prepare storage, then run both listeners, the job worker and
/// the housekeeping scheduler under one `ServiceGroup` until SIGTERM/SIGINT, then close the
/// database.
struct Daemon {
    let configuration: DaemonConfiguration
    let logger: Logger
    var worker = JobWorker.Settings()
    /// Called with each listener's bound address ("public" / "admin").
    var onBound: @Sendable (String, ListenAddress) async -> Void = { _, _ in }

    /// Opens (creating when needed) the data directory, key ring and database, and migrates.
    /// Nothing is created when a setting cannot work.
    static func openStorage(_ configuration: DaemonConfiguration, logger: Logger) async throws(StartupError) -> (Database, KeyRing) {
        try DataDirectory.prepare(configuration.dataDir)
        let keyRing: KeyRing
        do {
            keyRing = try KeyRing.openOrCreate(at: configuration.keysDir)
        } catch {
            throw .configuration(.keysDir, error.description)
        }
        let database: Database
        do {
            database = try await Database.open(configuration.databaseURL, logger: logger, synchronous: configuration.sqliteSynchronous)
            try await Migrator(database: database, logger: logger).migrate()
        } catch {
            throw StartupError(message: "cannot prepare the database \(configuration.databaseURL.redacted): \(error)", exitCode: 1)
        }
        return (database, keyRing)
    }

    /// The services of one daemon over open storage.
    func services(database: Database, keyRing: KeyRing) throws(StartupError) -> (AppServices, [any Service]) {
        let queue = JobQueue(database: database)
        let migrator = Migrator(database: database, logger: logger)
        let app = try AppServices(configuration: configuration, database: database, migrator: migrator, keyRing: keyRing, jobs: queue)
        let handlers = Self.jobHandlers(app, logger: logger)
        let onBound = self.onBound
        let configuration = self.configuration
        let adminRouter: Router<AppRequestContext>
        do {
            adminRouter = try buildAdminRouter(app)
        } catch {
            throw StartupError(message: "the admin API could not be mounted: \(error)", exitCode: 1)
        }
        let services: [any Service] = [
            JobWorker(queue: queue, handlers: handlers, settings: worker, logger: logger),
            PeriodicJobScheduler(queue: queue, entries: [.init(kind: ExpirySweep.kind, every: .seconds(300)),
                                                         .init(kind: AnalyticsRollup.kind, every: .seconds(60)),
                                                         .init(kind: RetentionPurge.kind, every: .seconds(3600))], logger: logger),
            buildApplication(name: "admin", router: adminRouter, listen: configuration.adminListen, logger: logger,
                             listener: .admin(configuration)) {
                await onBound("admin", $0)
            },
            buildApplication(name: "public", router: buildPublicRouter(app), listen: configuration.publicListen, logger: logger,
                             listener: .publicListener(configuration)) { bound in
                app.publicURL.update { $0 = configuration.effectivePublicURL(boundPort: bound.port) }
                await onBound("public", bound)
            },
        ]
        return (app, services)
    }

    /// The handler of every job kind, each with its retry policy.
    static func jobHandlers(_ app: AppServices, logger: Logger) -> JobHandlers {
        let database = app.database, configuration = app.configuration
        var handlers = JobHandlers()
        handlers.register(ExpirySweep.kind, ExpirySweep(database: database, logger: logger).handler)
        handlers.register(SecretResealer.kind, SecretResealer(database: database, box: app.secretBox, logger: logger).handler)
        handlers.register(AnalyticsRollup.kind, AnalyticsRollup(database: database, logger: logger).handler)
        handlers.register(RetentionPurge.kind, RetentionPurge(database: database, toolCallDays: configuration.toolCallRetentionDays,
                                                              sessionDays: configuration.sessionRetentionDays, logger: logger).handler)
        handlers.register(DocumentIndexer.kind, DocumentIndexer(database: database, logger: logger).handler)
        handlers.register(WebhookDeliverer.kind, retry: RetryPolicy(baseDelay: configuration.webhookRetryDelay, maxAttempts: WebhookDeliverer.maxAttempts),
                          WebhookDeliverer(database: database, box: app.secretBox, policy: app.outbound, logger: logger).handler)
        if let delivery = TicketMailDelivery(app, logger: logger) {
            handlers.register(TicketMailer.jobKind, retry: RetryPolicy(baseDelay: configuration.mail.retryDelay, maxAttempts: TicketMailDelivery.maxAttempts),
                              delivery.handler)
        }
        if let transport = configuration.mail.transport {
            handlers.register(StaffMailer.jobKind, retry: RetryPolicy(baseDelay: configuration.mail.retryDelay, maxAttempts: TicketMailDelivery.maxAttempts),
                              StaffMailDelivery(transport: transport, settings: configuration.mail, box: app.secretBox).handler)
        }
        return handlers
    }

    /// Runs until a shutdown signal; in-flight requests and jobs finish first.
    func run() async throws(StartupError) {
        installCrashReport()
        let descriptors = FileDescriptorLimit.raise()
        if descriptors < 2 * configuration.listener.maxConnections + 256 {
            logger.warning("the open-file limit is below what the connection caps allow; raise LimitNOFILE (systemd) or ulimit -n",
                           metadata: ["open_files": "\(descriptors)", "max_connections": "\(configuration.listener.maxConnections)"])
        }
        try await PortProbe.check(configuration.publicListen, setting: .publicListen)
        try await PortProbe.check(configuration.adminListen, setting: .adminListen)
        let (database, keyRing) = try await Self.openStorage(configuration, logger: logger)
        let services: [any Service]
        do {
            (_, services) = try self.services(database: database, keyRing: keyRing)
        } catch {
            await database.close()
            throw error
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("starting", metadata: [
            "version": .string(MCPlatformVersion.current),
            "commit": .string(BuildInfo.commit),
            "database": .string(configuration.databaseURL.redacted),
            "data_dir": .string(configuration.dataDir.path),
        ])
        do {
            try await group.run()
        } catch {
            await database.close()
            throw StartupError(message: "cannot serve: \(error)", exitCode: error is IOError ? 2 : 1)
        }
        await database.close()
        logger.info("stopped")
    }
}
