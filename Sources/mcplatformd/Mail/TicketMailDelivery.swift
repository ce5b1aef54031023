import Foundation
import Logging
import Shared
import SQLKit

/// Delivers one queued ticket email (job `ticket.email`): renders it from the ticket as it is
/// now, waits when a rate limit says so (the job is postponed, not failed), sends it over SMTP,
/// and records the outcome on its `ticket_emails` row. A failed attempt is retried by the queue
/// with backoff; after the last one the email is `failed`, with the reason, and webhooks get
/// `ticket.email_failed`.
struct TicketMailDelivery: Sendable {
    static let maxAttempts = 10
    static let hour: EpochMillis = 3_600_000

    let database: Database
    let transport: SMTPTransport
    let settings: MailSettings
    let links: TicketLinks
    let publisher: WebhookPublisher
    /// The public listener's base URL (links to a server whose slug is gone use it).
    let publicURL: SharedValue<String>
    let baseDomain: String
    let logger: Logger

    var handler: JobHandler {
        { job in try await deliver(job) }
    }

    /// One email as its row and ticket describe it.
    struct Queued: Sendable {
        let id: String
        let organizationID: String
        let ticketID: String
        let kind: TicketEmailKind
        let recipient: String
        let state: String
        let eventID: String?
        let number: Int64
        let title: String
        let product: String
        let senderName: String?
        let replyTo: String?
        let serverSlug: String?
    }

    private struct Payload: Decodable {
        let email_id: String
    }

