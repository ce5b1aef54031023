import Hummingbird

/// Routes for development and tests only, served when `debug-routes` is on: `/debug/sleep?ms=N`
/// answers after N milliseconds (at most 30 s), to observe in-flight requests during shutdown.
struct DebugController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("debug/sleep") { request, context -> HealthController.Status in
            let milliseconds = min(30_000, max(0, request.uri.queryParameters.get("ms", as: Int.self) ?? 1000))
            context.logger.info("debug sleep started", metadata: ["ms": "\(milliseconds)"])
            try await Task.sleep(for: .milliseconds(milliseconds))
            return HealthController.Status(status: "slept \(milliseconds) ms")
        }
    }
}
