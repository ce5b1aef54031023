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
            let invitations: [APIInvitation] = try await client.all("/v1/orgs/\(org.pathEscaped)/invitations")
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
            let org: APIOrganization = try await global.client().post("/v1/invitations/accept", AcceptInvitation(token: token))
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
            try await client.delete("/v1/orgs/\(org.pathEscaped)/invitations/\(id.pathEscaped)")
            if global.format == .table { print("revoked invitation \(id)") }
        }
    }
}
