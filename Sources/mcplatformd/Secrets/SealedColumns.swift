import Logging
import SQLKit

/// A database column that holds values sealed with `SecretBox`.
struct SealedColumn: Sendable {
    let table: String
    let idColumn: String
    let column: String
    /// The authenticated context the values were sealed with.
    let context: String

    /// Every sealed column of the schema. A feature that stores a secret adds its column here,
    /// so key rotation re-seals it.
    static let all: [SealedColumn] = [
        SealedColumn(table: "oauth_configs", idColumn: "id", column: "client_secret_sealed", context: OAuthConfigStore.secretContext),
        SealedColumn(table: "webhooks", idColumn: "id", column: "secret_sealed", context: "webhooks.secret"),
        SealedColumn(table: "oauth_grants", idColumn: "id", column: "upstream_access_token_sealed", context: OAuthGrantStore.accessContext),
        SealedColumn(table: "oauth_grants", idColumn: "id", column: "upstream_refresh_token_sealed", context: OAuthGrantStore.refreshContext),
        SealedColumn(table: "oauth_authorization_requests", idColumn: "id", column: "upstream_verifier_sealed",
                     context: AuthorizationRequestStore.verifierContext),
        SealedColumn(table: "oauth_tokens", idColumn: "token_hash", column: "successor_sealed", context: OAuthTokenStore.successorContext),
    ]
}

/// Re-seals every sealed value under the current key (the `secrets.reseal` job that
/// `mcplatformd rotate-key` enqueues), and tells which keys are still in use.
struct SecretResealer: Sendable {
    static let kind = "secrets.reseal"

    let database: Database
    let box: SecretBox
    var columns: [SealedColumn] = SealedColumn.all
    let logger: Logger

    /// Re-seals values not under the current key; returns how many it changed.
    @discardableResult
    func resealAll() async throws -> Int {
        try box.keyRing.reload()
        let currentID = try box.keyRing.currentKey().id
        var changed = 0
        for column in columns {
            let rows = try await database.withConnection { db in
                try await db.select().column(SQLIdentifier(column.idColumn)).column(SQLIdentifier(column.column))
                    .from(column.table).where(SQLIdentifier(column.column), .isNot, SQLLiteral.null).all()
                    .map { (try $0.decode(column: column.idColumn, as: String.self), try $0.decode(column: column.column, as: String.self)) }
            }
            for (id, sealed) in rows where (try? SecretBox.keyID(of: sealed)) != currentID {
                let resealed = try box.seal(try box.open(sealed, context: column.context), context: column.context)
                // Only replace the value we read: a concurrent update wins.
                try await database.withConnection { db in
                    try await db.update(column.table).set(SQLIdentifier(column.column), to: resealed)
                        .where(SQLIdentifier(column.idColumn), .equal, id)
                        .where(SQLIdentifier(column.column), .equal, sealed).run()
                }
                changed += 1
            }
        }
        logger.info("re-sealed secrets under the current key", metadata: ["count": "\(changed)", "key_id": "\(currentID)"])
        return changed
    }

    /// How many sealed values still use a key other than the current one.
    func valuesUnderOldKeys() async throws -> Int {
        let currentID = try box.keyRing.currentKey().id
        var count = 0
        for column in columns {
            let values = try await database.withConnection { db in
                try await db.select().column(SQLIdentifier(column.column)).from(column.table)
                    .where(SQLIdentifier(column.column), .isNot, SQLLiteral.null).all()
                    .map { try $0.decode(column: column.column, as: String.self) }
            }
            count += values.filter { (try? SecretBox.keyID(of: $0)) != currentID }.count
        }
        return count
    }

    /// The handler registered for `secrets.reseal` jobs.
    var handler: JobHandler {
        { _ in try await resealAll() }
    }
}
