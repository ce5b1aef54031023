import ArgumentParser
import Shared

/// `mcpctl members`.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "List members, invite people, change roles, remove members.",
        discussion: """
            Examples:
              mcpctl members list
              mcpctl members invite bob@example.com --role admin
              mcpctl members set-role bob@example.com owner
              mcpctl members remove bob@example.com --yes
            """,
        subcommands: [MembersList.self, MembersInvite.self, MembersSetRole.self, MembersRemove.self])
}

/// `mcpctl members list`.
struct MembersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Members and their roles.", discussion: "Example:\n  mcpctl members list -o csv")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.inOrganization { client, org in
            let members = try await client.all() { limit, cursor in
                let page = try await client.api.listMembers(path: .init(org: org), query: .init(limit: limit, cursor: cursor)).ok.body.json
                return (page.items, page.nextCursor)
            }
            let printer = global.printer
            try printer.list(members, columns: [
                Column(header: "EMAIL") { $0.email }, Column(header: "ROLE") { $0.role.rawValue },
                Column(header: "JOINED") { printer.time($0.joinedAt) }, Column(header: "ACCOUNT") { $0.accountId },
            ], id: \.email)
        }
    }
}

/// `mcpctl members invite EMAIL --role R`.
struct MembersInvite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Invite an email; emails them the single-use token when the daemon sends mail, and prints it.",
        discussion: "Example:\n  mcpctl members invite bob@example.com --role member")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitee's email.") var email: String
    @Option(help: "owner, admin or member.") var role: Role

    func run() async throws {
        try await global.inOrganization { client, org in
            let created = try await client.api.createInvitation(path: .init(org: org), body: .json(CreateInvitation(email: email, role: role))).created.body.json
            try global.printer.secret(created, secret: created.token, id: created.invitation.id,
                                      note: created.emailed == true
                                          ? "emailed to \(email) with the command to accept (valid 7 days, once); the token is also here to pass on"
                                          : "send this to \(email); they run: mcpctl invitations accept TOKEN (valid 7 days, once)")
        }
    }
}

/// `mcpctl members set-role EMAIL ROLE`.
struct MembersSetRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role", abstract: "Change a member's role (owners only).", discussion: "Example:\n  mcpctl members set-role bob@example.com admin")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's email or account id.") var member: String
    @Argument(help: "owner, admin or member.") var role: Role

    func run() async throws {
        try await global.inOrganization { client, org in
            let updated = try await client.api.setMemberRole(path: .init(org: org, member: member), body: .json(UpdateMember(role: role))).ok.body.json
            try global.printer.object(updated, fields: [("email", updated.email), ("role", updated.role.rawValue)], id: updated.email)
        }
    }
}

/// `mcpctl members remove EMAIL`.
struct MembersRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a member (or yourself: leave); their API tokens stop working.",
        discussion: "Example:\n  mcpctl members remove bob@example.com --yes")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's email or account id.") var member: String

    func run() async throws {
        try await runReporting(global) {
            try global.confirm("remove \(member)")
            let client = try global.client()
            let org = try await global.organization(client: client)
            _ = try await client.api.removeMember(path: .init(org: org, member: member)).noContent
            if global.format == .table { print("removed \(member)") }
        }
    }
}
