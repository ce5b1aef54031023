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

    /// The account with `id`, if any.
    func find(id: String, on db: any SQLDatabase) async throws -> Account? {
        try await db.raw("SELECT id, email, created_at FROM accounts WHERE id = \(bind: id)").first()
            .map { Account(id: try $0.decode(column: "id", as: String.self), email: try $0.decode(column: "email", as: String.self),
                           createdAt: try $0.decode(column: "created_at", as: EpochMillis.self)) }
    }

    /// The account with `email` and its password hash, for verifying a login.
    func credentials(email: String, on db: any SQLDatabase) async throws -> (account: Account, passwordHash: String)? {
        try await credentials(where: "email", equals: Self.normalize(email), on: db)
    }

    /// The account with `id` and its password hash.
    func credentials(id: String, on db: any SQLDatabase) async throws -> (account: Account, passwordHash: String)? {
        try await credentials(where: "id", equals: id, on: db)
    }

    private func credentials(where column: String, equals value: String, on db: any SQLDatabase) async throws -> (account: Account, passwordHash: String)? {
        try await db.select().columns("id", "email", "created_at", "password_hash").from("accounts")
            .where(SQLIdentifier(column), .equal, value).first()
            .map { (Account(id: try $0.decode(column: "id", as: String.self), email: try $0.decode(column: "email", as: String.self),
                            createdAt: try $0.decode(column: "created_at", as: EpochMillis.self)),
                    try $0.decode(column: "password_hash", as: String.self)) }
    }

    /// Replaces an account's password.
    func setPassword(_ password: String, accountID: String, on db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE accounts SET password_hash = \(bind: try hasher.hash(password)), updated_at = \(bind: nowMillis())
            WHERE id = \(bind: accountID)
            """).run()
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
