/// Why a custom-domain operation was refused; mapped to an HTTP answer once, in `DomainsAPI`.
enum DomainError: Error, Sendable, Equatable {
    /// Not a host name this platform accepts (the text, and why).
    case invalidName(String, String)
    /// This server already claims the domain.
    case alreadyClaimed(String)
    /// Another server has verified the domain.
    case verifiedElsewhere(String)
    /// The server has no claim on the domain.
    case notClaimed(String)
    /// The TXT record does not hold the claim's value: what was asked and what was found.
    case mismatch(name: String, expected: String, found: [String])
    /// The DNS lookup itself failed.
    case lookupFailed(name: String, reason: String)
}
