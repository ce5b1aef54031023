import Foundation
import Shared
import SQLKit

/// Changes to tickets by support staff: status moves, priority, assignee, title and
/// description edits, and comments. Each change is an event with its actor and old/new value,
/// written with the change in one transaction, with the webhook deliveries it causes.
struct TicketWorkflow: Sendable {
    let database: Database
    let publisher: WebhookPublisher
    /// Woken after each committed change, for `tickets watch` long polls on this replica.
    let feed: Broadcast
    /// Queues the emails a public reply or a resolution causes, in the change's transaction.
    let mailer: TicketMailer
    let store = TicketStore()
    let queries = TicketQueries()

    static let maxTitle = 200
    static let maxDescription = 20_000
    static let maxComment = 50_000

    /// Applies `change` to the ticket named by `reference`; fields equal to the current ones
    /// change nothing. Returns the ticket with its history.
    func update(_ reference: String, organizationID: String, change: APITicketUpdate, actor: TicketActor) async throws -> APITicket {
        let wanted = try Wanted(change)
        let ticketID = try await database.transaction { db -> String in
            var ticket = try await lockedTicket(reference, organizationID: organizationID, on: db)
            let now = nowMillis()
            var events: [TicketEventDraft] = []
            let event = { (kind: TicketEventKind, old: String?, new: String?) in
                events.append(TicketEventDraft(organizationID: organizationID, ticketID: ticket.id, seq: 0, kind: kind, actor: actor,
                                               oldValue: old, newValue: new))
            }
            let update = db.update("support_tickets")
            if let status = wanted.status, status.rawValue != ticket.status {
                let current = TicketStatus(rawValue: ticket.status) ?? .open
                guard current.canMove(to: status) else {
                    throw TicketError.cannotMove(number: ticket.number, from: current.rawValue, to: status.rawValue)
                }
                event(.statusChanged, ticket.status, status.rawValue)
                update.set("status", to: status.rawValue)
                if status.isFinished && ticket.resolvedAt == nil { update.set("resolved_at", to: now) }
                ticket.status = status.rawValue
            }
            if let priority = wanted.priority, priority.rawValue != ticket.priority {
                event(.priorityChanged, ticket.priority, priority.rawValue)
                update.set("priority", to: priority.rawValue)
            }
            if let title = wanted.title, title != ticket.title {
                event(.titleChanged, ticket.title, title)
                update.set("title", to: title)
            }
            if let description = wanted.description, description != ticket.description {
                event(.descriptionChanged, ticket.description, description)
                update.set("description", to: description)
            }
            if let assignee = change.assignee {
                let account = try await resolveAssignee(assignee, organizationID: organizationID, actor: actor, on: db)
                if account?.id != ticket.assigneeAccountId {
                    event(.assigned, ticket.assigneeEmail, account?.email)
                    update.set("assignee_account_id", to: account?.id)
                }
            }
            guard !events.isEmpty else { return ticket.id }
            try await update.set("updated_at", to: now).where("id", .equal, ticket.id).run()
            try await append(&events, organizationID: organizationID, now: now, on: db)
            if wanted.status == .resolved, events.contains(where: { $0.kind == .statusChanged }) {
                _ = try await mailer.enqueue(.resolved, ticketID: ticket.id, organizationID: organizationID, recipient: ticket.email, on: db)
            }
            guard let updated = try await queries.ticket(id: ticket.id, organizationID: organizationID, on: db) else { return ticket.id }
            let changes: JSONValue = .array(events.map { ["field": .string(Self.field(of: $0.kind)), "old": $0.oldValue.map(JSONValue.string) ?? .null,
                                                         "new": $0.newValue.map(JSONValue.string) ?? .null] })
            let summary = "Ticket #\(updated.number) updated: " + events.map { "\(Self.field(of: $0.kind)) → \($0.newValue ?? "none")" }
                .joined(separator: ", ")
            try await publisher.publish([.ticket("ticket.updated", id: events[0].id, ticket: updated, organizationID: organizationID, at: now,
                                                 extra: ["changes": changes], summary: summary)], on: db)
            return ticket.id
        }
        feed.notify()
        guard let ticket = try await database.withConnection({ try await queries.ticket(ticketID, organizationID: organizationID, on: $0) }) else {
            throw TicketError.notFound(reference: reference)
        }
        return ticket
    }