    func deliver(_ job: Job) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        guard let email = try await database.withConnection({ try await load(payload.email_id, on: $0) }), email.state == "queued" else {
            return
        }
        if try await database.withConnection({ try await OrganizationMailStore().isUnsubscribed(email.recipient, organizationID: email.organizationID, on: $0) }) {
            try await mark(email.id, state: "skipped", error: "the address unsubscribed before it was sent")
            return
        }
        try await waitForEarlier(email)
        try await checkLimits(email)
        let message = try await render(email)
        do {
            try await transport.send(from: settings.from, to: [email.recipient], message: message)
        } catch {
            try await failed(email, job: job, error: error)
            throw error
        }
        try await mark(email.id, state: "sent", error: nil, sent: true)
        logger.info("ticket email sent", metadata: ["email_id": "\(email.id)", "kind": "\(email.kind.rawValue)"])
    }

    private func load(_ id: String, on db: any SQLDatabase) async throws -> Queued? {
        guard let row = try await db.raw("""
            SELECT e.id, e.organization_id, e.ticket_id, e.kind, e.recipient, e.state, e.event_id, t.number, t.title,
                   o.name AS organization_name, o.mail_sender_name, o.mail_reply_to, s.slug AS server_slug, s.product_name
            FROM ticket_emails e
            JOIN support_tickets t ON t.id = e.ticket_id
            JOIN organizations o ON o.id = e.organization_id
            LEFT JOIN mcp_servers s ON s.id = t.server_id
            WHERE e.id = \(bind: id)
            """).first() else { return nil }
        let organizationName = try row.decode(column: "organization_name", as: String.self)
        return Queued(id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
                      ticketID: try row.decode(column: "ticket_id", as: String.self),
                      kind: TicketEmailKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reply,
                      recipient: try row.decode(column: "recipient", as: String.self), state: try row.decode(column: "state", as: String.self),
                      eventID: try row.decode(column: "event_id", as: String?.self), number: try row.decode(column: "number", as: Int64.self),
                      title: try row.decode(column: "title", as: String.self),
                      product: try row.decode(column: "product_name", as: String?.self) ?? organizationName,
                      senderName: try row.decode(column: "mail_sender_name", as: String?.self),
                      replyTo: try row.decode(column: "mail_reply_to", as: String?.self),
                      serverSlug: try row.decode(column: "server_slug", as: String?.self))
    }

    /// Postpones the job while an earlier email of the same ticket is still queued, so that one
    /// ticket's messages arrive in the order they were written (a reply before the resolved notice).
    private func waitForEarlier(_ email: Queued) async throws {
        let earlier = try await database.withConnection { db in
            try await db.select().column("id").from("ticket_emails").where("ticket_id", .equal, email.ticketID)
                .where("state", .equal, "queued").where("id", .lessThan, email.id).limit(1).first()
        }
        if earlier != nil { throw JobPostponed(until: nowMillis() + 500, reason: "an earlier email of the ticket is queued") }
    }

    /// Postpones the job while the recipient or the organization is at its hourly limit.
    private func checkLimits(_ email: Queued) async throws {
        let since = nowMillis() - Self.hour
        for (column, value, limit) in [("recipient", email.recipient, settings.perRecipientPerHour),
                                       ("organization_id", email.organizationID, settings.perOrganizationPerHour)] {
            let row = try await database.withConnection { db in
                try await db.raw("""
                    SELECT COUNT(*) AS sent, MIN(sent_at) AS oldest FROM ticket_emails
                    WHERE \(ident: column) = \(bind: value) AND state = 'sent' AND sent_at > \(bind: since)
                    """).first()
            }
            let sent = try row?.decode(column: "sent", as: Int.self) ?? 0
            if sent >= limit, let oldest = try row?.decode(column: "oldest", as: EpochMillis?.self) {
                // A stored row: its time is added without trapping, whatever it holds.
                let (until, overflow) = oldest.addingReportingOverflow(Self.hour + 1000)
                throw JobPostponed(until: overflow ? .max : until, reason: "\(limit) emails per hour to this \(column == "recipient" ? "address" : "organization")")
            }
        }
    }

    private func render(_ email: Queued) async throws -> String {
        let reply: String? = if email.kind == .reply, let eventID = email.eventID {
            try await database.withConnection { db in
                try await db.select().column("body").from("ticket_events").where("id", .equal, eventID).first()?
                    .decode(column: "body", as: String?.self)
            }
        } else { nil }
        let origin = email.serverSlug.map { ServerAddressing.origin(of: $0, baseDomain: baseDomain, publicURL: publicURL.value) } ?? publicURL.value
        let unsubscribeURL = origin + TicketLinks.unsubscribePath + links.unsubscribeToken(organizationID: email.organizationID, address: email.recipient)
        let content = TicketMailContent(.init(
            kind: email.kind, number: email.number, title: email.title, product: email.product, reply: reply,
            pageURL: origin + TicketLinks.pagePath + links.pageToken(ticketID: email.ticketID),
            unsubscribeURL: unsubscribeURL,
            hasReplyTo: email.replyTo != nil))
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? baseDomain
        let root = "ticket-\(email.ticketID)@\(domain)"
        let threaded = email.kind != .confirmation
        let message = EmailMessage(
            fromName: email.senderName ?? "\(email.product) support", fromAddress: settings.from, to: email.recipient, replyTo: email.replyTo,
            subject: content.subject, messageID: threaded ? "\(email.id)@\(domain)" : root, inReplyTo: threaded ? root : nil,
            references: threaded ? [root] : [], unsubscribeURL: unsubscribeURL,
            text: content.text, html: content.html, date: Date())
        return try message.rendered()
    }

    /// Records a failed attempt; after the last one the email is `failed` and webhooks hear of it.
    private func failed(_ email: Queued, job: Job, error: any Error) async throws {
        let reason = String("\(error)".prefix(1000))
        guard job.attempts >= job.maxAttempts else {
            try await mark(email.id, state: "queued", error: reason)
            return
        }
        let now = nowMillis()
        try await database.transaction { db in
            try await Self.update(email.id, state: "failed", error: reason, sent: false, now: now, on: db)
            guard let ticket = try await TicketQueries().ticket(id: email.ticketID, organizationID: email.organizationID, on: db) else { return }
            let details: JSONValue = ["id": .string(email.id), "kind": .string(email.kind.rawValue), "recipient": .string(email.recipient),
                                      "attempts": .int(Int64(job.attempts)), "error": .string(reason)]
            try await publisher.publish([.ticket("ticket.email_failed", id: Identifier.make("evt"), ticket: ticket, organizationID: email.organizationID,
                                                 at: now, extra: ["email": details],
                                                 summary: "Email about ticket #\(ticket.number) to \(email.recipient) failed: \(reason)")], on: db)
        }
    }

    private func mark(_ id: String, state: String, error: String?, sent: Bool = false) async throws {
        try await database.withConnection { db in try await Self.update(id, state: state, error: error, sent: sent, now: nowMillis(), on: db) }
    }

    private static func update(_ id: String, state: String, error: String?, sent: Bool, now: EpochMillis, on db: any SQLDatabase) async throws {
        let update = db.update("ticket_emails").set("state", to: state).set("last_error", to: error).set("updated_at", to: now)
            .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
        if sent { update.set("sent_at", to: now) }
        try await update.where("id", .equal, id).run()
    }
}

extension TicketMailDelivery {
    /// The delivery of `services`' daemon, when it has an SMTP server.
    init?(_ services: AppServices, logger: Logger) {
        guard let transport = services.configuration.mail.transport else { return nil }
        self.init(database: services.database, transport: transport, settings: services.configuration.mail, links: services.ticketLinks,
                  publisher: services.webhooks, publicURL: services.publicURL, baseDomain: services.configuration.baseDomain, logger: logger)
    }
}
