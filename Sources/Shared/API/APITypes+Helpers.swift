import Foundation

extension Components.Schemas.Walkthrough {
    /// The walkthrough as a file: its content, and the properties its file owns (what `pull`
    /// writes, so that pushing the pulled file changes nothing).
    public var file: WalkthroughFile {
        let positions = Set(assignments.map(\.position))
        return WalkthroughFile(slug: slug, title: title, description: description, type: type, estimatedMinutes: estimatedMinutes, tags: tags,
                               status: ownedByFile.contains("status") ? status : nil,
                               servers: ownedByFile.contains("servers") ? assignments.map(\.serverSlug) : nil,
                               position: ownedByFile.contains("position") && positions.count == 1 ? positions.first : nil,
                               steps: (steps ?? []).map(WalkthroughStep.init))
    }
}

extension WalkthroughStep {
    /// A step as the API carries it.
    public init(_ content: Components.Schemas.WalkthroughStepContent) {
        self.init(key: content.key, title: content.title, introduction: content.introduction, context: content.context,
                  content: content.content, operations: content.operations)
    }
}

extension Components.Schemas.WalkthroughStepContent {
    /// A parsed step as the API carries it.
    public init(_ step: WalkthroughStep) {
        self.init(key: step.key, title: step.title, introduction: step.introduction, context: step.context, content: step.content,
                  operations: step.operations)
    }
}

extension Components.Schemas.WalkthroughPlan {
    /// Whether applying the plan changes anything.
    public var changes: Bool { items.contains { $0.action != "unchanged" } }
}

extension Components.Schemas.TicketEvent {
    /// Who acted, for people: the member's email, the API token, the end user, or "system".
    public var actor: String {
        actorEmail ?? actorTokenId.map { "token \($0)" } ?? actorEndUserId.map { "end user \($0)" } ?? "system"
    }
}

extension Components.Schemas.AnalyticsPoint {
    /// Every tool's calls in this bucket.
    public var totalCalls: Int { calls.values.reduce(0, +) }
}
