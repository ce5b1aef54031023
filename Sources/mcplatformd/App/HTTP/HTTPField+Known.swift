import HTTPTypes

extension HTTPField.Name {
    /// A field name written as a literal token (letters, digits, hyphens), valid by
    /// construction; a typo in one stops the daemon at its first use, in every test.
    init(known name: StaticString) {
        guard let valid = Self(name.description) else { preconditionFailure("not an HTTP field name: \(name)") }
        self = valid
    }

    /// Sent with server-sent events so that nginx-style proxies do not buffer them.
    static let xAccelBuffering = Self(known: "X-Accel-Buffering")
    /// The client's host as a trusted reverse proxy saw it.
    static let xForwardedHost = Self(known: "X-Forwarded-Host")
}
