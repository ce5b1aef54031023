import Foundation
import Hummingbird
import PostgresNIO

/// `/healthz` (the process answers) and `/readyz` (the database answers and its schema is
/// current) on the public listener.
struct HealthController {
    let database: Database
    let migrator: Migrator

    /// The body of both endpoints.
    struct Status: ResponseCodable {
        let status: String
        var reason: String? = nil
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz") { _, context in try await readiness(context: context) }
    }

    private func readiness(context: AppRequestContext) async throws -> Response {
        let status: Status
        let code: HTTPResponse.Status
        do {
            if try await migrator.isCurrent() {
                (status, code) = (Status(status: "ready"), .ok)
            } else {
                (status, code) = (Status(status: "unavailable", reason: "database schema is not current (run mcplatformd migrate)"), .serviceUnavailable)
            }
        } catch {
            context.logger.warning("not ready", metadata: ["error": "\(error)"])
            (status, code) = (Status(status: "unavailable", reason: "database unreachable: \(describe(error))"), .serviceUnavailable)
        }
        return try Response.json(status, status: code)
    }

    /// A reason that helps an operator without leaking query text: PostgreSQL errors by their
    /// code and underlying transport error.
    private func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
    }
}
