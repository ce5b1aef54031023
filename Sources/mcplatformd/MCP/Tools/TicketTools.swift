import Foundation
import Shared

/// Who may see an end user's tickets over MCP: someone the caller proves to be (an OAuth token,
/// a tracking-id URL, or the legacy session that holds the record). A claimed email proves
/// nothing, and the stateless era's anonymous visitor is shared behind NAT and changes daily.
private func anonymousRefusal(_ server: HostedServer) -> ToolOutcome {
    let product = server.settings.productName
    return .error("""
        This connection is anonymous, so \(product) support tickets cannot be shown or answered here. \
        The \(product) team answers at the email address given with the ticket; each email links to the ticket's page, \
        where the user can read the conversation and reply. A connection that signs in, or uses the personal MCP URL the user was given, can follow tickets here.
        """)
}

/// `get_my_tickets`: the calling end user's tickets, newest first, with the public replies of the
/// support team since the end user last wrote (docs/MCP.md "Tools"). Offered with `get_support`.
struct GetMyTicketsTool: MCPTool {
    let workflow: TicketWorkflow
    let name = "get_my_tickets"

    func isOffered(by server: HostedServer) -> Bool { server.settings.supportEnabled }

    func purpose(for server: HostedServer) -> String { "see the user's tickets and the team's replies" }

    /// Reads only this server's own data.
    static let annotations = ToolAnnotations(readOnly: true, destructive: false, idempotent: true, openWorld: false)

    static let outputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "tickets": [
                "type": "array",
                "description": "The user's tickets, newest first.",
                "items": [
                    "type": "object",
                    "properties": [
                        "ticket_number": ["type": "integer", "minimum": 1],
                        "title": ["type": "string"],
                        "status": ["type": "string", "enum": ["open", "in_progress", "resolved", "closed"]],
                        "opened_at": ["type": "string", "format": "date-time"],
                        "updated_at": ["type": "string", "format": "date-time"],
                        "new_replies": [
                            "type": "array", "description": "Replies of the support team since the user last wrote, oldest first.",
                            "items": ["type": "object", "properties": ["at": ["type": "string", "format": "date-time"], "message": ["type": "string"]],
                                      "required": ["at", "message"]],
                        ],
                    ],
                    "required": ["ticket_number", "title", "status", "opened_at", "updated_at", "new_replies"],
                ],
            ],
        ],
        "required": ["tickets"],
    ]

    func definition(for server: HostedServer) -> ToolDefinition {
        let product = server.settings.productName
        return ToolDefinition(
            name: name, title: "My \(product) support tickets",
            description: "Lists the user's \(product) support tickets, newest first, with their status and the support team's replies "
                + "since the user last wrote. Use it when the user asks about a ticket or whether \(product) support has answered.",
            inputSchema: ["type": "object",
                          "properties": ["limit": ["type": "integer", "minimum": 1, "maximum": .int(Int64(TicketWorkflow.maxEndUserTickets)),
                                                   "description": "How many tickets at most (default 10)."]],
                          "additionalProperties": false],
            annotations: Self.annotations, outputSchema: Self.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        let server = invocation.server
        guard !invocation.identity.anonymousVisitor else { return anonymousRefusal(server) }
        var limit = 10
        if case .int(let value)? = invocation.arguments["limit"] { limit = Int(clamping: value) }
        let tickets = try await workflow.endUserTickets(organizationID: server.organizationID, endUserID: invocation.identity.endUserID, limit: limit)
        let text = Self.text(tickets, product: server.settings.productName)
        let structured: JSONObject = ["tickets": .array(tickets.map(Self.json))]
        return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(tickets.count) tickets" })
    }

    static func json(_ ticket: EndUserTicket) -> JSONValue {
        ["ticket_number": .int(ticket.number), "title": .string(ticket.title), "status": .string(ticket.status),
         "opened_at": .string(ticket.openedAt.rfc3339), "updated_at": .string(ticket.updatedAt.rfc3339),
         "new_replies": .array(ticket.newReplies.map { ["at": .string($0.at.rfc3339), "message": .string($0.body)] })]
    }

    static func text(_ tickets: [EndUserTicket], product: String) -> String {
        guard !tickets.isEmpty else { return "The user has no \(product) support tickets." }
        var lines = ["The user's \(product) support tickets, newest first:"]
        for ticket in tickets {
            let status = ticket.status.replacingOccurrences(of: "_", with: " ")
            lines.append("")
            lines.append("#\(ticket.number) \"\(ticket.title)\" — \(status), opened \(ticket.openedAt.rfc3339), updated \(ticket.updatedAt.rfc3339).")
            if ticket.newReplies.isEmpty {
                lines.append("No new reply from the \(product) team.")
            } else {
                lines.append("\(ticket.newReplies.count) new \(ticket.newReplies.count == 1 ? "reply" : "replies") from the \(product) team:")
                for reply in ticket.newReplies { lines.append("[\(reply.at.rfc3339)] \(reply.body)") }
            }
        }
        lines.append("")
        lines.append("To answer the team, call reply_to_ticket with the ticket number and the user's message.")
        return lines.joined(separator: "\n")
    }
}

