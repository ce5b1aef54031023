import Foundation
import Shared

/// `/v1/orgs/{org}/walkthroughs`: push (plan and apply), read, publish/unpublish/archive,
/// assign to servers, render, delete. Admins change, members read.
extension AdminAPI {
    static let maxWalkthroughFiles = 2000

    func listWalkthroughs(_ input: Operations.ListWalkthroughs.Input) async throws -> Operations.ListWalkthroughs.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let walkthroughs = try await database.withConnection { try await WalkthroughStore().list(organizationID: organization.id, on: $0) }
        return .ok(.init(body: .json(.init(items: walkthroughs, nextCursor: nil))))
    }

    func getWalkthrough(_ input: Operations.GetWalkthrough.Input) async throws -> Operations.GetWalkthrough.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        return .ok(.init(body: .json(try await findWalkthrough(input.path.walkthrough, in: organization))))
    }

    func pushWalkthroughs(_ input: Operations.PushWalkthroughs.Input) async throws -> Operations.PushWalkthroughs.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let push) = input.body else { throw APIError.badQuery("expected JSON") }
        guard WalkthroughParser.isKey(push.source) else {
            throw APIError.invalid("a source label is lower-case letters, digits and hyphens", field: "source")
        }
        guard push.files.count <= Self.maxWalkthroughFiles else { throw APIError.invalid("at most \(Self.maxWalkthroughFiles) files per push", field: "files") }
        let plan = try await database.transaction { db in
            let plan = try await WalkthroughPush().run(push, organizationID: organization.id, on: db)
            if plan.applied && plan.changes {
                let counts = Dictionary(grouping: plan.items, by: \.action).mapValues { "\($0.count)" }
                try await AuditLog.record("walkthroughs.push", target: ("organization", organization.id), organizationID: organization.id,
                                          actor: Actor(principal), details: counts.merging(["source": push.source]) { $1 }, on: db)
            }
            return plan
        }
        return .ok(.init(body: .json(plan)))
    }

    func deleteWalkthrough(_ input: Operations.DeleteWalkthrough.Input) async throws -> Operations.DeleteWalkthrough.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let walkthrough = try await findWalkthrough(input.path.walkthrough, in: organization)
        try await database.transaction { db in
            try await WalkthroughStore().delete(id: walkthrough.id, on: db)
            try await AuditLog.record("walkthrough.delete", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug], on: db)
        }
        return .noContent(.init())
    }

    func publishWalkthrough(_ input: Operations.PublishWalkthrough.Input) async throws -> Operations.PublishWalkthrough.Output {
        .ok(.init(body: .json(try await setWalkthroughStatus("published", input.path.walkthrough))))
    }

    func unpublishWalkthrough(_ input: Operations.UnpublishWalkthrough.Input) async throws -> Operations.UnpublishWalkthrough.Output {
        .ok(.init(body: .json(try await setWalkthroughStatus("draft", input.path.walkthrough))))
    }

    func archiveWalkthrough(_ input: Operations.ArchiveWalkthrough.Input) async throws -> Operations.ArchiveWalkthrough.Output {
        .ok(.init(body: .json(try await setWalkthroughStatus("archived", input.path.walkthrough))))
    }

    func assignWalkthrough(_ input: Operations.AssignWalkthrough.Input) async throws -> Operations.AssignWalkthrough.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let assignment) = input.body else { throw APIError.badQuery("expected JSON") }
        if let position = assignment.position, !(0...WalkthroughFile.maxCount).contains(position) {
            throw APIError.invalid("position is a whole number from 0 to \(WalkthroughFile.maxCount)", field: "position")
        }
        let walkthrough = try await findWalkthrough(input.path.walkthrough, in: organization)
        let serverID = try await walkthroughServer(assignment.server, in: organization)
        try await database.transaction { db in
            try await WalkthroughStore().assign(walkthroughID: walkthrough.id, serverID: serverID, position: assignment.position,
                                                enabled: assignment.enabled, on: db)
            try await AuditLog.record("walkthrough.assign", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "server": assignment.server], on: db)
        }
        return .ok(.init(body: .json(try await findWalkthrough(walkthrough.id, in: organization))))
    }

    func unassignWalkthrough(_ input: Operations.UnassignWalkthrough.Input) async throws -> Operations.UnassignWalkthrough.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        guard case .json(let assignment) = input.body else { throw APIError.badQuery("expected JSON") }
        let walkthrough = try await findWalkthrough(input.path.walkthrough, in: organization)
        let serverID = try await walkthroughServer(assignment.server, in: organization)
        try await database.transaction { db in
            try await WalkthroughStore().unassign(walkthroughID: walkthrough.id, serverID: serverID, on: db)
            try await AuditLog.record("walkthrough.unassign", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "server": assignment.server], on: db)
        }
        return .ok(.init(body: .json(try await findWalkthrough(walkthrough.id, in: organization))))
    }

    /// `?step=KEY`: the text the tools give an end user who has done the steps before KEY.
    func renderWalkthrough(_ input: Operations.RenderWalkthrough.Input) async throws -> Operations.RenderWalkthrough.Output {
        let (organization, _, _) = try AdminRequest.requireOrganization()
        let walkthrough = try await findWalkthrough(input.path.walkthrough, in: organization)
        let steps = (walkthrough.steps ?? []).map(WalkthroughStep.init)
        guard !steps.isEmpty else { throw APIError.notFound("walkthrough '\(walkthrough.slug)' has no steps") }
        var index = 0
        if let key = input.query.step {
            guard let found = steps.firstIndex(where: { $0.key == key }) else {
                throw APIError.notFound("no step '\(key)' in \(walkthrough.slug) (steps: \(steps.map(\.key).joined(separator: ", ")))")
            }
            index = found
        }
        let text = WalkthroughRenderer.step(title: walkthrough.title, slug: walkthrough.slug, steps: steps, index: index, completed: index)
        return .ok(.init(body: .json(APIWalkthroughRender(text: text))))
    }

    private func setWalkthroughStatus(_ status: String, _ reference: String) async throws -> APIWalkthrough {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        let walkthrough = try await findWalkthrough(reference, in: organization)
        try await database.transaction { db in
            try await WalkthroughStore().setStatus(status, id: walkthrough.id, now: nowMillis(), on: db)
            try await AuditLog.record("walkthrough.status", target: ("walkthrough", walkthrough.id), organizationID: organization.id,
                                      actor: Actor(principal), details: ["slug": walkthrough.slug, "status": status], on: db)
        }
        return try await findWalkthrough(walkthrough.id, in: organization)
    }

    private func findWalkthrough(_ reference: String, in organization: Organization) async throws -> APIWalkthrough {
        guard let walkthrough = try await database.withConnection({ try await WalkthroughStore().find(reference, organizationID: organization.id, on: $0) }) else {
            throw APIError.notFound("no walkthrough '\(reference)' in \(organization.slug)")
        }
        return walkthrough
    }

    private func walkthroughServer(_ slug: String, in organization: Organization) async throws -> String {
        guard let server = try await database.withConnection({ try await ServerStore().find(slug, organizationID: organization.id, on: $0) }) else {
            throw APIError.invalid("no server '\(slug)' in \(organization.slug)", field: "server")
        }
        return server.id
    }
}
