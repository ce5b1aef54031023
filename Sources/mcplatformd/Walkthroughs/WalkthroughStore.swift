import Foundation
import Shared
import SQLKit

/// Walkthroughs, their steps and assignments in the database, always within one organization.
struct WalkthroughStore: Sendable {
    private static let columns = ["id", "slug", "title", "description", "type", "status", "estimated_minutes", "tags", "source", "content_hash",
                                  "owns_status", "owns_servers", "owns_position", "created_at", "updated_at"]

    /// Every walkthrough of the organization, by slug, with assignments (no steps).
    func list(organizationID: String, on db: any SQLDatabase) async throws -> [APIWalkthrough] {
        let rows = try await db.select().columns(Self.columns.map { SQLColumn($0, table: "walkthroughs") })
            .column(SQLRaw("(SELECT COUNT(*) FROM walkthrough_steps s WHERE s.walkthrough_id = walkthroughs.id) AS step_count"))
            .from("walkthroughs").where("organization_id", .equal, organizationID).orderBy("slug").all()
        let walkthroughs = try rows.map(Self.walkthrough)
        return try await withAssignments(walkthroughs, on: db)
    }

    /// One walkthrough by slug or id, with its steps in order.
    func find(_ reference: String, organizationID: String, on db: any SQLDatabase) async throws -> APIWalkthrough? {
        guard let row = try await db.select().columns(Self.columns.map { SQLColumn($0, table: "walkthroughs") })
            .column(SQLRaw("(SELECT COUNT(*) FROM walkthrough_steps s WHERE s.walkthrough_id = walkthroughs.id) AS step_count"))
            .from("walkthroughs").where("organization_id", .equal, organizationID)
            .where(group: { $0.where("slug", .equal, reference).orWhere("id", .equal, reference) }).first() else { return nil }
        var walkthrough = try await withAssignments([try Self.walkthrough(row)], on: db)[0]
        walkthrough.steps = try await steps(walkthroughID: walkthrough.id, on: db).map(Components.Schemas.WalkthroughStepContent.init)
        return walkthrough
    }

    func steps(walkthroughID: String, on db: any SQLDatabase) async throws -> [WalkthroughStep] {
        try await db.select().columns("step_key", "title", "introduction", "context", "content", "operations").from("walkthrough_steps")
            .where("walkthrough_id", .equal, walkthroughID).orderBy("ordinal").all().map { row in
                WalkthroughStep(key: try row.decode(column: "step_key", as: String.self), title: try row.decode(column: "title", as: String.self),
                                introduction: try row.decode(column: "introduction", as: String.self),
                                context: try row.decode(column: "context", as: String.self),
                                content: try row.decode(column: "content", as: String.self),
                                operations: try row.decode(column: "operations", as: String.self))
            }
    }

    /// Inserts a walkthrough with its steps.
    func insert(_ file: WalkthroughFile, id: String, organizationID: String, source: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.insert(into: "walkthroughs").columns(["organization_id"] + Self.columns)
            .values(SQLBind(organizationID), SQLBind(id), SQLBind(file.slug), SQLBind(file.title), SQLBind(file.description), SQLBind(file.type),
                    SQLBind(file.status ?? "draft"), SQLBind(file.estimatedMinutes.map(Int64.init)), SQLBind(JSONValue.array(file.tags.map(JSONValue.string)).jsonText),
                    SQLBind(source), SQLBind(file.contentHash), SQLBind(file.status != nil), SQLBind(file.servers != nil), SQLBind(file.position != nil),
                    SQLBind(now), SQLBind(now))
            .run()
        try await replaceSteps(file.steps, walkthroughID: id, on: db)
    }

    /// Rewrites the content and ownership of a walkthrough from its file (status only when owned).
    func update(_ file: WalkthroughFile, id: String, source: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        let update = db.update("walkthroughs").set("title", to: file.title).set("description", to: file.description).set("type", to: file.type)
            .set("estimated_minutes", to: file.estimatedMinutes.map(Int64.init)).set("tags", to: JSONValue.array(file.tags.map(JSONValue.string)).jsonText)
            .set("source", to: source).set("content_hash", to: file.contentHash).set("owns_status", to: file.status != nil)
            .set("owns_servers", to: file.servers != nil).set("owns_position", to: file.position != nil).set("updated_at", to: now)
        if let status = file.status { update.set("status", to: status) }
        try await update.where("id", .equal, id).run()
    }

