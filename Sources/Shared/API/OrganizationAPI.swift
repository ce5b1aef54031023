import Foundation

/// An organization as the API shows it, with the caller's role in it.
public struct APIOrganization: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var role: Role?
    public var createdAt: Date

    public init(id: String, slug: String, name: String, role: Role?, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}

/// `POST /v1/orgs`.
public struct CreateOrganization: Codable, Sendable {
    public var slug: String
    public var name: String

    public init(slug: String, name: String) {
        self.slug = slug
        self.name = name
    }
}

/// `PATCH /v1/orgs/{org}`.
public struct UpdateOrganization: Codable, Sendable {
    public var name: String?

    public init(name: String?) {
        self.name = name
    }
}
