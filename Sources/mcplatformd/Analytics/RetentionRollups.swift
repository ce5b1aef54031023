import SQLKit

/// Folds deleted raw rows of one organization into the roll-ups that outlive them (see
/// `Migration.retention`): adds to existing rows, so batches and purges add up.
struct RetentionRollups: Sendable {
    let organizationID: String

    private struct LatencyKey: Hashable {
        let server: String, day: EpochMillis, tool: String, bucket: Int
    }

    private struct UserToolKey: Hashable {
        let server: String, day: EpochMillis, user: String, tool: String
    }

    private struct SessionKey: Hashable {
        let server: String, day: EpochMillis, user: String
    }

    /// Rows with `server_id`, `tool`, `outcome`, `duration_us`, `end_user_id` and `created_at`.
    func foldToolCalls(_ rows: [any SQLRow], on db: any SQLDatabase) async throws {
        var latency: [LatencyKey: (calls: Int, errors: Int)] = [:]
        var users: [UserToolKey: Int] = [:]
        for row in rows {
            let server = try row.decode(column: "server_id", as: String.self), tool = try row.decode(column: "tool", as: String.self)
            let day = RetentionPurge.dayStart(try row.decode(column: "created_at", as: EpochMillis.self))
            let bucket = DurationHistogram.bucket(microseconds: try row.decode(column: "duration_us", as: Int64.self))
            let failed = try row.decode(column: "outcome", as: String.self) == "error"
            let key = LatencyKey(server: server, day: day, tool: tool, bucket: bucket)
            latency[key, default: (0, 0)].calls += 1
            if failed { latency[key, default: (0, 0)].errors += 1 }
            if let user = try row.decode(column: "end_user_id", as: String?.self) {
                users[UserToolKey(server: server, day: day, user: user, tool: tool), default: 0] += 1
            }
        }
        if !latency.isEmpty {
            var insert = db.insert(into: "analytics_latency_days")
                .columns("organization_id", "server_id", "day_start", "tool", "bucket", "calls", "errors")
            for (key, counts) in latency {
                insert = insert.values(SQLBind(organizationID), SQLBind(key.server), SQLBind(key.day), SQLBind(key.tool), SQLBind(key.bucket),
                                       SQLBind(counts.calls), SQLBind(counts.errors))
            }
            try await insert.onConflict(with: ["organization_id", "server_id", "day_start", "tool", "bucket"]) {
                $0.set("calls", to: SQLRaw("analytics_latency_days.calls + excluded.calls"))
                    .set("errors", to: SQLRaw("analytics_latency_days.errors + excluded.errors"))
            }.run()
        }
        if !users.isEmpty {
            var insert = db.insert(into: "analytics_user_tool_days").columns("organization_id", "server_id", "day_start", "end_user_id", "tool", "calls")
            for (key, calls) in users {
                insert = insert.values(SQLBind(organizationID), SQLBind(key.server), SQLBind(key.day), SQLBind(key.user), SQLBind(key.tool), SQLBind(calls))
            }
            try await insert.onConflict(with: ["organization_id", "server_id", "day_start", "end_user_id", "tool"]) {
                $0.set("calls", to: SQLRaw("analytics_user_tool_days.calls + excluded.calls"))
            }.run()
        }
    }

    /// Rows with `server_id`, `end_user_id` and `started_at`: each session counts on the day it started.
    func foldSessions(_ rows: [any SQLRow], on db: any SQLDatabase) async throws {
        var sessions: [SessionKey: Int] = [:]
        for row in rows {
            let key = SessionKey(server: try row.decode(column: "server_id", as: String.self),
                                 day: RetentionPurge.dayStart(try row.decode(column: "started_at", as: EpochMillis.self)),
                                 user: try row.decode(column: "end_user_id", as: String.self))
            sessions[key, default: 0] += 1
        }
        guard !sessions.isEmpty else { return }
        var insert = db.insert(into: "analytics_session_days").columns("organization_id", "server_id", "day_start", "end_user_id", "sessions")
        for (key, count) in sessions {
            insert = insert.values(SQLBind(organizationID), SQLBind(key.server), SQLBind(key.day), SQLBind(key.user), SQLBind(count))
        }
        try await insert.onConflict(with: ["organization_id", "server_id", "day_start", "end_user_id"]) {
            $0.set("sessions", to: SQLRaw("analytics_session_days.sessions + excluded.sessions"))
        }.run()
    }
}
