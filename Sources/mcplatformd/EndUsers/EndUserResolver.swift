import Foundation
import Logging

/// Who is calling and in which session, resolved on every MCP request within the server's
/// organization (docs/MCP.md "End users and sessions").
struct MCPIdentity: Sendable, Equatable {
    let endUserID: String
    let sessionID: String
    /// Whether the end user is only the stateless era's anonymous visitor: a key shared behind
    /// NAT that changes daily, so nothing private (their tickets) is shown to it.
    var anonymousVisitor = false
}

/// Resolves end users and sessions, creating them on first sight, and records last-seen times.
///
/// Lookups that rarely change are cached briefly (tracking ids and visitor keys for a minute,
/// legacy sessions for two seconds) so that the hot path does not read the database on every
/// call, while any replica still sees a session another replica ended within moments. Last-seen
/// times are written at most once a minute per session: their resolution is a minute.
final class EndUserResolver: Sendable {
    let database: Database
    let visitorKey: VisitorKey
    /// Asked before a request creates an end user or a session.
    let admission: any NewSessionAdmission
    let endUsers = EndUserStore()
    let sessions = SessionStore()
    /// How long a stateless-era session lasts without a request.
    static let modernSessionIdle: EpochMillis = 30 * 60 * 1000

    private let trackingCache = ExpiringCache<String, String>(lifetime: .seconds(60))
    private let visitorCache = ExpiringCache<String, String>(lifetime: .seconds(60))
    private let modernSessionCache = ExpiringCache<String, String>(lifetime: .seconds(60))
    private let legacySessionCache = ExpiringCache<String, LegacySession>(lifetime: .seconds(2))
    private let emailCache = ExpiringCache<String, String>(lifetime: .seconds(60))
    private let recentlyTouched = ExpiringCache<Touch, Bool>(lifetime: .seconds(60))
    private let logger = Logger(label: "mcplatformd.endusers")

    /// Drops every cached lookup (after an end user is erased, nothing may still lead to them).
    func forgetAll() {
        trackingCache.removeAll()
        visitorCache.removeAll()
        modernSessionCache.removeAll()
        legacySessionCache.removeAll()
        emailCache.removeAll()
        recentlyTouched.removeAll()
    }

    init(database: Database, visitorKey: VisitorKey, admission: any NewSessionAdmission = AdmitEverySession()) {
        self.database = database
        self.visitorKey = visitorKey
        self.admission = admission
    }

    /// Starts a legacy session on `initialize`: its end user is the signed-in one, else the
    /// tracking id's, else a new anonymous one (one per session).
    func startLegacySession(server: HostedServer, trackingID: String?, protocolVersion: String, client: ClientInfo,
                            remoteAddress: String, endUserID signedIn: String? = nil) async throws -> LegacySession {
        try await admission.admitNewSession(serverID: server.id, address: remoteAddress)
        let now = nowMillis()
        let known: String?
        if let signedIn {
            if let trackingID { try await attach(trackingID: trackingID, to: signedIn, server: server, now: now) }
            known = signedIn
        } else {
            known = try await trackingID.asyncMap { try await self.endUser(trackingID: $0, server: server, now: now) }
        }
        let session = try await database.transaction { db in
            let endUserID: String
            if let known { endUserID = known } else { endUserID = try await self.endUsers.createAnonymous(organizationID: server.organizationID, now: now, on: db) }
            return try await self.sessions.createLegacy(organizationID: server.organizationID, serverID: server.id, endUserID: endUserID,
                                                       protocolVersion: protocolVersion, client: client, now: now, on: db)
        }
        legacySessionCache.set(session, for: session.id)
        recentlyTouched.set(true, for: Touch(sessionID: session.id, endUserID: session.endUserID))
        return session
    }

    /// The legacy session named by an `Mcp-Session-Id` on `server` (ended ones included).
    func legacySession(_ id: String, server: HostedServer) async throws -> LegacySession? {
        guard id.count <= 64 else { return nil }
        let session = try await legacySessionCache.value(for: id) {
            try await self.database.withConnection { try await self.sessions.findLegacy(id, serverID: server.id, on: $0) }
        }
        return session?.serverID == server.id ? session : nil
    }

    /// Ends a legacy session (DELETE); returns whether it was open.
    func endLegacySession(_ id: String, server: HostedServer) async throws -> Bool {
        let ended = try await database.transaction { try await self.sessions.end(id, serverID: server.id, now: nowMillis(), on: $0) }
        legacySessionCache.remove(id)
        return ended
    }

    /// The identity of a request in a legacy session: the signed-in end user (whose session it
    /// is), else the tracking id's end user when the URL carries one, else the session's.
    func resolveLegacy(session: LegacySession, server: HostedServer, trackingID: String?, remoteAddress: String,
                       authenticatedUser: String? = nil) async throws -> MCPIdentity {
        let now = nowMillis()
        let endUserID: String
        if let authenticatedUser {
            endUserID = authenticatedUser
        } else if let trackingID {
            let gate = CreationGate(admission, serverID: server.id, address: remoteAddress)
            endUserID = try await endUser(trackingID: trackingID, server: server, now: now, gate: gate)
        } else {
            endUserID = session.endUserID
        }
        await touch(sessionID: session.id, endUserID: endUserID, now: now)
        return MCPIdentity(endUserID: endUserID, sessionID: session.id)
    }

