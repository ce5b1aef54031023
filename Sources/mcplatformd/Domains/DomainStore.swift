import Foundation
import SQLKit

/// One server's claim on a custom domain, as stored.
struct DomainClaim: Sendable {
    let id: String
    let organizationID: String
    let serverID: String
    let domain: String
    /// The random token the TXT record must carry (not a secret: it is published in DNS).
    let challenge: String
    /// `pending`, `verified` or `dropped`.
    let status: String
    let note: String?
    let createdAt: EpochMillis
    let checkedAt: EpochMillis?
    let verifiedAt: EpochMillis?
}

/// The `server_domains` table: claims, verification, and the lookup the public listener routes by.
struct DomainStore: Sendable {
    static let columns = ["id", "organization_id", "server_id", "domain", "challenge", "status", "note", "created_at", "checked_at", "verified_at"]

    func list(serverID: String, organizationID: String, on db: any SQLDatabase) async throws -> [DomainClaim] {
        try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("server_domains")
            .where("server_id", .equal, serverID).where("organization_id", .equal, organizationID)
            .orderBy("domain").all().map(Self.claim)
    }

    func find(domain: String, serverID: String, organizationID: String, on db: any SQLDatabase) async throws -> DomainClaim? {
        try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("server_domains")
            .where("server_id", .equal, serverID).where("organization_id", .equal, organizationID).where("domain", .equal, domain)
            .first().map(Self.claim)
    }

    /// Whether a server other than `serverID` holds `domain` verified.
    func verifiedElsewhere(_ domain: String, serverID: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("server_domains").where("domain", .equal, domain)
            .where("status", .equal, "verified").where("server_id", .notEqual, serverID).first() != nil
    }

    /// A new pending claim with a fresh challenge token.
    func claim(domain: String, serverID: String, organizationID: String, on db: any SQLDatabase) async throws -> DomainClaim {
        let claim = DomainClaim(id: Identifier.make("dom"), organizationID: organizationID, serverID: serverID, domain: domain,
                                challenge: Self.newChallenge(),
                                status: "pending", note: nil, createdAt: nowMillis(), checkedAt: nil, verifiedAt: nil)
        try await db.raw("""
            INSERT INTO server_domains (id, organization_id, server_id, domain, challenge, status, created_at)
            VALUES (\(bind: claim.id), \(bind: organizationID), \(bind: serverID), \(bind: domain), \(bind: claim.challenge), 'pending', \(bind: claim.createdAt))
            """).run()
        return claim
    }

    /// Records what a check found without changing the claim's status.
    func recordCheck(id: String, note: String, on db: any SQLDatabase) async throws {
        try await db.update("server_domains").set("checked_at", to: nowMillis()).set("note", to: note).where("id", .equal, id).run()
    }

    /// Marks the claim verified and drops every other server's pending claim on the domain,
    /// with a note saying why (the first to verify wins).
    func markVerified(id: String, domain: String, on db: any SQLDatabase) async throws {
        let now = nowMillis()
        try await db.raw("""
            UPDATE server_domains SET status = 'verified', verified_at = \(bind: now), checked_at = \(bind: now), note = NULL
            WHERE id = \(bind: id)
            """).run()
        let day = ISO8601DateFormatter.string(from: Date(epochMillis: now), timeZone: .gmt, formatOptions: [.withFullDate])
        try await db.raw("""
            UPDATE server_domains SET status = 'dropped', checked_at = \(bind: now),
                note = \(bind: "dropped: another server verified \(domain) first (\(day))")
            WHERE domain = \(bind: domain) AND id <> \(bind: id) AND status = 'pending'
            """).run()
    }

    func delete(id: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "server_domains").where("id", .equal, id).run()
    }

    /// The slug of the server that holds `domain` verified, if any.
    func verifiedSlug(domain: String, on db: any SQLDatabase) async throws -> String? {
        try await db.raw("""
            SELECT s.slug FROM server_domains d JOIN mcp_servers s ON s.id = d.server_id
            WHERE d.domain = \(bind: domain) AND d.status = 'verified'
            """).first()?.decode(column: "slug", as: String.self)
    }

    /// The verified domains of a server, sorted.
    func verifiedDomains(serverID: String, on db: any SQLDatabase) async throws -> [String] {
        try await db.select().column("domain").from("server_domains").where("server_id", .equal, serverID)
            .where("status", .equal, "verified").orderBy("domain").all().map { try $0.decode(column: "domain", as: String.self) }
    }

    /// Whether `domain` is verified for any server (the TLS `ask` endpoint).
    func isVerified(_ domain: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("server_domains").where("domain", .equal, domain).where("status", .equal, "verified").first() != nil
    }

    /// 128 random bits in hex: DNS-safe in a TXT record.
    static func newChallenge() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }.joined()
    }

    static func claim(_ row: any SQLRow) throws -> DomainClaim {
        DomainClaim(id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
                    serverID: try row.decode(column: "server_id", as: String.self), domain: try row.decode(column: "domain", as: String.self),
                    challenge: try row.decode(column: "challenge", as: String.self), status: try row.decode(column: "status", as: String.self),
                    note: try row.decode(column: "note", as: String?.self), createdAt: try row.decode(column: "created_at", as: EpochMillis.self),
                    checkedAt: try row.decode(column: "checked_at", as: EpochMillis?.self),
                    verifiedAt: try row.decode(column: "verified_at", as: EpochMillis?.self))
    }
}
