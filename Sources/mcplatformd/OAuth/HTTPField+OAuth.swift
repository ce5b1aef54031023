import HTTPTypes

/// Header names the OAuth endpoints send that HTTPTypes does not name. The literals are valid
/// field names, so the initializer cannot fail.
extension HTTPField.Name {
    static let pragma = Self("Pragma")!
    static let accessControlMaxAge = Self("Access-Control-Max-Age")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
