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

/// The statuses of a support ticket (docs/ARCHITECTURE.md) and the moves between them.
enum TicketStatus: String, Sendable, CaseIterable {
    case open
    case inProgress = "in_progress"
    case resolved
    case closed

    /// Whether the ticket is done with (resolved or closed).
    var isFinished: Bool { self == .resolved || self == .closed }

    /// Whether a ticket may move from this status to `next`: open and in-progress tickets move
    /// between each other and to resolved or closed; a resolved ticket may still be closed;
    /// resolved and closed ones go back only to open (a reopen).
    func canMove(to next: TicketStatus) -> Bool {
        switch (self, next) {
        case (.open, _), (.inProgress, _): true
        case (.resolved, .closed), (.resolved, .open), (.closed, .open): true
        default: false
        }
    }
}

/// How urgent a ticket is.
enum TicketPriority: String, Sendable, CaseIterable {
    case low, normal, high, urgent
}

/// The kinds of entries in a ticket's history.
enum TicketEventKind: String, Sendable {
    case created
    case comment
    case statusChanged = "status_changed"
    case priorityChanged = "priority_changed"
    case assigned
    case titleChanged = "title_changed"
    case descriptionChanged = "description_changed"
}
