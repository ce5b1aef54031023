/// The admin API's error body: `{"error": {"code": "not_found", "message": "…", "details": {…}}}`.
///
/// Both the daemon (which writes it) and mcpctl (which reads it to choose an exit code and a
/// message) use this type.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    /// The error itself.
    public struct Body: Codable, Sendable, Equatable {
        /// Machine-readable code such as `not_found`, `conflict`, `rate_limited`.
        public var code: String
        /// A sentence for people.
        public var message: String
        /// Optional structured details (the offending field, the rule broken, …).
        public var details: [String: String]?

        public init(code: String, message: String, details: [String: String]? = nil) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    public var error: Body

    public init(error: Body) {
        self.error = error
    }
}