    /// Replaces the steps; progress follows step keys, so nothing else changes.
    func replaceSteps(_ steps: [WalkthroughStep], walkthroughID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "walkthrough_steps").where("walkthrough_id", .equal, walkthroughID).run()
        for start in stride(from: 0, to: steps.count, by: 200) {
            let insert = db.insert(into: "walkthrough_steps").columns("id", "walkthrough_id", "step_key", "ordinal", "title", "introduction", "context",
                                                                      "content", "operations")
            for (offset, step) in steps[start..<min(start + 200, steps.count)].enumerated() {
                insert.values(SQLBind(Identifier.make("wts")), SQLBind(walkthroughID), SQLBind(step.key), SQLBind(Int64(start + offset)), SQLBind(step.title),
                              SQLBind(step.introduction), SQLBind(step.context), SQLBind(step.content), SQLBind(step.operations))
            }
            try await insert.run()
        }
    }

    func setStatus(_ status: String, id: String, now: EpochMillis, on db: any SQLDatabase) async throws {
        try await db.update("walkthroughs").set("status", to: status).set("updated_at", to: now).where("id", .equal, id).run()
    }

    /// Assigns (or re-positions / enables) a walkthrough on a server; a new assignment without
    /// a position goes last.
    func assign(walkthroughID: String, serverID: String, position: Int?, enabled: Bool?, on db: any SQLDatabase) async throws {
        let existing = try await db.select().columns("position", "enabled").from("server_walkthroughs")
            .where("server_id", .equal, serverID).where("walkthrough_id", .equal, walkthroughID).first()
        if existing != nil {
            let update = db.update("server_walkthroughs")
            guard position != nil || enabled != nil else { return }
            if let position { update.set("position", to: Int64(position)) }
            if let enabled { update.set("enabled", to: enabled) }
            try await update.where("server_id", .equal, serverID).where("walkthrough_id", .equal, walkthroughID).run()
            return
        }
        let last = try await db.select().column(SQLFunction("MAX", args: SQLColumn("position")), as: "last").from("server_walkthroughs")
            .where("server_id", .equal, serverID).first()?.decode(column: "last", as: Int64?.self)
        // A stored position is at most `WalkthroughFile.maxCount` when written through the API,
        // but a row is input too: the next position saturates instead of overflowing.
        let next = last.map { $0 >= Int64(WalkthroughFile.maxCount) ? Int64(WalkthroughFile.maxCount) : max(0, $0 + 1) } ?? 0
        try await db.insert(into: "server_walkthroughs").columns("server_id", "walkthrough_id", "position", "enabled")
            .values(SQLBind(serverID), SQLBind(walkthroughID), SQLBind(position.map(Int64.init) ?? next), SQLBind(enabled ?? true)).run()
    }

    func unassign(walkthroughID: String, serverID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "server_walkthroughs").where("server_id", .equal, serverID).where("walkthrough_id", .equal, walkthroughID).run()
    }

    func delete(id: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "walkthroughs").where("id", .equal, id).run()
    }

    private func withAssignments(_ walkthroughs: [APIWalkthrough], on db: any SQLDatabase) async throws -> [APIWalkthrough] {
        guard !walkthroughs.isEmpty else { return walkthroughs }
        let rows = try await db.select().column(SQLColumn("walkthrough_id", table: "server_walkthroughs")).column(SQLColumn("slug", table: "mcp_servers"))
            .column(SQLColumn("position", table: "server_walkthroughs")).column(SQLColumn("enabled", table: "server_walkthroughs"))
            .from("server_walkthroughs")
            .join("mcp_servers", on: SQLColumn("id", table: "mcp_servers"), .equal, SQLColumn("server_id", table: "server_walkthroughs"))
            .where(SQLColumn("walkthrough_id", table: "server_walkthroughs"), .in, SQLBind.group(walkthroughs.map(\.id)))
            .orderBy(SQLColumn("slug", table: "mcp_servers")).all()
        var byWalkthrough: [String: [APIWalkthroughAssignment]] = [:]
        for row in rows {
            byWalkthrough[try row.decode(column: "walkthrough_id", as: String.self), default: []].append(APIWalkthroughAssignment(
                serverSlug: try row.decode(column: "slug", as: String.self), position: try row.decode(column: "position", as: Int.self),
                enabled: try row.decode(column: "enabled", as: Bool.self)))
        }
        return walkthroughs.map { walkthrough in
            var copy = walkthrough
            copy.assignments = byWalkthrough[walkthrough.id] ?? []
            return copy
        }
    }

    private static func walkthrough(_ row: any SQLRow) throws -> APIWalkthrough {
        let tags = (try? JSONValue.parse(Data(try row.decode(column: "tags", as: String.self).utf8)))
        var owned: [String] = []
        if try row.decode(column: "owns_status", as: Bool.self) { owned.append("status") }
        if try row.decode(column: "owns_servers", as: Bool.self) { owned.append("servers") }
        if try row.decode(column: "owns_position", as: Bool.self) { owned.append("position") }
        var tagList: [String] = []
        if case .array(let items)? = tags { tagList = items.compactMap(\.stringValue) }
        return APIWalkthrough(
            id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
            title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
            type: try row.decode(column: "type", as: String.self), status: try row.decode(column: "status", as: String.self),
            estimatedMinutes: try row.decode(column: "estimated_minutes", as: Int?.self), tags: tagList,
            source: try row.decode(column: "source", as: String.self), contentHash: try row.decode(column: "content_hash", as: String.self),
            ownedByFile: owned, stepCount: try row.decode(column: "step_count", as: Int.self), assignments: [],
            createdAt: Date(epochMillis: try row.decode(column: "created_at", as: EpochMillis.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: EpochMillis.self)))
    }
}