    /// Adds a comment: `internal` (staff only, the default) or `public` (a reply meant for the
    /// end user, kept apart so a later email or tool can deliver it). Returns the event.
    func comment(_ reference: String, organizationID: String, comment: APITicketComment, actor: TicketActor) async throws -> APITicketEvent {
        let body = comment.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw TicketError.invalid(field: "body", rule: "the comment is empty") }
        guard body.count <= Self.maxComment else { throw TicketError.invalid(field: "body", rule: "a comment has at most \(Self.maxComment) characters") }
        let visibility = (comment.visibility ?? ._internal).rawValue
        let event = try await database.transaction { db -> APITicketEvent? in
            let ticket = try await lockedTicket(reference, organizationID: organizationID, on: db)
            let now = nowMillis()
            var events = [TicketEventDraft(organizationID: organizationID, ticketID: ticket.id, seq: 0, kind: .comment, actor: actor,
                                           visibility: visibility, body: body)]
            try await db.update("support_tickets").set("updated_at", to: now).where("id", .equal, ticket.id).run()
            try await append(&events, organizationID: organizationID, now: now, on: db)
            var written = try await queries.events(organizationID: organizationID, ticketID: ticket.id, on: db).last
            try await publisher.publish([try Self.commented(written, id: events[0].id, ticket: ticket, organizationID: organizationID, at: now,
                                                            what: "\(visibility) comment", body: body)], on: db)
            if visibility == "public" {
                let outcome = try await mailer.enqueue(.reply, ticketID: ticket.id, organizationID: organizationID, recipient: ticket.email,
                                                       eventID: events[0].id, on: db)
                written?.email = APIMailOutcome(outcome)
            }
            return written
        }
        feed.notify()
        guard let event else { throw TicketError.notFound(reference: reference) }
        return event
    }

    /// `ticket.commented` for the comment `written`, its summary naming `what` it is.
    static func commented(_ written: APITicketEvent?, id: String, ticket: APITicket, organizationID: String, at now: EpochMillis,
                          what: String, body: String) throws -> WebhookEvent {
        let excerpt = body.count > 300 ? String(body.prefix(300)) + "…" : body
        return .ticket("ticket.commented", id: id, ticket: ticket, organizationID: organizationID, at: now,
                       extra: ["comment": try JSONValue.encoding(written)], summary: "Ticket #\(ticket.number) \(what): \(excerpt)")
    }

    /// The ticket, locked against concurrent changes until the transaction ends (SQLite's single
    /// writer already serializes them).
    func lockedTicket(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APITicket {
        guard let id = try await queries.ticketID(reference, organizationID: organizationID, on: db) else {
            throw TicketError.notFound(reference: reference)
        }
        if database.engine == .postgres {
            try await db.raw("SELECT id FROM support_tickets WHERE id = \(bind: id) FOR UPDATE").run()
        }
        guard let ticket = try await queries.ticket(id: id, organizationID: organizationID, on: db) else {
            throw TicketError.notFound(reference: reference)
        }
        return ticket
    }

    func append(_ events: inout [TicketEventDraft], organizationID: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        let first = try await store.reserveEventSequence(events.count, organizationID: organizationID, on: db)
        events = TicketOpener.numbered(events, from: first)
        try await store.append(events, now: now, on: db)
    }

    /// `none` → nobody; `@me` → the caller's account; an email → that member of the organization.
    private func resolveAssignee(_ text: String, organizationID: String, actor: TicketActor,
                                 on db: any SQLDatabase) async throws -> (id: String, email: String)? {
        if text == "none" { return nil }
        let query = db.select().column(SQLColumn("id", table: "accounts")).column(SQLColumn("email", table: "accounts")).from("accounts")
            .join("memberships", on: SQLColumn("account_id", table: "memberships"), .equal, SQLColumn("id", table: "accounts"))
            .where(SQLColumn("organization_id", table: "memberships"), .equal, SQLBind(organizationID))
        if text == "@me" {
            guard let account = actor.accountID else {
                throw TicketError.assigneeNeedsAccount
            }
            query.where(SQLColumn("id", table: "accounts"), .equal, SQLBind(account))
        } else {
            query.where(SQLFunction("LOWER", args: SQLColumn("email", table: "accounts")), .equal, SQLBind(text.lowercased()))
        }
        guard let row = try await query.first() else {
            throw TicketError.notAMember(text)
        }
        return (try row.decode(column: "id", as: String.self), try row.decode(column: "email", as: String.self))
    }

    private static func field(of kind: TicketEventKind) -> String {
        switch kind {
        case .statusChanged: "status"
        case .priorityChanged: "priority"
        case .assigned: "assignee"
        case .titleChanged: "title"
        case .descriptionChanged: "description"
        case .created, .comment: kind.rawValue
        }
    }

    /// The validated fields of an update.
    private struct Wanted {
        var status: TicketStatus?
        var priority: TicketPriority?
        var title: String?
        var description: String?

        init(_ change: APITicketUpdate) throws {
            if let text = change.status?.rawValue {
                guard let status = TicketStatus(rawValue: text) else {
                    throw TicketError.invalid(field: "status", rule: "status is one of \(TicketVocabulary.statuses.joined(separator: ", "))")
                }
                self.status = status
            }
            if let text = change.priority?.rawValue {
                guard let priority = TicketPriority(rawValue: text) else {
                    throw TicketError.invalid(field: "priority", rule: "priority is one of \(TicketVocabulary.priorities.joined(separator: ", "))")
                }
                self.priority = priority
            }
            if let text = change.title {
                let title = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !title.isEmpty, title.count <= TicketWorkflow.maxTitle else {
                    throw TicketError.invalid(field: "title", rule: "a title has 1 to \(TicketWorkflow.maxTitle) characters")
                }
                self.title = title
            }
            if let text = change.description {
                guard text.count <= TicketWorkflow.maxDescription else {
                    throw TicketError.invalid(field: "description", rule: "a description has at most \(TicketWorkflow.maxDescription) characters")
                }
                self.description = text
            }
            if let assignee = change.assignee, assignee.isEmpty {
                throw TicketError.invalid(field: "assignee", rule: "assignee is a member's email, @me or none")
            }
        }
    }
}