/// `reply_to_ticket`: the end user adds a public message to one of their own tickets; a
/// resolved ticket is reopened, a closed one refuses (docs/MCP.md "Tools").
struct ReplyToTicketTool: MCPTool {
    let workflow: TicketWorkflow
    let name = "reply_to_ticket"

    func isOffered(by server: HostedServer) -> Bool { server.settings.supportEnabled }

    func purpose(for server: HostedServer) -> String { "answer the team on an existing ticket" }

    /// Adds a message each time (not idempotent), destroys nothing, and reaches people.
    static let annotations = ToolAnnotations(readOnly: false, destructive: false, idempotent: false, openWorld: true)

    static let outputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "ticket_number": ["type": "integer", "minimum": 1],
            "status": ["type": "string", "enum": ["open", "in_progress", "resolved", "closed"]],
            "reopened": ["type": "boolean", "description": "Whether the message reopened a resolved ticket."],
        ],
        "required": ["ticket_number", "status", "reopened"],
    ]

    func definition(for server: HostedServer) -> ToolDefinition {
        let product = server.settings.productName
        return ToolDefinition(
            name: name, title: "Reply to a \(product) support ticket",
            description: "Adds the user's message to one of their \(product) support tickets, for the \(product) team to read. "
                + "A resolved ticket is reopened. Use get_my_tickets to find the number; for a new problem use get_support.",
            inputSchema: ["type": "object",
                          "properties": [
                              "ticket_number": ["type": "integer", "minimum": 1, "description": "The ticket's number (#N)."],
                              "message": ["type": "string", "minLength": 1, "maxLength": .int(Int64(TicketWorkflow.maxComment)),
                                          "description": "The user's message to the support team."],
                          ],
                          "required": ["ticket_number", "message"], "additionalProperties": false],
            annotations: Self.annotations, outputSchema: Self.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        let server = invocation.server
        guard !invocation.identity.anonymousVisitor else { return anonymousRefusal(server) }
        let product = server.settings.productName
        guard case .int(let number)? = invocation.arguments["ticket_number"] else { return .error("ticket_number must be an integer") }
        let reply: EndUserReply
        do {
            reply = try await workflow.endUserReply(number: number, message: invocation.arguments["message"]?.stringValue ?? "",
                                                    organizationID: server.organizationID, endUserID: invocation.identity.endUserID)
        } catch let error as TicketError {
            switch error {
            case .closed(let number):
                return .error("\(product) support ticket #\(number) is closed and takes no more messages. "
                    + "If the problem is still there, open a new ticket with get_support.")
            case .invalid(_, let rule): return .error("The message was not sent: \(rule).")
            default:
                return .error("The user has no \(product) support ticket #\(number). Call get_my_tickets to see their tickets.")
            }
        }
        let text = "Added the user's message to \(product) support ticket #\(reply.number)"
            + (reply.reopened ? ", which was resolved and is now open again." : ".") + " The \(product) team will see it."
        let structured: JSONObject = ["ticket_number": .int(reply.number), "status": .string(reply.status), "reopened": .bool(reply.reopened)]
        return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "reply on #\(reply.number)" })
    }
}
