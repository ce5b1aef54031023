import Foundation
import Shared
import SQLKit

/// Delivers walkthroughs through `start_walkthrough` and `get_next_step`: progress per end user
/// and walkthrough, the active walkthrough per end user **and server**, completions as
/// append-only events unique per run and step (a restart starts a new run and keeps history).
struct WalkthroughEngine: Sendable {
    let database: Database
    var webhooks: WebhookPublisher?
    let store = WalkthroughStore()

    /// A walkthrough a server offers.
    struct Offered: Sendable {
        let id: String
        let slug: String
        let title: String
        let description: String
        let type: String
        let estimatedMinutes: Int?
    }

    /// The published, enabled walkthroughs assigned to a server, in display order.
    func offered(serverID: String, on db: any SQLDatabase) async throws -> [Offered] {
        try await db.select().columns(["id", "slug", "title", "description", "type", "estimated_minutes"].map { SQLColumn($0, table: "walkthroughs") })
            .from("server_walkthroughs")
            .join("walkthroughs", on: SQLColumn("id", table: "walkthroughs"), .equal, SQLColumn("walkthrough_id", table: "server_walkthroughs"))
            .where(SQLColumn("server_id", table: "server_walkthroughs"), .equal, SQLBind(serverID))
            .where(SQLColumn("enabled", table: "server_walkthroughs"), .equal, SQLBind(true))
            .where(SQLColumn("status", table: "walkthroughs"), .equal, SQLBind("published"))
            .orderBy(SQLColumn("position", table: "server_walkthroughs")).orderBy(SQLColumn("slug", table: "walkthroughs")).all()
            .map { row in
                Offered(id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                        title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
                        type: try row.decode(column: "type", as: String.self), estimatedMinutes: try row.decode(column: "estimated_minutes", as: Int?.self))
            }
    }

