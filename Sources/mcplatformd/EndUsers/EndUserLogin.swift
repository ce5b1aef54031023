import SQLKit

/// The end user a sign-in belongs to, and whether it made their email known.
struct LoginOutcome: Sendable, Equatable {
    let endUserID: String
    /// Set when the end user had no email before this sign-in (they were just identified).
    let identifiedEmail: String?
    let emailVerified: Bool
}

/// Finds or creates the end user who signed in, within one organization (docs/OAUTH.md "Rules"):
/// first by the upstream identity (issuer and subject), then by an email the provider marks
/// verified. That verified email is the only thing that merges two end-user records; an email
/// typed into the `collect_email` page is a claimed email and merges nothing.
struct EndUserLogin: Sendable {
    /// The issuer recorded for identities from the `collect_email` page (the claimed email is the subject).
    static let collectEmailIssuer = "urn:mcplatform:collect_email"

    private let merge = EndUserMerge()

    func endUser(for identity: UpstreamIdentity, organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws -> LoginOutcome {
        let byIdentity = try await db.select().column("end_user_id").from("end_user_identities")
            .where("organization_id", .equal, organizationID).where("issuer", .equal, identity.issuer).where("subject", .equal, identity.subject)
            .first()?.decode(column: "end_user_id", as: String.self)
        var byEmail: String?
        if identity.emailVerified, let email = identity.email {
            byEmail = try await db.select().column("id").from("end_users")
                .where("organization_id", .equal, organizationID).where(SQLFunction("LOWER", args: SQLIdentifier("email")), .equal, SQLBind(email.lowercased()))
                .where("email_verified", .equal, true).orderBy("first_seen_at").limit(1)
                .first()?.decode(column: "id", as: String.self)
        }
        var endUserID: String
        switch (byIdentity, byEmail) {
        case let (identified?, verified?) where identified != verified:
            try await merge.merge(identified, into: verified, organizationID: organizationID, on: db)
            endUserID = verified
        case let (identified?, _):
            endUserID = identified
        case let (nil, verified?):
            endUserID = verified
        case (nil, nil):
            endUserID = try await EndUserStore().createAnonymous(organizationID: organizationID, now: now, on: db)
        }
        if byIdentity == nil {
            // A concurrent first sign-in of the same identity may have won the insert: its end user is the one.
            try await db.raw("""
                INSERT INTO end_user_identities (organization_id, issuer, subject, end_user_id, email, email_verified, created_at, last_login_at)
                VALUES (\(bind: organizationID), \(bind: identity.issuer), \(bind: identity.subject), \(bind: endUserID), \(bind: identity.email),
                        \(bind: identity.emailVerified), \(bind: now), \(bind: now))
                ON CONFLICT (organization_id, issuer, subject) DO NOTHING
                """).run()
            let owner = try await db.select().column("end_user_id").from("end_user_identities")
                .where("organization_id", .equal, organizationID).where("issuer", .equal, identity.issuer).where("subject", .equal, identity.subject)
                .first()?.decode(column: "end_user_id", as: String.self) ?? endUserID
            if owner != endUserID, byEmail == nil {
                try await db.delete(from: "end_users").where("id", .equal, endUserID).run()
            }
            endUserID = owner
        }
        try await db.update("end_user_identities").set("end_user_id", to: endUserID).set("email", to: identity.email)
            .set("email_verified", to: identity.emailVerified).set("last_login_at", to: now)
            .where("organization_id", .equal, organizationID).where("issuer", .equal, identity.issuer).where("subject", .equal, identity.subject)
            .run()
        let hadEmail = try await EndUserStore().email(of: endUserID, on: db) != nil
        try await record(identity, on: endUserID, organizationID: organizationID, now: now, on: db)
        let identified = !hadEmail && identity.email != nil
        return LoginOutcome(endUserID: endUserID, identifiedEmail: identified ? identity.email : nil, emailVerified: identity.emailVerified)
    }

    /// Writes what the sign-in says onto the end user: a verified email replaces any other; an
    /// unverified one is stored only where there is none; the upstream subject is shown on the
    /// record (when no other record of the organization shows the same subject string).
    private func record(_ identity: UpstreamIdentity, on endUserID: String, organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        if let email = identity.email {
            if identity.emailVerified {
                try await db.update("end_users").set("email", to: email).set("email_verified", to: true).where("id", .equal, endUserID).run()
            } else {
                try await EndUserStore().claim(email: email, endUserID: endUserID, on: db)
            }
        }
        if let name = identity.name {
            try await db.update("end_users").set("name", to: name).where("id", .equal, endUserID).where("name", .is, SQLLiteral.null).run()
        }
        guard identity.issuer != Self.collectEmailIssuer else { return }
        try await db.raw("""
            UPDATE end_users SET upstream_subject = \(bind: identity.subject), upstream_issuer = \(bind: identity.issuer), last_seen_at = \(bind: now)
            WHERE id = \(bind: endUserID) AND upstream_subject IS NULL
              AND NOT EXISTS (SELECT 1 FROM end_users other WHERE other.organization_id = \(bind: organizationID)
                              AND other.upstream_subject = \(bind: identity.subject) AND other.id <> \(bind: endUserID))
            """).run()
    }
}
