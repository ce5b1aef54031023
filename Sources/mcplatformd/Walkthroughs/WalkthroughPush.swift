import Foundation
import Shared
import SQLKit

/// `walkthroughs push`: parses every file again (the same parser mcpctl ran), compares each
/// walkthrough's content hash and the properties its file owns with what is stored, and —
/// unless a dry run — applies the whole plan in the caller's transaction. An invalid file
/// anywhere refuses the whole push; `prune` deletes only walkthroughs pushed with the same source.
struct WalkthroughPush: Sendable {
    let store = WalkthroughStore()

    func run(_ push: APIWalkthroughPush, organizationID: String, on db: any SQLDatabase) async throws -> APIWalkthroughPlan {
        let files = try parse(push.files)
        let servers = try await serverIDs(organizationID: organizationID, on: db)
        for (path, file) in files {
            for slug in file.servers ?? [] where servers[slug] == nil {
                throw WalkthroughPushError.unknownServer(path: path, slug: slug)
            }
        }
        let existing = Dictionary(uniqueKeysWithValues: try await store.list(organizationID: organizationID, on: db).map { ($0.slug, $0) })
        var items: [APIWalkthroughPlanItem] = []
        for (path, file) in files {
            guard let stored = existing[file.slug] else {
                items.append(APIWalkthroughPlanItem(slug: file.slug, path: path, action: "create", changes: []))
                continue
            }
            guard stored.source == push.source else {
                throw WalkthroughPushError.otherSource(path: path, slug: file.slug, source: stored.source)
            }
            let changes = Self.changes(from: stored, to: file)
            items.append(APIWalkthroughPlanItem(slug: file.slug, path: path, action: changes.isEmpty ? "unchanged" : "update", changes: changes))
        }
        if push.prune {
            let pushed = Set(files.map(\.file.slug))
            for stored in existing.values.sorted(by: { $0.slug < $1.slug }) where stored.source == push.source && !pushed.contains(stored.slug) {
                items.append(APIWalkthroughPlanItem(slug: stored.slug, path: nil, action: "delete", changes: []))
            }
        }
        guard !push.dryRun else { return APIWalkthroughPlan(items: items, applied: false) }
        let now = nowMillis()
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.file) })
        for item in items {
            switch item.action {
            case "create":
                guard let path = item.path, let file = byPath[path] else { continue }
                let id = Identifier.make("wt")
                try await store.insert(file, id: id, organizationID: organizationID, source: push.source, now: now, on: db)
                try await applyAssignments(file, walkthroughID: id, current: [], servers: servers, on: db)
            case "update":
                guard let path = item.path, let file = byPath[path], let stored = existing[file.slug] else { continue }
                try await store.update(file, id: stored.id, source: push.source, now: now, on: db)
                if stored.contentHash != file.contentHash { try await store.replaceSteps(file.steps, walkthroughID: stored.id, on: db) }
                try await applyAssignments(file, walkthroughID: stored.id, current: stored.assignments, servers: servers, on: db)
            case "delete":
                if let stored = existing[item.slug] { try await store.delete(id: stored.id, on: db) }
            default:
                break
            }
        }
        return APIWalkthroughPlan(items: items, applied: true)
    }

    /// The files parsed, or a 422 listing every problem with its file and line.
    private func parse(_ sources: [APIWalkthroughSource]) throws -> [(path: String, file: WalkthroughFile)] {
        var files: [(path: String, file: WalkthroughFile)] = []
        var problems: [String] = []
        for source in sources {
            do {
                files.append((source.path, try WalkthroughParser.parse(source.text, file: source.path)))
            } catch {
                problems.append(error.description)
            }
        }
        var seen: [String: String] = [:]
        for (path, file) in files {
            if let other = seen[file.slug] { problems.append("\(path): slug '\(file.slug)' is also the slug of \(other)") }
            seen[file.slug] = path
        }
        guard problems.isEmpty else {
            throw WalkthroughPushError.invalidFiles(problems)
        }
        return files
    }

    /// What a push of `file` changes in `stored`: content, and each property the file owns.
    static func changes(from stored: APIWalkthrough, to file: WalkthroughFile) -> [String] {
        var changes: [String] = []
        if stored.contentHash != file.contentHash { changes.append("content") }
        if let status = file.status, status != stored.status { changes.append("status \(stored.status) → \(status)") }
        let assigned = stored.assignments.map(\.serverSlug).sorted()
        if let servers = file.servers, Set(servers) != Set(assigned) {
            changes.append("servers [\(assigned.joined(separator: ", "))] → [\(servers.sorted().joined(separator: ", "))]")
        }
        if let position = file.position {
            let kept = Set(file.servers ?? assigned)
            if stored.assignments.contains(where: { kept.contains($0.serverSlug) && $0.position != position }) {
                changes.append("position → \(position)")
            }
        }
        let owned = Set([file.status != nil ? "status" : nil, file.servers != nil ? "servers" : nil, file.position != nil ? "position" : nil].compactMap { $0 })
        let before = Set(stored.ownedByFile)
        if !owned.subtracting(before).isEmpty { changes.append("the file now sets \(owned.subtracting(before).sorted().joined(separator: ", "))") }
        if !before.subtracting(owned).isEmpty { changes.append("the file no longer sets \(before.subtracting(owned).sorted().joined(separator: ", "))") }
        return changes
    }

    /// Sets the assignments a file owns: exactly its `servers`, each at its `position`.
    private func applyAssignments(_ file: WalkthroughFile, walkthroughID: String, current: [APIWalkthroughAssignment], servers: [String: String],
                                  on db: any SQLDatabase) async throws {
        if let wanted = file.servers {
            for assignment in current where !wanted.contains(assignment.serverSlug) {
                if let id = servers[assignment.serverSlug] { try await store.unassign(walkthroughID: walkthroughID, serverID: id, on: db) }
            }
            for slug in wanted {
                guard let id = servers[slug] else { continue }
                try await store.assign(walkthroughID: walkthroughID, serverID: id, position: file.position, enabled: nil, on: db)
            }
        } else if let position = file.position {
            for assignment in current {
                if let id = servers[assignment.serverSlug] {
                    try await store.assign(walkthroughID: walkthroughID, serverID: id, position: position, enabled: nil, on: db)
                }
            }
        }
    }

    private func serverIDs(organizationID: String, on db: any SQLDatabase) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await db.select().columns("slug", "id").from("mcp_servers").where("organization_id", .equal, organizationID)
            .all().map { (try $0.decode(column: "slug", as: String.self), try $0.decode(column: "id", as: String.self)) })
    }
}

/// Why a push is refused whole, mapped to HTTP at the admin API's edge.
enum WalkthroughPushError: Error, Equatable, AdminAPIErrorConvertible {
    /// A file assigns its walkthrough to a server the organization does not have.
    case unknownServer(path: String, slug: String)
    /// The walkthrough exists, pushed from another source.
    case otherSource(path: String, slug: String, source: String)
    /// Files that do not parse, or slugs used twice (each problem names file and line).
    case invalidFiles([String])

    var apiError: APIError {
        switch self {
        case .unknownServer(let path, let slug): .invalid("\(path): servers: no server '\(slug)' in this organization", field: "files")
        case .otherSource(let path, let slug, let source):
            APIError(status: .conflict, code: "conflict",
                     message: "\(path): walkthrough '\(slug)' was pushed with --source \(source); push it with that source, or delete it first")
        case .invalidFiles(let problems):
            APIError(status: .unprocessableContent, code: "invalid", message: problems.prefix(20).joined(separator: "\n"),
                     details: ["field": "files", "problems": "\(problems.count)"])
        }
    }
}
