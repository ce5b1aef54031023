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
        for event in ticket.events ?? [] {
            fields.append((printer.time(event.createdAt), line(event)))
        }
        return fields
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