    /// `start_walkthrough`: lists what is offered, or starts (resumes, restarts) one.
    func start(server: HostedServer, identity: MCPIdentity, name: String?, restart: Bool) async throws -> ToolOutcome {
        try await database.transaction { db in
            let offered = try await offered(serverID: server.id, on: db)
            guard !offered.isEmpty else { return .error("No walkthroughs are available on this server.") }
            let chosen: Offered
            if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty {
                let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
                guard let match = offered.first(where: { $0.slug == wanted || $0.title.lowercased() == wanted }) else {
                    return .error("No walkthrough is named '\(name)'. Available: " + offered.map { "\($0.title) (\($0.slug))" }.joined(separator: ", ") + ".")
                }
                chosen = match
            } else if offered.count == 1 {
                chosen = offered[0]
            } else {
                let (text, structured) = try await listing(offered, identity: identity, on: db)
                return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "listed \(offered.count) walkthroughs" })
            }
            let now = nowMillis()
            var progress = try await progress(identity.endUserID, walkthroughID: chosen.id, organizationID: server.organizationID, serverID: server.id, now: now, on: db)
            let steps = try await store.steps(walkthroughID: chosen.id, on: db)
            guard let first = steps.first else { return .error("The walkthrough '\(chosen.title)' has no steps.") }
            if restart {
                progress.run = progress.run == .max ? .max : progress.run + 1  // a stored row is input: saturate, never trap
                progress.currentKey = first.key
                progress.completedAt = nil
                try await db.update("walkthrough_progress").set("run", to: progress.run).set("current_step_key", to: first.key)
                    .set("completed_at", to: SQLLiteral.null).set("started_at", to: now).set("updated_at", to: now).where("id", .equal, progress.id).run()
                try await recordRun(identity, walkthroughID: chosen.id, run: progress.run, organizationID: server.organizationID, serverID: server.id,
                                    now: now, on: db)
            } else {
                try await db.update("walkthrough_progress").set("updated_at", to: now).where("id", .equal, progress.id).run()
            }
            try await activate(chosen.id, identity: identity, serverID: server.id, now: now, on: db)
            let done = try await completedKeys(identity.endUserID, walkthroughID: chosen.id, run: progress.run, on: db)
            if progress.completedAt != nil {
                let text = WalkthroughRenderer.completed(title: chosen.title, slug: chosen.slug, total: steps.count)
                let structured = WalkthroughRenderer.structuredCompleted(title: chosen.title, slug: chosen.slug, total: steps.count)
                return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(chosen.slug): already complete" })
            }
            let index = Self.currentIndex(steps: steps, currentKey: progress.currentKey, done: done)
            try await db.update("walkthrough_progress").set("current_step_key", to: steps[index].key).where("id", .equal, progress.id).run()
            let completed = steps.filter { done.contains($0.key) }.count
            let text = WalkthroughRenderer.step(title: chosen.title, slug: chosen.slug, steps: steps, index: index, completed: completed)
            let structured = WalkthroughRenderer.structuredStep(title: chosen.title, slug: chosen.slug, steps: steps, index: index, completed: completed)
            let key = steps[index].key
            return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(chosen.slug): \(restart ? "restarted" : "at") \(key)" })
        }
    }

    /// `get_next_step`: completes the current step (the one named by `current_step_id` when
    /// given, else the active walkthrough's) and moves to the next one not yet done in this run.
    func next(server: HostedServer, identity: MCPIdentity, currentStepID: String?) async throws -> ToolOutcome {
        try await database.transaction { db in
            let offered = try await offered(serverID: server.id, on: db)
            var walkthrough: Offered?
            var passedKey: String?
            if let currentStepID, !currentStepID.isEmpty {
                let parts = currentStepID.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let match = offered.first(where: { $0.slug == parts[0] }) else {
                    return .error("'\(currentStepID)' is not a step of a walkthrough on this server; pass the current_step_id the last step showed, or call start_walkthrough.")
                }
                walkthrough = match
                passedKey = parts[1]
            } else if let active = try await db.select().column("walkthrough_id").from("walkthrough_active")
                .where("end_user_id", .equal, identity.endUserID).where("server_id", .equal, server.id).first() {
                let id = try active.decode(column: "walkthrough_id", as: String.self)
                walkthrough = offered.first { $0.id == id }
            }
            guard let walkthrough else {
                return .error("No walkthrough is in progress here. Call start_walkthrough first.")
            }
            let now = nowMillis()
            var progress = try await progress(identity.endUserID, walkthroughID: walkthrough.id, organizationID: server.organizationID, serverID: server.id, now: now, on: db)
            let steps = try await store.steps(walkthroughID: walkthrough.id, on: db)
            var done = try await completedKeys(identity.endUserID, walkthroughID: walkthrough.id, run: progress.run, on: db)
            if progress.completedAt != nil && passedKey == nil {
                let text = WalkthroughRenderer.completed(title: walkthrough.title, slug: walkthrough.slug, total: steps.count)
                let structured = WalkthroughRenderer.structuredCompleted(title: walkthrough.title, slug: walkthrough.slug, total: steps.count)
                return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(walkthrough.slug): already complete" })
            }
            let currentKey = passedKey ?? progress.currentKey
            guard let currentIndex = steps.firstIndex(where: { $0.key == currentKey }) ?? (steps.isEmpty ? nil : Self.currentIndex(steps: steps, currentKey: nil, done: done)) else {
                return .error("The walkthrough '\(walkthrough.title)' has no steps.")
            }
            let completedKey = steps[currentIndex].key
            try await db.raw("""
                INSERT INTO walkthrough_step_completions (id, organization_id, end_user_id, walkthrough_id, run, step_key, server_id, session_id, created_at)
                VALUES (\(bind: Identifier.make("wsc")), \(bind: server.organizationID), \(bind: identity.endUserID), \(bind: walkthrough.id), \(bind: progress.run),
                        \(bind: completedKey), \(bind: server.id), \(bind: identity.sessionID), \(bind: now))
                ON CONFLICT (end_user_id, walkthrough_id, run, step_key) DO NOTHING
                """).run()
            done.insert(completedKey)
            try await activate(walkthrough.id, identity: identity, serverID: server.id, now: now, on: db)
            let remaining = steps.indices.filter { !done.contains(steps[$0].key) }
            guard let next = remaining.first(where: { $0 > currentIndex }) ?? remaining.first else {
                if progress.completedAt == nil {
                    progress.completedAt = now
                    try await db.update("walkthrough_progress").set("completed_at", to: now).set("current_step_key", to: completedKey)
                        .set("updated_at", to: now).where("id", .equal, progress.id).run()
                    try await db.update("walkthrough_runs").set("completed_at", to: now).where("end_user_id", .equal, identity.endUserID)
                        .where("walkthrough_id", .equal, walkthrough.id).where("run", .equal, progress.run).run()
                    try await webhooks?.publish([Self.completedEvent(walkthrough, endUserID: identity.endUserID, run: progress.run,
                                                                     organizationID: server.organizationID, at: now)], on: db)
                }
                let text = WalkthroughRenderer.completed(title: walkthrough.title, slug: walkthrough.slug, total: steps.count)
                let structured = WalkthroughRenderer.structuredCompleted(title: walkthrough.title, slug: walkthrough.slug, total: steps.count)
                return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(walkthrough.slug): completed" })
            }
            try await db.update("walkthrough_progress").set("current_step_key", to: steps[next].key).set("updated_at", to: now)
                .where("id", .equal, progress.id).run()
            let completed = steps.filter { done.contains($0.key) }.count
            let text = WalkthroughRenderer.step(title: walkthrough.title, slug: walkthrough.slug, steps: steps, index: next, completed: completed)
            let structured = WalkthroughRenderer.structuredStep(title: walkthrough.title, slug: walkthrough.slug, steps: steps, index: next,
                                                                completed: completed)
            let key = steps[next].key
            return ToolOutcome(text: { _ in text }, structured: { _ in structured }, summary: { _ in "\(walkthrough.slug): \(completedKey) done, now \(key)" })
        }
    }

    /// The step to show: the stored one if it still exists, else the first not done.
    static func currentIndex(steps: [WalkthroughStep], currentKey: String?, done: Set<String>) -> Int {
        if let currentKey, let index = steps.firstIndex(where: { $0.key == currentKey }) { return index }
        return steps.firstIndex { !done.contains($0.key) } ?? 0
    }

    private struct Progress {
        let id: String
        var run: Int64
        var currentKey: String?
        var completedAt: EpochMillis?
    }

    /// The end user's progress row for a walkthrough, created (run 1) on first use.
    private func progress(_ endUserID: String, walkthroughID: String, organizationID: String, serverID: String, now: EpochMillis,
                          on db: any SQLDatabase) async throws -> Progress {
        let created = try await db.raw("""
            INSERT INTO walkthrough_progress (id, organization_id, end_user_id, walkthrough_id, run, started_at, updated_at)
            VALUES (\(bind: Identifier.make("wtp")), \(bind: organizationID), \(bind: endUserID), \(bind: walkthroughID), 1, \(bind: now), \(bind: now))
            ON CONFLICT (end_user_id, walkthrough_id) DO NOTHING RETURNING id
            """).first() != nil
        if created {
            try await db.raw("""
                INSERT INTO walkthrough_runs (organization_id, end_user_id, walkthrough_id, run, server_id, started_at)
                VALUES (\(bind: organizationID), \(bind: endUserID), \(bind: walkthroughID), 1, \(bind: serverID), \(bind: now))
                ON CONFLICT (end_user_id, walkthrough_id, run) DO NOTHING
                """).run()
        }
        guard let row = try await db.select().columns("id", "run", "current_step_key", "completed_at").from("walkthrough_progress")
            .where("end_user_id", .equal, endUserID).where("walkthrough_id", .equal, walkthroughID).first() else {
            throw StorageError.unavailable("walkthrough progress vanished")
        }
        return Progress(id: try row.decode(column: "id", as: String.self), run: try row.decode(column: "run", as: Int64.self),
                        currentKey: try row.decode(column: "current_step_key", as: String?.self),
                        completedAt: try row.decode(column: "completed_at", as: EpochMillis?.self))
    }

    /// Records the start of a run (for funnels and starts counts).
    private func recordRun(_ identity: MCPIdentity, walkthroughID: String, run: Int64, organizationID: String, serverID: String, now: EpochMillis,
                           on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO walkthrough_runs (organization_id, end_user_id, walkthrough_id, run, server_id, started_at)
            VALUES (\(bind: organizationID), \(bind: identity.endUserID), \(bind: walkthroughID), \(bind: run), \(bind: serverID), \(bind: now))
            ON CONFLICT (end_user_id, walkthrough_id, run) DO NOTHING
            """).run()
    }

    private func completedKeys(_ endUserID: String, walkthroughID: String, run: Int64, on db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.select().column("step_key").from("walkthrough_step_completions").where("end_user_id", .equal, endUserID)
            .where("walkthrough_id", .equal, walkthroughID).where("run", .equal, run).all().map { try $0.decode(column: "step_key", as: String.self) })
    }

    /// Makes `walkthroughID` the end user's active walkthrough on this server only.
    private func activate(_ walkthroughID: String, identity: MCPIdentity, serverID: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO walkthrough_active (end_user_id, server_id, walkthrough_id, updated_at)
            VALUES (\(bind: identity.endUserID), \(bind: serverID), \(bind: walkthroughID), \(bind: now))
            ON CONFLICT (end_user_id, server_id) DO UPDATE SET walkthrough_id = excluded.walkthrough_id, updated_at = excluded.updated_at
            """).run()
    }

    /// The walkthroughs on offer with the end user's status of each, as text and as
    /// `structuredContent`.
    private func listing(_ offered: [Offered], identity: MCPIdentity, on db: any SQLDatabase) async throws -> (String, JSONObject) {
        var lines = ["Walkthroughs available here (call start_walkthrough with `name` set to one of these slugs):"]
        var items: [JSONValue] = []
        for (index, walkthrough) in offered.enumerated() {
            var line = "\(index + 1). \(walkthrough.title) (`\(walkthrough.slug)`, \(walkthrough.type)"
            if let minutes = walkthrough.estimatedMinutes { line += ", about \(minutes) min" }
            line += ")"
            if !walkthrough.description.isEmpty { line += ": \(walkthrough.description)" }
            var status = "not_started"
            if let row = try await db.select().columns("run", "completed_at").from("walkthrough_progress")
                .where("end_user_id", .equal, identity.endUserID).where("walkthrough_id", .equal, walkthrough.id).first() {
                let complete = try row.decode(column: "completed_at", as: EpochMillis?.self) != nil
                line += complete ? " — completed" : " — in progress"
                status = complete ? "completed" : "in_progress"
            }
            lines.append(line)
            items.append(["walkthrough_id": .string(walkthrough.slug), "title": .string(walkthrough.title), "type": .string(walkthrough.type),
                          "status": .string(status)])
        }
        return (lines.joined(separator: "\n"), ["walkthroughs": .array(items)])
    }

    static func completedEvent(_ walkthrough: Offered, endUserID: String, run: Int64, organizationID: String, at now: EpochMillis) -> WebhookEvent {
        WebhookEvent(id: Identifier.make("evt"), type: "walkthrough.completed", organizationID: organizationID, occurredAt: now,
                     data: { ["walkthrough": ["id": .string(walkthrough.id), "slug": .string(walkthrough.slug), "title": .string(walkthrough.title)],
                              "end_user": ["id": .string(endUserID)], "run": .int(run)] },
                     summary: { "Walkthrough completed: \(walkthrough.title)" })
    }
}
