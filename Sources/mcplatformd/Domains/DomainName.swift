/// The rules a custom domain obeys: a DNS host name (RFC 1123 labels, at least two of them),
/// not an IP address, and not the platform's own base domain or a name under it (those are the
/// servers' `<slug>.<base-domain>` names already).
enum DomainName {
    /// `text` lowercased, without a trailing dot, or the reason it is refused.
    static func normalize(_ text: String, baseDomain: String) throws(DomainError) -> String {
        var name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { throw .invalidName(text, "a host name has 1 to 253 characters") }
        if AddressRange.bytes(of: name) != nil || name.hasPrefix("[") {
            throw .invalidName(text, "an IP address cannot be a custom domain: use a host name and point it at the server with a CNAME")
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw .invalidName(text, "a custom domain has at least two labels, e.g. mcp.acme.com") }
        for label in labels {
            guard (1...63).contains(label.utf8.count),
                  label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
                  label.utf8.first != 0x2D, label.utf8.last != 0x2D else {
                throw .invalidName(text, "each label has 1 to 63 letters, digits or inner hyphens (IDNs in punycode, xn--…)")
            }
        }
        if let last = labels.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw .invalidName(text, "the last label of a host name is not all digits")
        }
        let base = baseDomain.lowercased()
        if name == base || name.hasSuffix("." + base) {
            throw .invalidName(text, "names under the platform's own domain \(base) are not custom domains (<slug>.\(base) already reaches the server)")
        }
        return name
    }

    /// The TXT record that proves control of `domain`.
    static func challengeName(of domain: String) -> String { "_mcplatform-challenge." + domain }

    /// The value that record must hold for a claim with `token`.
    static func challengeValue(token: String) -> String { "mcplatform-verify=" + token }
}
