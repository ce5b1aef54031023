import Foundation

/// A walkthrough as stored: its properties, who owns them, its assignments and (in `show`) steps.
public struct APIWalkthrough: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var description: String
    public var type: String
    /// `draft`, `published` or `archived`.
    public var status: String
    public var estimatedMinutes: Int?
    public var tags: [String]
    /// The `--source` label of the push that wrote it.
    public var source: String
    public var contentHash: String
    /// The properties its file sets on every push (`status`, `servers`, `position`).
    public var ownedByFile: [String]
    public var stepCount: Int
    public var assignments: [APIWalkthroughAssignment]
    public var createdAt: Date
    public var updatedAt: Date
    /// In `show` and `pull`: the steps in order.
    public var steps: [WalkthroughStep]?

    public init(id: String, slug: String, title: String, description: String, type: String, status: String, estimatedMinutes: Int?, tags: [String],
                source: String, contentHash: String, ownedByFile: [String], stepCount: Int, assignments: [APIWalkthroughAssignment], createdAt: Date,
                updatedAt: Date, steps: [WalkthroughStep]? = nil) {
        self.id = id
        self.slug = slug
        self.title = title
        self.description = description
        self.type = type
        self.status = status
        self.estimatedMinutes = estimatedMinutes
        self.tags = tags
        self.source = source
        self.contentHash = contentHash
        self.ownedByFile = ownedByFile
        self.stepCount = stepCount
        self.assignments = assignments
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.steps = steps
    }

    /// The walkthrough as a file: its content, and the properties its file owns (what `pull`
    /// writes, so that pushing the pulled file changes nothing).
    public var file: WalkthroughFile {
        let positions = Set(assignments.map(\.position))
        return WalkthroughFile(slug: slug, title: title, description: description, type: type, estimatedMinutes: estimatedMinutes, tags: tags,
                               status: ownedByFile.contains("status") ? status : nil,
                               servers: ownedByFile.contains("servers") ? assignments.map(\.serverSlug) : nil,
                               position: ownedByFile.contains("position") && positions.count == 1 ? positions.first : nil, steps: steps ?? [])
    }
}

/// A walkthrough offered on a server: where in the list, and whether it is on.
public struct APIWalkthroughAssignment: Codable, Sendable, Equatable {
    public var serverSlug: String
    public var position: Int
    public var enabled: Bool

    public init(serverSlug: String, position: Int, enabled: Bool) {
        self.serverSlug = serverSlug
        self.position = position
        self.enabled = enabled
    }
}

/// One file of a push: its path (for messages) and text (parsed again by the daemon).
public struct APIWalkthroughSource: Codable, Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// `POST /v1/orgs/{org}/walkthroughs/push`: files to compare and, unless `dry_run`, apply.
public struct APIWalkthroughPush: Codable, Sendable, Equatable {
    public var source: String
    public var prune: Bool
    public var dryRun: Bool
    public var files: [APIWalkthroughSource]

    public init(source: String, prune: Bool, dryRun: Bool, files: [APIWalkthroughSource]) {
        self.source = source
        self.prune = prune
        self.dryRun = dryRun
        self.files = files
    }
}

/// What a push does (or did): one item per walkthrough.
public struct APIWalkthroughPlan: Codable, Sendable, Equatable {
    public var items: [APIWalkthroughPlanItem]
    public var applied: Bool

    public init(items: [APIWalkthroughPlanItem], applied: Bool) {
        self.items = items
        self.applied = applied
    }

    /// Whether anything would change.
    public var changes: Bool { items.contains { $0.action != "unchanged" } }
}

/// `create`, `update`, `unchanged` or `delete`, with what differs.
public struct APIWalkthroughPlanItem: Codable, Sendable, Equatable {
    public var slug: String
    public var path: String?
    public var action: String
    public var changes: [String]

    public init(slug: String, path: String?, action: String, changes: [String]) {
        self.slug = slug
        self.path = path
        self.action = action
        self.changes = changes
    }
}

/// `POST /v1/orgs/{org}/walkthroughs/{walkthrough}/assign`.
public struct APIWalkthroughAssign: Codable, Sendable, Equatable {
    public var server: String
    public var position: Int?
    public var enabled: Bool?

    public init(server: String, position: Int? = nil, enabled: Bool? = nil) {
        self.server = server
        self.position = position
        self.enabled = enabled
    }
}

/// The text an agent receives for a step.
public struct APIWalkthroughRender: Codable, Sendable, Equatable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// An end user's progress in one walkthrough (`users show`).
public struct APIWalkthroughProgress: Codable, Sendable, Equatable {
    public var walkthroughSlug: String
    public var title: String
    /// 1 for the first run; each restart adds one.
    public var run: Int
    public var completedSteps: Int
    public var totalSteps: Int
    public var currentStepKey: String?
    public var completedAt: Date?
    public var updatedAt: Date

    public init(walkthroughSlug: String, title: String, run: Int, completedSteps: Int, totalSteps: Int, currentStepKey: String?, completedAt: Date?,
                updatedAt: Date) {
        self.walkthroughSlug = walkthroughSlug
        self.title = title
        self.run = run
        self.completedSteps = completedSteps
        self.totalSteps = totalSteps
        self.currentStepKey = currentStepKey
        self.completedAt = completedAt
        self.updatedAt = updatedAt
    }
}
