/// A member's role in an organization; API tokens carry one too (never above their creator's).
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Reads everything in the organization.
    case member
    /// Also manages servers and content.
    case admin
    /// Also manages members, tokens and the organization itself.
    case owner

    private var rank: Int {
        switch self {
        case .member: 0
        case .admin: 1
        case .owner: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
