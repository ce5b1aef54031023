import Foundation

/// A parsed `database-url` setting: `sqlite://PATH` or `postgres://user:pass@host:port/db`.
struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// Connection details of a PostgreSQL server.
    struct Postgres: Sendable, Equatable {
        var host: String
        var port: Int
        var username: String
        var password: String?
        var database: String
        /// `sslmode` from the query string; `disable` unless set.
        var tls: Bool
    }

    enum Target: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(Postgres)
    }

    let target: Target
    let raw: String

    var engine: DatabaseEngine {
        switch target {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The URL with any password replaced by `***`, safe for logs and `mcplatformd config`.
    var redacted: String {
        guard case .postgres(let pg) = target, pg.password != nil,
              var components = URLComponents(string: raw) else { return raw }
        components.password = "***"
        return components.string ?? raw
    }

    var description: String { redacted }

    /// The SQLite file at `path`.
    init(sqlitePath path: String) {
        raw = "sqlite://" + path
        target = .sqlite(path: path)
    }

    /// Parses a database URL, naming the problem when it cannot.
    init(parsing raw: String) throws(DatabaseURLError) {
        self.raw = raw
        guard let schemeEnd = raw.range(of: "://") else {
            throw .malformed("expected sqlite://PATH or postgres://USER@HOST/DB")
        }
        let scheme = raw[..<schemeEnd.lowerBound].lowercased()
        switch scheme {
        case "sqlite":
            let path = String(raw[schemeEnd.upperBound...])
            guard !path.isEmpty else { throw .malformed("sqlite:// needs a file path") }
            target = .sqlite(path: path)
        case "postgres", "postgresql":
            guard let components = URLComponents(string: raw), let host = components.host, !host.isEmpty else {
                throw .malformed("cannot read host from the PostgreSQL URL")
            }
            let database = String(components.path.drop(while: { $0 == "/" }))
            let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
            guard ["disable", "require", "prefer", "verify-full"].contains(sslmode) else {
                throw .malformed("unsupported sslmode '\(sslmode)'")
            }
            target = .postgres(Postgres(
                host: host,
                port: try Self.port(components.port),
                username: components.user?.removingPercentEncoding ?? "postgres",
                password: components.password?.removingPercentEncoding,
                database: database.isEmpty ? (components.user ?? "postgres") : database,
                tls: sslmode != "disable" && sslmode != "prefer"
            ))
        default:
            throw .unsupportedScheme(String(scheme))
        }
    }
}

extension DatabaseURL {
    /// The port of a PostgreSQL URL: 5432 when none is given.
    private static func port(_ given: Int?) throws(DatabaseURLError) -> Int {
        guard let given else { return 5432 }
        guard (1...65535).contains(given) else { throw .malformed("the port must be from 1 to 65535") }
        return given
    }
}

/// Why a `database-url` could not be used.
enum DatabaseURLError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupportedScheme(String)

    var description: String {
        switch self {
        case .malformed(let why): "malformed database URL: \(why)"
        case .unsupportedScheme(let scheme): "unsupported database scheme '\(scheme)' (use sqlite:// or postgres://)"
        }
    }
}
