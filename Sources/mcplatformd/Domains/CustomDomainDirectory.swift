/// Which server a verified custom domain reaches, for the public listener: cached for
/// `lifetime` (so a domain removed on another replica stops routing there within it), and
/// forgotten at once on the replica that removed it. Names that are not valid host names never
/// reach the database; unknown ones are cached too, so a flood of made-up `Host`s costs one
/// indexed query per name per lifetime.
final class CustomDomainDirectory: Sendable {
    /// How long a replica may route by what it read (README "Custom domains").
    static let lifetime: Duration = .seconds(30)

    private struct Entry: Sendable {
        let slug: String?
    }

    let database: Database
    private let cache = ExpiringCache<String, Entry>(lifetime: lifetime)

    init(database: Database) {
        self.database = database
    }

    /// The slug of the server `host` (lowercased, no port, no trailing dot) is a verified custom
    /// domain of, or nil.
    func slug(forHost host: String) async throws -> String? {
        if let entry = cache.value(for: host) { return entry.slug }
        let slug = try await database.withConnection { try await DomainStore().verifiedSlug(domain: host, on: $0) }
        cache.set(Entry(slug: slug), for: host)
        return slug
    }

    /// Forgets what is cached for `domain` (after a verify or a remove on this replica).
    func forget(_ domain: String) {
        cache.remove(domain)
    }
}
