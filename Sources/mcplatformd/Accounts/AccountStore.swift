import SQLKit

/// A platform account: a person who signs in to manage organizations.
struct Account: Sendable, Equatable {
    let id: String
    let email: String
    let createdAt: EpochMillis
}

/// Accounts in the database. Emails are stored lower-cased; passwords only as scrypt hashes.
struct AccountStore: Sendable {
    let hasher: PasswordHasher

    init(hasher: PasswordHasher = PasswordHasher()) {
        self.hasher = hasher
    }

    /// The account with `email`, if any.
    func find(email: String, on db: any SQLDatabase) async throws -> Account? {
        try await db.raw("SELECT id, email, created_at FROM accounts WHERE email = \(bind: Self.normalize(email))").first()
            .map { Account(id: try $0.decode(column: "id", as: String.self), email: try $0.decode(column: "email", as: String.self),
                           createdAt: try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    /// Creates an account; the email must not be taken.
    func create(email: String, password: String, on db: any SQLDatabase) async throws -> Account {
        let account = Account(id: Identifier.make("acc"), email: Self.normalize(email), createdAt: nowMillis())
        try await db.raw("""
            INSERT INTO accounts (id, email, password_hash, created_at, updated_at)
            VALUES (\(bind: account.id), \(bind: account.email), \(bind: try hasher.hash(password)),
                    \(bind: account.createdAt), \(bind: account.createdAt))
            """).run()
        return account
    }

    /// Emails compare case-insensitively and without surrounding space.
    static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
