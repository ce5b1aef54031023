import Foundation
import Logging
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// One storage handle over both engines.
///
/// Every query goes through `withConnection` (reads and single-statement writes) or
/// `transaction` (several statements that commit together). The same SQLKit code runs on SQLite
/// and PostgreSQL; `engine` is consulted only where the dialects differ.
final class Database: Sendable {
    let url: DatabaseURL
    var engine: DatabaseEngine { url.engine }
    private let backend: Backend
    private let logger: Logger

    private enum Backend: Sendable {
        case sqlite(writer: LeasePool<SQLiteDirect>, readers: LeasePool<SQLiteDirect>, checkpointer: Task<Void, Never>)
        case postgres(client: PostgresClient, runner: Task<Void, Never>, stopped: SharedValue<Bool>, probe: PostgresConnection.Configuration)
    }

    private init(url: DatabaseURL, logger: Logger, backend: Backend) {
        self.url = url
        self.logger = logger
        self.backend = backend
    }

    /// Opens the database at `url`: SQLite files are created (mode 0600, `SQLiteFiles`) and set
    /// to WAL mode; PostgreSQL gets a connection pool that connects lazily.
    static func open(_ url: DatabaseURL, logger: Logger, readerCount: Int = 4, synchronous: SQLiteSynchronous = .normal) async throws -> Database {
        switch url.target {
        case .sqlite(let path):
            try SQLiteFiles.prepare(path)
            // The one writer connection, which also sets WAL mode, then the readers: each on a
            // serial queue of its own, since SQLite calls block their thread (also while waiting
            // for a lock).
            let writer = try SQLiteDirect(path: path, pragmas: Self.sqlitePragmas(synchronous) + ["PRAGMA journal_mode = WAL"])
            var readers: [SQLiteDirect] = []
            do {
                for _ in 0..<max(1, readerCount) { readers.append(try SQLiteDirect(path: path, pragmas: Self.sqlitePragmas(synchronous))) }
            } catch {
                for connection in readers + [writer] { connection.close() }
                throw error
            }
            let readerPool = LeasePool(readers)
            return Database(url: url, logger: logger, backend: .sqlite(
                writer: LeasePool([writer]),
                readers: readerPool,
                checkpointer: Self.checkpointer(readerPool)
            ))
        case .postgres(let pg):
            var configuration = PostgresClient.Configuration(
                host: pg.host, port: pg.port, username: pg.username, password: pg.password,
                database: pg.database, tls: pg.tls ? .require(.makeClientConfiguration()) : .disable
            )
            configuration.options.connectTimeout = .seconds(5)
            configuration.options.maximumConnections = 16
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let stopped = SharedValue(false)
            let runner = Task {
                await client.run()
                stopped.update { $0 = true }
            }
            var probe = PostgresConnection.Configuration(
                host: pg.host, port: pg.port, username: pg.username, password: pg.password,
                database: pg.database, tls: pg.tls ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
            probe.options.connectTimeout = .seconds(2)
            return Database(url: url, logger: logger, backend: .postgres(client: client, runner: runner, stopped: stopped, probe: probe))
        }
    }

    /// The settings of every SQLite connection (WAL mode is the file's, set once).
    private static func sqlitePragmas(_ synchronous: SQLiteSynchronous) -> [String] {
        ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", synchronous.pragma, "PRAGMA temp_store = MEMORY",
         "PRAGMA wal_autocheckpoint = 0"]
    }

    /// Runs `body` with SQLite's one writer connection, leased for the call (the MCP hot path's
    /// transactions); throws on PostgreSQL.
    func withSQLiteWriter<T: Sendable>(_ body: (SQLiteDirect) async throws -> T) async throws -> T {
        guard case .sqlite(let writer, _, _) = backend else { throw StorageError.unavailable("not a SQLite database") }
        return try await writer.withLease(body)
    }

