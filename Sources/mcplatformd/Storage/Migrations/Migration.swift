/// One versioned step of the schema.
///
/// Statements are plain SQL written once for both engines; `dialect` fills the few places where
/// SQLite and PostgreSQL spell a type differently.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: @Sendable (SchemaDialect) -> [String]
}

/// The spellings that differ between the engines' DDL.
struct SchemaDialect: Sendable {
    let engine: DatabaseEngine

    /// A boolean column type (SQLite stores 0/1).
    var boolean: String { "BOOLEAN" }
}

extension Migration {
    /// Every migration in order. Append only: an applied migration is never edited.
    static let all: [Migration] = [
        .platform,
        .jobs,
        .rateLimits,
        .endUsers,
        .ticketWorkflow,
        .documents,
        .walkthroughs,
        .analytics,
        .oauth,
        .webhookServers,
        .mail,
        .passwordResets,
        .customDomains,
        .idempotencyOwner,
        .endUserErasure,
        .retention,
    ]
}
