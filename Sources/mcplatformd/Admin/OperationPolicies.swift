import Foundation
import Shared
import Yams

/// The least a caller needs for an operation of the admin API, declared per operation in
/// `openapi.yaml` (`x-min-role`) and enforced once by `AuthorizationMiddleware`.
enum MinimumAccess: Sendable, Equatable {
    /// No token (signup, login, this document).
    case open
    /// Any valid token.
    case account
    /// A login token (an account, not an organization's API token).
    case login
    /// This role or a higher one in the organization of the path.
    case role(Role)

    init?(_ text: String) {
        switch text {
        case "open": self = .open
        case "account": self = .account
        case "login": self = .login
        default:
            guard let role = Role(rawValue: text) else { return nil }
            self = .role(role)
        }
    }
}

/// What `openapi.yaml` says about each operation beyond its shape.
struct OperationPolicy: Sendable, Equatable {
    var access: MinimumAccess
    /// The answer carries a secret shown once (`x-contains-secret`): never stored for replays.
    var containsSecret = false
}

/// Every operation's policy, read from the document the daemon serves.
struct OperationPolicies: Sendable {
    let byOperation: [String: OperationPolicy]

    /// The policies of `OpenAPISpec.yaml`; an operation without a valid `x-min-role` is a
    /// programming error the tests catch (`AdminAPIContractTests`), and is refused at run time.
    static let document: OperationPolicies = OperationPolicies(yaml: OpenAPISpec.yaml)

    init(yaml: String) {
        var policies: [String: OperationPolicy] = [:]
        let document = (try? Yams.load(yaml: yaml)) as? [String: Any] ?? [:]
        for (_, item) in document["paths"] as? [String: Any] ?? [:] {
            for (_, value) in item as? [String: Any] ?? [:] {
                guard let operation = value as? [String: Any], let id = operation["operationId"] as? String,
                      let access = (operation["x-min-role"] as? String).flatMap(MinimumAccess.init) else { continue }
                policies[id] = OperationPolicy(access: access, containsSecret: operation["x-contains-secret"] as? Bool ?? false)
            }
        }
        byOperation = policies
    }

    subscript(operationID: String) -> OperationPolicy? { byOperation[operationID] }
}
