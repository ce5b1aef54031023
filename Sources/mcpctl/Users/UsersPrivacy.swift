import ArgumentParser
import Foundation
import Shared

/// `mcpctl users export REF`: everything held about one end user (GDPR article 15).
struct UsersExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print everything held about one end user (identities, sessions, tool calls, tickets, grants).",
        discussion: """
            For an end user's request of access. -o json prints the complete record to hand over; \
            token values are never included (only their hashes are stored). Owners and admins only; \
            the export is in the audit log.

            Examples:
              mcpctl users export ada@example.com -o json > ada.json
              mcpctl users export customer-4711
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The end user's id, email or tracking id.") var user: String

    func run() async throws {
        try await global.inOrganization { client, org in
            let export = try await client.api.exportEndUser(path: .init(org: org, user: user)).ok.body.json
            let printer = global.printer
            let person = export.endUser
            var fields: [(String, String)] = [
                ("id", person.id), ("email", person.email ?? "-"),
                ("tracking ids", person.trackingIds.isEmpty ? "-" : person.trackingIds.joined(separator: ", ")),
                ("first seen", printer.time(person.firstSeenAt)), ("last seen", printer.time(person.lastSeenAt)),
            ]
            for identity in export.identities {
                fields.append(("identity", "\(identity.subject) at \(identity.issuer)" + (identity.email.map { "  \($0)" } ?? "")))
            }
            for session in export.sessions {
                fields.append(("session", "\(session.id)  \(session.clientName ?? "?")  \(printer.time(session.startedAt))"))
            }
            for call in export.toolCalls {
                fields.append(("tool call", "\(printer.time(call.createdAt))  \(call.tool)  \(String(decoding: call.arguments.jsonBytes(sortKeys: true), as: UTF8.self))"))
            }
            for ticket in export.tickets {
                fields.append(("ticket", "#\(ticket.number)  \(ticket.status)  \(ticket.title)"))
                for event in ticket.events ?? [] where event.body != nil {
                    fields.append(("  message", "\(event.actorEndUserId != nil ? "end user" : "staff"): \(event.body ?? "")"))
                }
            }
            for progress in export.walkthroughs {
                fields.append(("walkthrough", "\(progress.walkthroughSlug)  \(progress.completedSteps)/\(progress.totalSteps) steps"))
            }
            for grant in export.grants {
                fields.append(("grant", "\(grant.clientName ?? grant.clientId)  \(grant.provider)  \(grant.revokedAt == nil ? "active" : "revoked")"))
            }
            try printer.object(export, fields: fields, id: person.id)
        }
    }
}

/// `mcpctl users delete REF`: erase one end user's personal data (GDPR article 17).
struct UsersDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Erase an end user's personal data, keeping anonymous counts (asks on a TTY; needs --yes otherwise).",
        discussion: """
            Removes their email, identities, tracking ids, tool-call arguments, the text of the \
            tickets they opened and their messages, and every stored copy of those; revokes their \
            OAuth grants. The record stays, anonymized and marked erased, so analytics totals and \
            walkthrough funnels stay correct. A later sign-in or call by the same person creates a \
            new end user. Owners and admins only; recorded in the audit log without the data.

            Examples:
              mcpctl users delete ada@example.com --yes
              mcpctl users delete eu_3k9x… -o json --yes
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The end user's id, email or tracking id.") var user: String

    func run() async throws {
        try await global.inOrganization { client, org in
            try global.confirm("erase the personal data of end user \(user)")
            let result = try await client.api.eraseEndUser(path: .init(org: org, user: user)).ok.body.json
            try global.printer.object(result, fields: [("erased", result.id), ("tool calls cleared", "\(result.toolCalls)"),
                                                       ("tickets cleared", "\(result.tickets)"), ("grants revoked", "\(result.grants)")], id: result.id)
        }
    }
}
