import NIOPosix
import SQLKit
import Synchronization

/// A platform account: a person who signs in to manage organizations.
struct Account: Sendable, Equatable {
    let id: String
    let email: String
    let createdAt: EpochMillis
}

/// Accounts in the database. Emails are stored lower-cased; passwords only as scrypt hashes.
///
/// Hashing and verifying (scrypt, ~100 ms of CPU and 32 MiB each) run on NIO's blocking thread
/// pool, never on the concurrency pool that serves requests, and never inside a transaction:
/// on SQLite a transaction holds the one writer, and a hash inside it stalled every write.
struct AccountStore: Sendable {
    let hasher: PasswordHasher
    /// Hashes of no one's password, by hasher parameters, verified when an email has no
    /// account, so that a wrong email takes as long as a wrong password.
    private static let decoys = Mutex<[String: String]>([:])

    init(hasher: PasswordHasher = PasswordHasher()) {
        self.hasher = hasher
    }

    /// Hashes `password` off the request threads.
    func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await NIOThreadPool.singleton.runIfActive { try hasher.hash(password) }
    }

    /// Whether `password` matches `stored` (nil: an account that does not exist, checked
    /// against the decoy so that it takes the same time), off the request threads.
    func verify(_ password: String, against stored: String?) async -> Bool {
        let hasher = self.hasher
        let matched = (try? await NIOThreadPool.singleton.runIfActive { hasher.verify(password, against: stored ?? Self.decoy(for: hasher)) }) ?? false
        return matched && stored != nil
    }

    private static func decoy(for hasher: PasswordHasher) -> String {
        let key = "\(hasher.rounds)$\(hasher.blockSize)$\(hasher.parallelism)"
        if let known = decoys.withLock({ $0[key] }) { return known }
        let made = (try? hasher.hash(PlatformToken.generate(kind: "decoy").secret)) ?? ""
        decoys.withLock { $0[key] = made }
        return made
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

    /// Replaces an account's password with one hashed already (`hash`).
    func setPassword(hash: String, accountID: String, on db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE accounts SET password_hash = \(bind: hash), updated_at = \(bind: nowMillis())
            WHERE id = \(bind: accountID)
            """).run()
    }

    /// Creates an account with a password hashed already (`hash`); the email must not be taken.
    func create(email: String, passwordHash: String, on db: any SQLDatabase) async throws -> Account {
        let account = Account(id: Identifier.make("acc"), email: Self.normalize(email), createdAt: nowMillis())
        try await db.raw("""
            INSERT INTO accounts (id, email, password_hash, created_at, updated_at)
            VALUES (\(bind: account.id), \(bind: account.email), \(bind: passwordHash),
                    \(bind: account.createdAt), \(bind: account.createdAt))
            """).run()
        return account
    }

    /// Emails compare case-insensitively and without surrounding space.
    static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
