/// The rule for organization and server slugs: a DNS label, because a server's slug becomes
/// its host name `<slug>.<base-domain>`. mcpctl checks it before sending; the daemon checks it
/// again.
public enum Slug {
    /// Names that would collide with the platform's own host names and paths.
    public static let reserved: Set<String> = [
        "www", "api", "admin", "mcp", "oauth", "auth", "login", "app", "static", "assets",
        "docs", "status", "mail", "smtp", "ftp", "localhost", "metrics", "health",
    ]

    /// Why `slug` is not acceptable, or nil when it is.
    public static func problem(with slug: String) -> String? {
        guard (3...63).contains(slug.count) else { return "a slug has 3 to 63 characters" }
        guard slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            return "a slug has only lower-case letters a-z, digits and hyphens"
        }
        guard slug.first != "-", slug.last != "-" else { return "a slug does not start or end with a hyphen" }
        guard !reserved.contains(slug) else { return "'\(slug)' is reserved" }
        return nil
    }
}
