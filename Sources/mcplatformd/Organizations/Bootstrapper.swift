import Shared
import SQLKit

/// `mcplatformd bootstrap`: the first account, organization and owner API token, created
/// directly in the database for operators and CI. Running it again creates nothing.
struct Bootstrapper: Sendable {
    /// What a run did.
    struct Outcome: Sendable, Encodable {
        var accountID: String
        var accountCreated: Bool
        /// A generated password, when the account was created without one (shown once).
        var generatedPassword: String?
        var organizationID: String
        var organizationCreated: Bool
        /// The owner API token, when one was created (shown once).
        var token: String?
        var tokenID: String?
    }

    /// Why bootstrapping cannot proceed.
    enum Failure: Error, CustomStringConvertible {
        case invalidSlug(String)
        case invalidPassword(String)
        case organizationOwnedByOthers(String)

        var description: String {
            switch self {
            case .invalidSlug(let problem): "invalid organization slug: \(problem)"
            case .invalidPassword(let problem): "invalid password: \(problem)"
            case .organizationOwnedByOthers(let slug): "organization '\(slug)' exists and \(Self.notOwner)"
            }
        }
        private static let notOwner = "the account is not its owner; nothing was created"
    }

    let database: Database
    var accounts = AccountStore()
    var organizations = OrganizationStore()
    var tokens = TokenStore()

    /// Creates what is missing: the account (with `password`, or a generated one), the
    /// organization owned by it, and — only when the organization is new — an owner API token.
    func run(email: String, organizationSlug slug: String, organizationName: String?, password: String?) async throws -> Outcome {
        if let problem = Slug.problem(with: slug) { throw Failure.invalidSlug(problem) }
        if let password, password.count < 8 { throw Failure.invalidPassword("use at least 8 characters") }
        // Hashed before the transaction (it takes ~100 ms), whether or not it is needed.
        let secret = password ?? PlatformToken.generate(kind: "pw").secret.dropFirst(3).prefix(24).description
        let passwordHash = try await accounts.hash(secret)
        return try await database.transaction { db in
            var generated: String?
            let existing = try await accounts.find(email: email, on: db)
            let account: Account
            if let existing {
                account = existing
            } else {
                if password == nil { generated = secret }
                account = try await accounts.create(email: email, passwordHash: passwordHash, on: db)
                try await AuditLog.record("account.create", target: ("account", account.id), organizationID: nil, actor: .operatorTool, on: db)
            }
            if let organization = try await organizations.find(slug: slug, on: db) {
                guard try await organizations.role(of: account.id, in: organization.id, on: db) == .owner else {
                    throw Failure.organizationOwnedByOthers(slug)
                }
                return Outcome(accountID: account.id, accountCreated: existing == nil, generatedPassword: generated,
                               organizationID: organization.id, organizationCreated: false)
            }
            let organization = try await organizations.create(slug: slug, name: organizationName ?? slug, owner: account.id, on: db)
            let token = try await tokens.issueAPIToken(name: "bootstrap", organizationID: organization.id, role: .owner,
                                                       createdBy: account.id, on: db)
            try await AuditLog.record("organization.create", target: ("organization", organization.id),
                                      organizationID: organization.id, actor: .operatorTool, on: db)
            try await AuditLog.record("token.create", target: ("token", token.id), organizationID: organization.id,
                                      actor: .operatorTool, details: ["role": Role.owner.rawValue, "name": "bootstrap"], on: db)
            return Outcome(accountID: account.id, accountCreated: existing == nil, generatedPassword: generated,
                           organizationID: organization.id, organizationCreated: true, token: token.secret, tokenID: token.id)
        }
    }
}
