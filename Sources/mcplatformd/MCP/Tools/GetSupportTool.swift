import Foundation
import Shared

/// `get_support`: opens a support ticket for the end user and answers with its number
/// (docs/MCP.md "Tools"). Without any email for the end user it asks the agent to get one first.
struct GetSupportTool: MCPTool {
    let resolver: EndUserResolver
    let name = "get_support"

    func isOffered(by server: HostedServer) -> Bool { server.settings.supportEnabled }

    /// Whether the server's auth mode already knows end users' emails (then none is asked).
    private func authKnowsEmail(_ server: HostedServer) -> Bool {
        server.settings.authMode != .none
    }

    func purpose(for server: HostedServer) -> String {
        "open a support ticket with the \(server.settings.productName) team when the user is stuck"
    }

    /// Opens a ticket each time (not idempotent), destroys nothing, and reaches people: the
    /// support team and whatever the organization's webhooks notify.
    static let annotations = ToolAnnotations(readOnly: false, destructive: false, idempotent: false, openWorld: true)

    /// `opened` says whether a ticket was opened; if not, `missing` names what is needed first.
    static let outputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "opened": ["type": "boolean", "description": "Whether a ticket was opened."],
            "ticket_number": ["type": "integer", "minimum": 1, "description": "The ticket's number, to tell the user."],
            "status": ["type": "string", "enum": ["open"], "description": "The ticket's status."],
            "reply_to": ["type": "string", "description": "The email address the support team replies to."],
            "missing": ["type": "array", "items": ["type": "string", "enum": ["email"]],
                        "description": "What must be asked of the user before a ticket can be opened."],
        ],
        "required": ["opened"],
    ]

    func definition(for server: HostedServer) -> ToolDefinition {
        let product = server.settings.productName
        var properties: JSONObject = [
            "title": ["type": "string", "minLength": 1, "maxLength": 200,
                      "description": .string("A one-line summary of the problem with \(product).")],
            "problem_description": ["type": "string", "minLength": 1, "maxLength": 20_000,
                                    "description": .string("What the user is trying to do with \(product), what happened, and what they expected.")],
            "problem_context": ["type": "string", "maxLength": 50_000,
                                "description": "Optional: relevant code, configuration, versions or error output."],
        ]
        if !authKnowsEmail(server) {
            properties["email"] = ["type": "string", "format": "email", "maxLength": 254,
                                   "description": .string("The user's email address, so the \(product) team can reply. Ask the user for it; never invent one.")]
        }
        return ToolDefinition(
            name: name, title: "Get \(product) support",
            description: "Contact the \(product) support team: opens a support ticket with the user's problem and returns its number. "
                + "Use it when the user is stuck with \(product) and the documentation does not help.",
            inputSchema: ["type": "object", "properties": .object(properties), "required": ["title", "problem_description"],
                          "additionalProperties": false],
            annotations: Self.annotations, outputSchema: Self.outputSchema)
    }

    func run(_ invocation: ToolInvocation) async throws -> ToolOutcome {
        let product = invocation.server.settings.productName
        let endUserID = invocation.identity.endUserID
        let typed = invocation.arguments["email"]?.stringValue?.trimmingWhitespace()
        let given = typed?.isEmpty == false ? typed : nil
        let known = try await resolver.knownEmail(of: endUserID)
        guard let email = given ?? known else {
            let ask = "No ticket was opened yet: the \(product) team needs an email address to reply to. "
                + "Ask the user for their email address, then call get_support again with the same details and `email`."
            return ToolOutcome(text: { _ in ask }, structured: { _ in ["opened": false, "missing": ["email"]] },
                               summary: { _ in "asked for an email" })
        }
        let draft = TicketDraft(
            organizationID: invocation.server.organizationID, serverID: invocation.server.id,
            endUserID: endUserID, sessionID: invocation.identity.sessionID,
            title: invocation.arguments["title"]?.stringValue ?? "",
            description: invocation.arguments["problem_description"]?.stringValue ?? "",
            context: invocation.arguments["problem_context"]?.stringValue, email: email)
        // Known to this replica once committed (a call that is not recorded taught nothing).
        var remembering: (@Sendable () -> Void)?
        if let given { remembering = { [resolver] in resolver.remember(email: given, of: endUserID) } }
        return ToolOutcome(
            // An email the end user already has (as last read or written here) is not claimed
            // again: nothing would change, and the batch saves its statements.
            ticket: draft, claimedEmail: given == known ? nil : given,
            text: { number in
                // One interpolation: the answer's string is built in one buffer.
                """
                Opened \(product) support ticket #\(number ?? 0): "\(draft.title)". The \(product) team will reply to \(email). \
                Tell the user their ticket number.
                """
            },
            structured: { number in
                ["opened": true, "ticket_number": .int(number ?? 0), "status": "open", "reply_to": .string(email)]
            },
            summary: { number in "ticket #\(number ?? 0)" },
            afterCommit: remembering)
    }
}