    /// Copies the write-ahead log back into the database file from a reader connection twice a
    /// second (a passive checkpoint never blocks writers), instead of SQLite's automatic
    /// checkpoint, which runs inside a committing write and holds up every writer queued behind it.
    private static func checkpointer(_ readers: LeasePool<SQLiteDirect>) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                guard !Task.isCancelled else { return }
                _ = try? await readers.withLease { try await $0.query("PRAGMA wal_checkpoint(PASSIVE)", []) }
            }
        }
    }

    /// Runs `body` on one connection outside an explicit transaction (each statement commits
    /// on its own).
    func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, let readers, _):
            return try await readers.withLease { try await body(SQLiteDirectDatabase(connection: $0, logger: logger)) }
        case .postgres(let client, _, _, _):
            return try await client.withConnection { try await body($0.sql(queryLogLevel: nil)) }
        }
    }

    /// Runs `body` on a connection opened just for it (PostgreSQL) or a pooled one (SQLite):
    /// for health checks, which must tell whether the database answers now, not wait for a
    /// pool that is backing off after an outage.
    func withProbeConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite:
            return try await withConnection(body)
        case .postgres(_, _, _, let probe):
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: probe, id: 0, logger: Self.quietLogger)
            do {
                let result = try await body(connection.sql(queryLogLevel: nil))
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    private static let quietLogger = Logger(label: "mcplatformd.probe", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// On SQLite the transaction takes the write lock up front (`BEGIN IMMEDIATE`) so that two
    /// writers queue instead of failing with "database is locked" on upgrade.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withPinnedConnection { try await Self.runTransaction(on: $0, engine: self.engine, body) }
    }

    /// Runs `body` on one connection that stays the same for the whole call (session-level
    /// state such as advisory locks). On SQLite this is the single writer connection.
    func withPinnedConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, _):
            return try await writer.withLease { try await body(SQLiteDirectDatabase(connection: $0, logger: logger)) }
        case .postgres(let client, _, _, _):
            return try await client.withConnection { try await body($0.sql(queryLogLevel: nil)) }
        }
    }

    /// Runs `body` in a transaction on an already pinned connection.
    static func runTransaction<T: Sendable>(
        on db: any SQLDatabase, engine: DatabaseEngine, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.execute(sql: SQLRaw(engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")) { _ in }
        do {
            let result = try await body(db)
            try await db.execute(sql: SQLRaw("COMMIT")) { _ in }
            return result
        } catch {
            // On a connection that is gone the server has rolled back already, and a query sent
            // there may never be answered.
            if !Self.connectionIsGone(error) {
                try? await db.execute(sql: SQLRaw("ROLLBACK")) { _ in }
            }
            throw error
        }
    }

    /// Whether `error` means the connection to the database was lost.
    static func connectionIsGone(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
    }


    /// Closes every connection. The handle must not be used afterwards.
    /// Opens `url`, runs `body` and closes the database whether or not `body` throws (for the
    /// one-shot commands that need a database for one step).
    static func using<T: Sendable>(_ url: DatabaseURL, logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        let database = try await open(url, logger: logger, readerCount: 1)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    func close() async {
        switch backend {
        case .sqlite(let writer, let readers, let checkpointer):
            checkpointer.cancel()
            _ = await checkpointer.value
            for connection in await writer.all + readers.all { connection.close() }
        case .postgres(_, let runner, let stopped, _):
            runner.cancel()
            // The pool closes its connections when cancelled; give it a few seconds, but do not
            // let a connection attempt stuck on an unreachable server hold up the process's exit.
            let deadline = ContinuousClock.now + .seconds(5)
            while !stopped.value, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

/// Storage failures, mapped to HTTP or exit codes at the edge.
enum StorageError: Error, CustomStringConvertible {
    /// The database cannot be reached or opened.
    case unavailable(String)
    /// An operation did not finish in time.
    case timedOut(Duration)

    var description: String {
        switch self {
        case .unavailable(let why): why
        case .timedOut(let duration): "timed out after \(duration)"
        }
    }
}

/// Runs `operation`, throwing `StorageError.timedOut` if it takes longer than `timeout`, or
/// `CancellationError` as soon as the calling task is cancelled.
///
/// The caller always gets control back on time: the operation runs in a task of its own that is
/// cancelled but not awaited, because some operations (a query on a connection that died
/// mid-flight) never finish and ignore cancellation.
func withTimeout<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = OutcomeOnce<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let work = Task {
                do { outcome.resume(.success(try await operation())) } catch { outcome.resume(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { outcome.resume(.failure(StorageError.timedOut(timeout))) }
            }
            outcome.attach(continuation) {
                work.cancel()
                timer.cancel()
            }
        }
    } onCancel: {
        outcome.resume(.failure(CancellationError()))
    }
}

/// Delivers the first of several outcomes to a continuation, exactly once.
private final class OutcomeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var pending: Result<T, any Error>?
        var finished = false
        var cleanup: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    /// Sets the continuation; resumes it at once if an outcome arrived first.
    func attach(_ continuation: CheckedContinuation<T, any Error>, cleanup: @escaping @Sendable () -> Void) {
        let ready: Result<T, any Error>? = state.withLock { state in
            state.cleanup = cleanup
            guard let pending = state.pending, !state.finished else {
                state.continuation = continuation
                return nil
            }
            state.finished = true
            return pending
        }
        if let ready {
            continuation.resume(with: ready)
            cleanup()
        }
    }

    /// Offers an outcome; only the first one counts.
    func resume(_ result: Result<T, any Error>) {
        let action: (CheckedContinuation<T, any Error>, (@Sendable () -> Void)?)? = state.withLock { state in
            guard !state.finished else { return nil }
            guard let continuation = state.continuation else {
                if state.pending == nil { state.pending = result }
                return nil
            }
            state.finished = true
            state.continuation = nil
            return (continuation, state.cleanup)
        }
        if let (continuation, cleanup) = action {
            continuation.resume(with: result)
            cleanup?()
        }
    }
}
