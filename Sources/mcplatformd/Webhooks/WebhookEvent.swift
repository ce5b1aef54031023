import Foundation
import Shared

/// Something that happened in an organization that webhooks may subscribe to. The payload is
/// built only when some webhook wants the event, so publishing costs nothing without one.
struct WebhookEvent: Sendable {
    let id: String
    /// One of `WebhookEventType.all` (or `webhook.test`).
    let type: String
    let organizationID: String
    let occurredAt: EpochMillis
    /// The server a ticket event is about: webhooks limited to another server skip it.
    var serverID: String? = nil
    /// The event's `data` object.
    let data: @Sendable () throws -> JSONValue
    /// One line for chat (Slack) messages.
    let summary: @Sendable () -> String

    /// The body POSTed for this event in `format`.
    func body(format: WebhookFormat) throws -> String {
        switch format {
        case .json:
            let envelope: JSONValue = [
                "id": .string(id), "type": .string(type), "organization_id": .string(organizationID),
                "created_at": .string(Date(epochMillis: occurredAt).rfc3339), "data": try data(),
            ]
            return envelope.jsonText
        case .slack:
            return JSONValue.object(["text": .string(summary())]).jsonText
        }
    }
}

/// How a webhook's deliveries are shaped.
enum WebhookFormat: String, Sendable, CaseIterable {
    /// The event envelope: `{id, type, organization_id, created_at, data}`.
    case json
    /// A Slack incoming-webhook message: `{"text": "…"}`.
    case slack
}

extension JSONValue {
    /// The JSON value of an API object, in the admin API's encoding (snake_case, RFC 3339).
    static func encoding(_ value: some Encodable) throws -> JSONValue {
        try JSONValue.parse(try APICoding.makeEncoder().encode(value))
    }
}

extension Date {
    /// RFC 3339 text in UTC with seconds, as the admin API writes times.
    var rfc3339: String {
        ISO8601DateFormatter.string(from: self, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withInternetDateTime])
    }
}

extension WebhookEvent {
    /// `ticket.created`, `ticket.updated` or `ticket.commented` about `ticket`.
    static func ticket(_ type: String, id: String, ticket: APITicket, organizationID: String, at now: EpochMillis,
                       extra: JSONObject = [:], summary: String) -> WebhookEvent {
        WebhookEvent(id: id, type: type, organizationID: organizationID, occurredAt: now, serverID: ticket.serverId, data: {
            var data = extra
            data["ticket"] = try JSONValue.encoding(ticket)
            return .object(data)
        }, summary: { summary })
    }
}

extension WebhookEvent {
    /// `ticket.created` for a ticket `get_support` just opened.
    static func ticketCreated(_ draft: TicketDraft, id: String, number: Int64, at now: EpochMillis) -> WebhookEvent {
        // Built on the MCP hot path for every ticket: nothing is computed unless a webhook wants
        // the event, and the id derives from the ticket's (no random draw).
        WebhookEvent(id: "evt_" + id.drop { $0 != "_" }.dropFirst(), type: "ticket.created", organizationID: draft.organizationID, occurredAt: now,
                     serverID: draft.serverID, data: {
                         let date = Date(epochMillis: now)
                         let ticket = APITicket(id: id, number: number, title: draft.title, description: draft.description, context: draft.context,
                                                email: draft.email, status: TicketStatus.open.rawValue, priority: TicketPriority.normal.rawValue,
                                                assigneeAccountId: nil, serverId: draft.serverID, endUserId: draft.endUserID, sessionId: draft.sessionID,
                                                createdAt: date, updatedAt: date, resolvedAt: nil)
                         return ["ticket": try JSONValue.encoding(ticket)]
                     },
                     summary: { "New support ticket #\(number)\(draft.email.map { " from \($0)" } ?? ""): \(draft.title)" })
    }

    /// `end_user.identified`: an end user's email became known (claimed, or verified by a login).
    static func endUserIdentified(_ endUserID: String, email: String, verified: Bool, organizationID: String, at now: EpochMillis) -> WebhookEvent {
        WebhookEvent(id: Identifier.make("evt"), type: "end_user.identified", organizationID: organizationID, occurredAt: now,
                     data: { ["end_user": ["id": .string(endUserID), "email": .string(email), "email_verified": .bool(verified)]] },
                     summary: { "End user identified: \(email)" })
    }
}
