import Foundation

/// A walkthrough as authored in a markdown file (docs/WALKTHROUGHS.md): front matter and steps.
public struct WalkthroughFile: Sendable, Equatable, Codable {
    public var slug: String
    public var title: String
    public var description: String
    /// `course`, `installer`, `troubleshooting`, `integration` or `quickstart`.
    public var type: String
    public var estimatedMinutes: Int?
    public var tags: [String]
    /// Present only when the file owns the property (its front-matter key is there).
    public var status: String?
    public var servers: [String]?
    public var position: Int?
    public var steps: [WalkthroughStep]

    public init(slug: String, title: String, description: String, type: String, estimatedMinutes: Int?, tags: [String], status: String?,
                servers: [String]?, position: Int?, steps: [WalkthroughStep]) {
        self.slug = slug
        self.title = title
        self.description = description
        self.type = type
        self.estimatedMinutes = estimatedMinutes
        self.tags = tags
        self.status = status
        self.servers = servers
        self.position = position
        self.steps = steps
    }

    public static let types = ["course", "installer", "troubleshooting", "integration", "quickstart"]
    /// The largest `position` or `estimated_minutes` (front matter or admin API): bounded so
    /// that arithmetic on stored positions cannot overflow.
    public static let maxCount = 100_000
    public static let statuses = ["draft", "published", "archived"]

    /// The SHA-256 (hex) of everything but the properties a file may own (status, servers,
    /// position): what `push` compares to tell an update from an unchanged walkthrough.
    public var contentHash: String {
        var canonical = self
        canonical.status = nil
        canonical.servers = nil
        canonical.position = nil
        return SHA256Hex.digest(WalkthroughWriter.render(canonical))
    }
}

/// One step: its key (progress follows it), heading, and the four content fields of schema v1.
public struct WalkthroughStep: Sendable, Equatable, Codable {
    public var key: String
    public var title: String
    public var introduction: String
    public var context: String
    public var content: String
    public var operations: String

    public init(key: String, title: String, introduction: String = "", context: String = "", content: String = "", operations: String = "") {
        self.key = key
        self.title = title
        self.introduction = introduction
        self.context = context
        self.content = content
        self.operations = operations
    }
}

/// A problem in a walkthrough file, with where it is.
public struct WalkthroughFileError: Error, Equatable, CustomStringConvertible, Codable, Sendable {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(file):\(line): \(problem)" }
}
