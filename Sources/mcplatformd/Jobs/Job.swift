/// A job as the queue hands it to its handler.
struct Job: Sendable, Equatable {
    let id: String
    let kind: String
    /// JSON text, decoded by the handler.
    let payload: String
    let organizationID: String?
    /// Attempts including this one.
    let attempts: Int
    let maxAttempts: Int
}

/// The states of a job's life.
enum JobState: String, Sendable, CaseIterable, Codable {
    case pending, running, done, dead
}

/// A job row as operators and customers see it.
struct JobRecord: Sendable, Codable, Equatable {
    let id: String
    let kind: String
    let organizationID: String?
    let state: JobState
    let attempts: Int
    let maxAttempts: Int
    let runAt: EpochMillis
    let lastError: String?
    let createdAt: EpochMillis
    let finishedAt: EpochMillis?
}
