import Logging
import ServiceLifecycle
@testable import mcplatformd

/// Services run under a `ServiceGroup` for a test, stopped gracefully as the daemon stops them.
struct RunningServices {
    let group: ServiceGroup
    let task: Task<Void, any Error>

    init(_ services: [any Service]) {
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, logger: TestDatabase.logger))
        self.group = group
        self.task = Task { try await group.run() }
    }

    /// Triggers graceful shutdown and waits until every service returned.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
