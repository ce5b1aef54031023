import Foundation
import Shared
import SQLKit

/// What is emailed about a ticket.
enum TicketEmailKind: String, Sendable, Codable, CaseIterable {
    /// "We received your request #42": a fixed text, never the end user's own words (the address
    /// is only claimed; the form must not send chosen text to a stranger).
    case confirmation
    /// A public reply by the team.
    case reply
    /// The ticket was resolved.
    case resolved
}

/// Whether an email was queued, and why not when it was not (`tickets comment --public` prints it).
enum MailOutcome: Sendable, Equatable {
    case queued(recipient: String)
    case notSent(reason: String)
}

/// Queues the emails ticket events cause: one `ticket_emails` row and one job each, in the
/// transaction of the event, so an email exists exactly when its event committed.
struct TicketMailer: Sendable {
    /// The job kind that delivers a queued email (`TicketMailDelivery`).
    static let jobKind = "ticket.email"
    static let notConfigured = "this daemon has no smtp-url, so nothing is emailed"

    let enabled: Bool
    let queue: JobQueue

    static let emails = TableLayout("ticket_emails", ["id", "organization_id", "ticket_id", "event_id", "kind", "recipient", "state", "attempts",
                                                      "created_at", "updated_at"])

    /// Queues `kind` about `ticketID` to `recipient`, unless mail is off, the ticket has no
    /// usable address, the address unsubscribed, or (a confirmation) the organization sends none.
    func enqueue(_ kind: TicketEmailKind, ticketID: String, organizationID: String, recipient: String?, eventID: String? = nil,
                 on db: any SQLDatabase) async throws -> MailOutcome {
        guard enabled else { return .notSent(reason: Self.notConfigured) }
        guard let recipient, !recipient.isEmpty else { return .notSent(reason: "the ticket has no email address") }
        guard MailAddress.isSafe(recipient) else { return .notSent(reason: "\(recipient) is not an address mail can be sent to") }
        let settings = try await OrganizationMailStore().settings(organizationID, on: db)
        if kind == .confirmation, !(settings?.ticketConfirmations ?? true) {
            return .notSent(reason: "the organization sends no ticket confirmations")
        }
        if try await OrganizationMailStore().isUnsubscribed(recipient, organizationID: organizationID, on: db) {
            return .notSent(reason: "\(recipient) unsubscribed")
        }
        let rows = queued(kind, ticketID: ticketID, organizationID: organizationID, recipient: recipient, eventID: eventID, now: nowMillis())
        try await db.insertRows(rows.email)
        try await db.insertRows(rows.job)
        queue.wakeup.signal()
        return .queued(recipient: recipient.lowercased())
    }

    /// The address a confirmation of a ticket opened with `email` would go to, when mail is on
    /// and the address can be sent to (the organization's setting and unsubscriptions are the
    /// writer's to check, in its transaction).
    func confirmationRecipient(_ email: String?) -> String? {
        guard enabled, let email, !email.isEmpty, MailAddress.isSafe(email) else { return nil }
        return email.lowercased()
    }

    /// The `ticket_emails` row and the delivery job of one queued email.
    func queued(_ kind: TicketEmailKind, ticketID: String, organizationID: String, recipient: String, eventID: String? = nil,
                now: EpochMillis) -> (email: TableRows, job: TableRows) {
        let id = Identifier.ordered("eml", now: now)
        let email: [ColumnValue] = [.text(id), .text(organizationID), .text(ticketID), ColumnValue(eventID), .text(kind.rawValue),
                                    .text(recipient.lowercased()), .text("queued"), .integer(0), .integer(now), .integer(now)]
        let job = queue.row(kind: Self.jobKind, payload: #"{"email_id":"\#(id)"}"#, organizationID: organizationID,
                            maxAttempts: TicketMailDelivery.maxAttempts, now: now)
        return (TableRows(Self.emails, [email]), TableRows(JobQueue.layout, [job]))
    }
}

/// An organization's mail settings as stored.
struct OrganizationMailSettings: Sendable, Equatable {
    var senderName: String?
    var replyTo: String?
    var ticketConfirmations: Bool
}

/// The organization's mail settings and unsubscribed addresses.
struct OrganizationMailStore: Sendable {
    func settings(_ organizationID: String, on db: any SQLDatabase) async throws -> OrganizationMailSettings? {
        guard let row = try await db.select().columns("mail_sender_name", "mail_reply_to", "ticket_confirmations").from("organizations")
            .where("id", .equal, organizationID).first() else { return nil }
        return OrganizationMailSettings(senderName: try row.decode(column: "mail_sender_name", as: String?.self),
                                        replyTo: try row.decode(column: "mail_reply_to", as: String?.self),
                                        ticketConfirmations: try row.decode(column: "ticket_confirmations", as: Bool.self))
    }

    func update(_ organizationID: String, _ settings: OrganizationMailSettings, on db: any SQLDatabase) async throws {
        try await db.update("organizations").set("mail_sender_name", to: settings.senderName).set("mail_reply_to", to: settings.replyTo)
            .set("ticket_confirmations", to: settings.ticketConfirmations).where("id", .equal, organizationID).run()
    }

    func isUnsubscribed(_ address: String, organizationID: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("address").from("mail_unsubscribes").where("organization_id", .equal, organizationID)
            .where("address", .equal, address.lowercased()).first() != nil
    }

    /// Records that `address` wants no more mail from the organization; true when it is new.
    @discardableResult
    func unsubscribe(_ address: String, organizationID: String, on db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.raw("""
            INSERT INTO mail_unsubscribes (organization_id, address, created_at)
            VALUES (\(bind: organizationID), \(bind: address.lowercased()), \(bind: nowMillis()))
            ON CONFLICT (organization_id, address) DO NOTHING
            RETURNING address
            """).all()
        return !rows.isEmpty
    }
}

extension APIMailOutcome {
    init(_ outcome: MailOutcome) {
        switch outcome {
        case .queued(let recipient): self.init(state: .queued, recipient: recipient)
        case .notSent(let reason): self.init(state: .notSent, reason: reason)
        }
    }
}
