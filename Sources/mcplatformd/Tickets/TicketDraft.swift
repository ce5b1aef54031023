/// A support ticket about to be opened by `get_support`; the write gives it its number.
struct TicketDraft: Sendable, Equatable {
    let organizationID: String
    let serverID: String
    let endUserID: String
    let sessionID: String
    let title: String
    let description: String
    let context: String?
    let email: String?
}

/// The statuses of a support ticket (DESIGN.md §3).
enum TicketStatus: String, Sendable, CaseIterable {
    case open
    case inProgress = "in_progress"
    case resolved
    case closed
}
