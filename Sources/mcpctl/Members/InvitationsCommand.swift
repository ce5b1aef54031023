import ArgumentParser
import Shared

/// `mcpctl invitations`.
struct InvitationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations", abstract: "List, accept and revoke invitations.",
        discussion: "Examples:\n  mcpctl invitations list\n  mcpctl invitations accept mcpi_…\n  mcpctl invitations revoke inv_…",
        subcommands: [InvitationsList.self, InvitationsAccept.self, InvitationsRevoke.self])
}

/// `mcpctl invitations list`.
struct InvitationsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The organization's invitations.", discussion: "Example:\n  mcpctl invitations list")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let invitations = try await client.all() { limit, cursor in
                let page = try await client.api.listInvitations(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(invitations, columns: [
                Column(header: "EMAIL") { $0.email }, Column(header: "ROLE") { $0.role.rawValue },
                Column(header: "STATUS") {
                    $0.acceptedAt != nil ? printer.status("accepted", good: true)
                        : $0.revokedAt != nil ? printer.status("revoked", good: false) : "open"
                },
                Column(header: "EXPIRES") { printer.time($0.expiresAt) }, Column(header: "ID") { $0.id },
            ], id: \.id)
        }
    }
}

/// `mcpctl invitations accept TOKEN`.
struct InvitationsAccept: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept", abstract: "Join an organization with an invitation token (logged in as the invited email).",
        discussion: "Example:\n  mcpctl invitations accept mcpi_…")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitation token.") var token: String

    func run() async throws {
        try await runReporting(global) {
            let org = try await global.client().api.acceptInvitation(body: .json(AcceptInvitation(token: token))).ok.body.json
            try global.printer.object(org, fields: [("joined", org.slug), ("role", org.role?.rawValue ?? "-")], id: org.slug)
        }
    }
}

/// `mcpctl invitations revoke ID`.
struct InvitationsRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an open invitation.", discussion: "Example:\n  mcpctl invitations revoke inv_…")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitation id.") var id: String

    func run() async throws {
        try await global.inOrganization { client, org in
            _ = try await client.api.revokeInvitation(path: .init(org: org, invitation: id)).noContent
            if global.format == .table { print("revoked invitation \(id)") }
        }
    }
}
