import Shared

/// What the ticket workflow refuses, in its own terms; the admin API's edge maps each case to a
/// status and the error envelope (`apiError`), so the workflow knows nothing of HTTP.
enum TicketError: Error, Equatable, AdminAPIErrorConvertible {
    /// No ticket with this number or id in the organization (or it was deleted meanwhile).
    case notFound(reference: String)
    /// A closed or resolved ticket must be reopened before it can move elsewhere.
    case cannotMove(number: Int64, from: String, to: String)
    /// `@me` needs an account; an API token has none.
    case assigneeNeedsAccount
    /// The assignee named is not a member of the organization.
    case notAMember(String)
    /// A field breaks its rule (`field` names it).
    case invalid(field: String, rule: String)
    /// A closed ticket takes no more messages from its end user (a resolved one is reopened).
    case closed(number: Int64)

    var apiError: APIError {
        switch self {
        case .notFound(let reference): .notFound("no ticket '\(reference)'")
        case .cannotMove(let number, let from, let to):
            APIError(status: .conflict, code: "conflict", message: "ticket #\(number) is \(from) and cannot become \(to); reopen it first")
        case .assigneeNeedsAccount:
            .invalid("@me needs a login token; an API token has no account, so name the assignee by email", field: "assignee")
        case .notAMember(let text): .invalid("\(text) is not a member of this organization", field: "assignee")
        case .invalid(let field, let rule): .invalid(rule, field: field)
        case .closed(let number): APIError(status: .conflict, code: "conflict", message: "ticket #\(number) is closed")
        }
    }
}