    /// The identity of a stateless request: the signed-in end user, else the tracking id's end
    /// user, else the anonymous visitor; the session is derived from (server, end user, client)
    /// with a 30-minute idle timeout.
    func resolveModern(server: HostedServer, trackingID: String?, client: ClientInfo, remoteAddress: String, userAgent: String,
                       protocolVersion: String, authenticatedUser: String? = nil) async throws -> MCPIdentity {
        let now = nowMillis()
        let gate = CreationGate(admission, serverID: server.id, address: remoteAddress)
        let endUserID: String
        var anonymousVisitor = false
        if let authenticatedUser {
            if let trackingID { try await attach(trackingID: trackingID, to: authenticatedUser, server: server, now: now) }
            endUserID = authenticatedUser
        } else if let trackingID {
            endUserID = try await endUser(trackingID: trackingID, server: server, now: now, gate: gate)
        } else {
            anonymousVisitor = true
            // Cached by the traits themselves (in memory only), so the keyed hash runs once per
            // visitor and day rather than on every call; joined at once (`+` allocates per step).
            let traits = [String(now / 86_400_000), server.id, client.name ?? "", client.version ?? "", remoteAddress, userAgent]
                .joined(separator: "\u{1F}")
            endUserID = try await visitorCache.value(for: traits) {
                let key = self.visitorKey.key(serverID: server.id, client: client, remoteAddress: remoteAddress, userAgent: userAgent, now: now)
                return try await self.database.transaction {
                    try await self.endUsers.findOrCreate(visitorKey: key, organizationID: server.organizationID, now: now, gate: gate, on: $0)
                }
            } ?? ""
        }
        let sessionKey = [server.id, endUserID, client.name ?? "", client.version ?? ""].joined(separator: "|")
        let sessionID = try await modernSessionCache.value(for: sessionKey) {
            try await self.database.transaction {
                try await self.sessions.findOrCreateModern(key: sessionKey, idle: Self.modernSessionIdle, organizationID: server.organizationID,
                                                           serverID: server.id, endUserID: endUserID, protocolVersion: protocolVersion,
                                                           client: client, now: now, gate: gate, on: $0)
            }
        } ?? ""
        await touch(sessionID: sessionID, endUserID: endUserID, now: now)
        return MCPIdentity(endUserID: endUserID, sessionID: sessionID, anonymousVisitor: anonymousVisitor)
    }

    /// The end user's email, claimed or verified, if one is known.
    func knownEmail(of endUserID: String) async throws -> String? {
        try await emailCache.value(for: endUserID) {
            try await self.database.withConnection { try await self.endUsers.email(of: endUserID, on: $0) }
        }
    }

    /// Notes an email just stored for the end user.
    func remember(email: String, of endUserID: String) {
        emailCache.set(email, for: endUserID)
    }

    private func endUser(trackingID: String, server: HostedServer, now: EpochMillis, gate: CreationGate? = nil) async throws -> String {
        try await trackingCache.value(for: server.organizationID + "|" + trackingID) {
            try await self.database.transaction {
                try await self.endUsers.findOrCreate(trackingID: trackingID, organizationID: server.organizationID, now: now, gate: gate, on: $0)
            }
        } ?? ""
    }

    /// Gives a signed-in end user the tracking id of the URL they connected with, unless another
    /// end user holds it already (a tracking id never moves: records merge only on verified identity).
    private func attach(trackingID: String, to endUserID: String, server: HostedServer, now: EpochMillis) async throws {
        let key = server.organizationID + "|" + trackingID
        guard trackingCache.value(for: key) == nil else { return }
        let owner = try await database.transaction { db in
            try await self.endUsers.attach(trackingID: trackingID, to: endUserID, organizationID: server.organizationID, now: now, on: db)
        }
        trackingCache.set(owner, for: key)
    }

    /// Writes last-seen times at most once a minute per session; a failure here is logged, not
    /// fatal to the request.
    private func touch(sessionID: String, endUserID: String, now: EpochMillis) async {
        let key = Touch(sessionID: sessionID, endUserID: endUserID)
        guard recentlyTouched.value(for: key) == nil else { return }
        recentlyTouched.set(true, for: key)
        do {
            try await database.transaction { db in
                try await self.sessions.touch(sessionID, now: now, on: db)
                try await self.endUsers.touch(endUserID, now: now, on: db)
            }
        } catch {
            logger.warning("cannot record last-seen time", metadata: ["session": .string(sessionID), "error": "\(error)"])
        }
    }
}

/// A session and its end user whose last-seen times were written lately.
private struct Touch: Hashable, Sendable {
    let sessionID: String
    let endUserID: String
}
