import Foundation
import Shared

/// How tickets and their events read in a terminal (shared by show, triage and watch).
enum TicketText {
    /// The `key: value` lines of `tickets show`.
    static func fields(_ ticket: APITicket, printer: Printer) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("ticket", "#\(ticket.number)"), ("title", ticket.title), ("status", printer.ticketStatus(ticket.status)),
            ("priority", ticket.priority), ("assignee", ticket.assigneeEmail ?? "-"), ("server", ticket.serverSlug ?? "-"),
            ("email", ticket.email ?? "-"), ("created", printer.time(ticket.createdAt)),
        ]
        if let resolved = ticket.resolvedAt { fields.append(("resolved", printer.time(resolved))) }
        if let user = ticket.endUser {
            let identity = [user.email, user.trackingIds.isEmpty ? nil : "tracking " + user.trackingIds.joined(separator: ", ")]
                .compactMap { $0 }.joined(separator: "; ")
            fields.append(("end user", "\(user.id)\(identity.isEmpty ? "" : " (\(identity))"), \(user.sessionCount) sessions, \(user.ticketCount) tickets"))
        }
        fields.append(("description", ticket.description))
        if let context = ticket.context { fields.append(("context", context)) }
        for call in ticket.recentToolCalls ?? [] {
            fields.append(("tool call", "\(printer.time(call.createdAt))  \(call.tool) \(call.outcome)\(call.resultSummary.map { ": \($0)" } ?? "")"))
        }
        // The timeline: events and emails, oldest first; an email right after its event.
        var timeline: [(at: Date, order: Int, key: String, text: String)] = []
        for (index, event) in (ticket.events ?? []).enumerated() {
            timeline.append((event.createdAt, 2 * index, printer.time(event.createdAt), line(event)))
        }
        for (index, email) in (ticket.emails ?? []).enumerated() {
            timeline.append((email.createdAt, 2 * index + 1, printer.time(email.createdAt), line(email)))
        }
        for entry in timeline.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) { fields.append((entry.key, entry.text)) }
        if ticket.mailEnabled == false, ticket.email != nil {
            fields.append(("email", "not sent: \(notConfigured)"))
        }
        return fields
    }

    static let notConfigured = "this daemon has no smtp-url, so nothing is emailed"

    /// One email of the timeline: what, to whom, and where it stands.
    static func line(_ email: APITicketEmail) -> String {
        let what = switch email.kind {
        case .confirmation: "confirmation"
        case .reply: "reply"
        case .resolved: "resolved notice"
        }
        let state = switch email.state {
        case .queued: email.lastError.map { "queued, retrying after \(email.attempts) failed attempt\(email.attempts == 1 ? "" : "s"): \($0)" } ?? "queued"
        case .sent: "sent"
        case .failed: "failed after \(email.attempts) attempts: \(email.lastError ?? "unknown error")"
        case .skipped: "not sent: \(email.lastError ?? "the address unsubscribed")"
        }
        return "email (\(what)) to \(email.recipient): \(state)"
    }

    /// What became of a public reply's email, in words: "emailed ada@example.com" or why not.
    static func delivery(_ outcome: APIMailOutcome?) -> String {
        guard let outcome else { return "not emailed" }
        switch outcome.state {
        case .queued: return "emailed \(outcome.recipient ?? "the end user")"
        case .notSent: return "not emailed: \(outcome.reason ?? "unknown reason")"
        }
    }

    /// One event as a sentence: what changed, by whom.
    static func line(_ event: APITicketEvent) -> String {
        let what: String = switch event.kind {
        case "created": "opened"
        case "comment" where event.actorEndUserId != nil: "end user wrote: \(event.body ?? "")"
        case "comment": "\(event.visibility == "public" ? "replied (public)" : "commented"): \(event.body ?? "")"
        case "status_changed": "status \(event.oldValue ?? "-") → \(event.newValue ?? "-")"
        case "priority_changed": "priority \(event.oldValue ?? "-") → \(event.newValue ?? "-")"
        case "assigned": event.newValue.map { "assigned to \($0)" } ?? "unassigned"
        case "title_changed": "title → \(event.newValue ?? "")"
        case "description_changed": "description edited"
        default: event.kind
        }
        return "\(what) — \(event.actor)"
    }
}

extension Printer {
    /// A ticket status, green when done with, yellow when in progress, red when open.
    func ticketStatus(_ status: String) -> String {
        guard colour else { return status }
        let code = switch status {
        case "open": "31"
        case "in_progress": "33"
        default: "32"
        }
        return "\u{1B}[\(code)m\(status)\u{1B}[0m"
    }
}
