import Synchronization

/// Asked before one MCP request creates an end user or a session, so that what an anonymous
/// caller can make the database hold is bounded (the MCP endpoint's session abuse limits).
protocol NewSessionAdmission: Sendable {
    /// Throws when `address` may not start another session on `serverID` now.
    func admitNewSession(serverID: String, address: String) async throws
}

/// Lets everything in (tests and tools that create sessions outside an MCP request).
struct AdmitEverySession: NewSessionAdmission {
    func admitNewSession(serverID: String, address: String) async throws {}
}

/// One request's admission: asked at most once however many rows the request creates (a new
/// visitor and its first session count as one new session).
final class CreationGate: Sendable {
    private let admission: any NewSessionAdmission
    private let serverID: String
    private let address: String
    private let asked = Mutex(false)

    init(_ admission: any NewSessionAdmission, serverID: String, address: String) {
        self.admission = admission
        self.serverID = serverID
        self.address = address
    }

    /// Called right before a row is created; throws when the limit refuses it.
    func admit() async throws {
        let first = asked.withLock { asked in
            defer { asked = true }
            return !asked
        }
        guard first else { return }
        try await admission.admitNewSession(serverID: serverID, address: address)
    }
}
