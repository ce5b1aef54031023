import HTTPTypes

/// Header names the OAuth endpoints send that HTTPTypes does not name.
extension HTTPField.Name {
    static let pragma = Self(known: "Pragma")
    static let accessControlMaxAge = Self(known: "Access-Control-Max-Age")
    static let xFrameOptions = Self(known: "X-Frame-Options")
    static let referrerPolicy = Self(known: "Referrer-Policy")
    static let xContentTypeOptions = Self(known: "X-Content-Type-Options")
}
