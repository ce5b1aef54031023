import Foundation
import Hummingbird
import Shared
import SQLKit

/// `/v1/orgs/{org}/walkthroughs`: push (plan and apply), read, publish/unpublish/archive,
/// assign to servers, render, delete. Admins change, members read.
struct WalkthroughController: Sendable {
    let database: Database
    let access: OrganizationAccess
    let store = WalkthroughStore()
    static let maxFiles = 2000

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":org/walkthroughs", use: list)
        group.post(":org/walkthroughs/push", use: push)
        group.get(":org/walkthroughs/:walkthrough", use: show)
        group.delete(":org/walkthroughs/:walkthrough", use: delete)
        group.get(":org/walkthroughs/:walkthrough/render", use: render)
        group.post(":org/walkthroughs/:walkthrough/publish") { try await setStatus("published", $0, $1) }
        group.post(":org/walkthroughs/:walkthrough/unpublish") { try await setStatus("draft", $0, $1) }
        group.post(":org/walkthroughs/:walkthrough/archive") { try await setStatus("archived", $0, $1) }
        group.post(":org/walkthroughs/:walkthrough/assign", use: assign)
        group.post(":org/walkthroughs/:walkthrough/unassign", use: unassign)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<APIWalkthrough> {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return Page(items: try await database.withConnection { try await store.list(organizationID: organization.id, on: $0) }, nextCursor: nil)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> APIWalkthrough {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        return try await find(try context.parameters.require("walkthrough"), organization: organization)
    }

    @Sendable func push(_ request: Request, context: AppRequestContext) async throws -> APIWalkthroughPlan {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIWalkthroughPush.self, context: context)
        guard WalkthroughParser.isKey(input.source) else {
            throw APIError.invalid("a source label is lower-case letters, digits and hyphens", field: "source")
        }
        guard input.files.count <= Self.maxFiles else { throw APIError.invalid("at most \(Self.maxFiles) files per push", field: "files") }
        return try await database.transaction { db in
            let plan = try await WalkthroughPush().run(input, organizationID: organization.id, on: db)
            if plan.applied && plan.changes {
                let counts = Dictionary(grouping: plan.items, by: \.action).mapValues { "\($0.count)" }
                try await AuditLog.record("walkthroughs.push", target: ("organization", organization.id), organizationID: organization.id,
                                          actor: Actor(principal), details: counts.merging(["source": input.source]) { $1 }, on: db)
            }
            return plan
        }
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let walkthrough = try await find(try context.parameters.require("walkthrough"), organization: organization)
        try await database.transaction { db in
            try await store.delete(id: walkthrough.id, on: db)
            try await AuditLog.record("walkthrough.delete", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug], on: db)
        }
        return .noContent
    }

    private func setStatus(_ status: String, _ request: Request, _ context: AppRequestContext) async throws -> APIWalkthrough {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let walkthrough = try await find(try context.parameters.require("walkthrough"), organization: organization)
        try await database.transaction { db in
            try await store.setStatus(status, id: walkthrough.id, now: nowMillis(), on: db)
            try await AuditLog.record("walkthrough.status", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "status": status], on: db)
        }
        return try await find(walkthrough.id, organization: organization)
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> APIWalkthrough {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIWalkthroughAssign.self, context: context)
        if let position = input.position, !(0...WalkthroughFile.maxCount).contains(position) {
            throw APIError.invalid("position is a whole number from 0 to \(WalkthroughFile.maxCount)", field: "position")
        }
        let walkthrough = try await find(try context.parameters.require("walkthrough"), organization: organization)
        let serverID = try await server(input.server, organization: organization)
        try await database.transaction { db in
            try await store.assign(walkthroughID: walkthrough.id, serverID: serverID, position: input.position, enabled: input.enabled, on: db)
            try await AuditLog.record("walkthrough.assign", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "server": input.server], on: db)
        }
        return try await find(walkthrough.id, organization: organization)
    }

    @Sendable func unassign(_ request: Request, context: AppRequestContext) async throws -> APIWalkthrough {
        let principal = try context.requirePrincipal()
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: principal, minimum: .admin)
        let input = try await request.decode(as: APIWalkthroughAssign.self, context: context)
        let walkthrough = try await find(try context.parameters.require("walkthrough"), organization: organization)
        let serverID = try await server(input.server, organization: organization)
        try await database.transaction { db in
            try await store.unassign(walkthroughID: walkthrough.id, serverID: serverID, on: db)
            try await AuditLog.record("walkthrough.unassign", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "server": input.server], on: db)
        }
        return try await find(walkthrough.id, organization: organization)
    }

    /// `?step=KEY`: the text the tools give an end user who has done the steps before KEY.
    @Sendable func render(_ request: Request, context: AppRequestContext) async throws -> APIWalkthroughRender {
        let (organization, _) = try await access.resolve(try context.parameters.require("org"), for: try context.requirePrincipal(), minimum: .member)
        let walkthrough = try await find(try context.parameters.require("walkthrough"), organization: organization)
        let steps = (walkthrough.steps ?? []).map(WalkthroughStep.init)
        guard !steps.isEmpty else { throw APIError.notFound("walkthrough '\(walkthrough.slug)' has no steps") }
        var index = 0
        if let key = request.uri.queryParameters.get("step") {
            guard let found = steps.firstIndex(where: { $0.key == key }) else {
                throw APIError.notFound("no step '\(key)' in \(walkthrough.slug) (steps: \(steps.map(\.key).joined(separator: ", ")))")
            }
            index = found
        }
        return APIWalkthroughRender(text: WalkthroughRenderer.step(title: walkthrough.title, slug: walkthrough.slug, steps: steps, index: index, completed: index))
    }

    private func find(_ reference: String, organization: Organization) async throws -> APIWalkthrough {
        guard let walkthrough = try await database.withConnection({ try await store.find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no walkthrough '\(reference)' in \(organization.slug)")
        }
        return walkthrough
    }

    private func server(_ slug: String, organization: Organization) async throws -> String {
        guard let server = try await database.withConnection({ try await ServerStore().find(slug, organizationID: organization.id, on: $0) }) else {
            throw APIError.invalid("no server '\(slug)' in \(organization.slug)", field: "server")
        }
        return server.id
    }
}
