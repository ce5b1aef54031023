import Shared
import SQLKit

/// An organization's overrides of the daemon's retention settings, in days (nil: the daemon's
/// setting; 0: kept).
struct OrganizationRetention: Sendable, Equatable {
    var toolCallDays: Int?
    var sessionDays: Int?
}

/// Reads and writes `organizations.tool_call_retention_days` / `session_retention_days`.
struct OrganizationRetentionStore: Sendable {
    func retention(_ organizationID: String, on db: any SQLDatabase) async throws -> OrganizationRetention? {
        guard let row = try await db.select().columns("tool_call_retention_days", "session_retention_days").from("organizations")
            .where("id", .equal, organizationID).first() else { return nil }
        return OrganizationRetention(toolCallDays: try row.decode(column: "tool_call_retention_days", as: Int?.self),
                                     sessionDays: try row.decode(column: "session_retention_days", as: Int?.self))
    }

    func update(_ organizationID: String, _ retention: OrganizationRetention, on db: any SQLDatabase) async throws {
        try await db.update("organizations").set("tool_call_retention_days", to: retention.toolCallDays)
            .set("session_retention_days", to: retention.sessionDays).where("id", .equal, organizationID).run()
    }
}

extension OrganizationRetention {
    /// Applies a requested change: -1 goes back to the daemon's setting, 0…maxDays overrides it.
    mutating func apply(_ change: APIUpdateOrganizationSettings) {
        if let days = change.toolCallRetentionDays { toolCallDays = days < 0 ? nil : days }
        if let days = change.sessionRetentionDays { sessionDays = days < 0 ? nil : days }
    }

    /// 422 naming the field when a requested number of days is out of range.
    static func validate(_ change: APIUpdateOrganizationSettings) throws {
        for (field, days) in [("tool_call_retention_days", change.toolCallRetentionDays), ("session_retention_days", change.sessionRetentionDays)] {
            if let days, !(-1...RetentionPurge.maxDays).contains(days) {
                throw APIError(status: .unprocessableContent, code: "invalid",
                               message: "\(field) is a number of days from 0 to \(RetentionPurge.maxDays), or -1 to follow the daemon's setting",
                               details: ["field": "settings.\(field)"])
            }
        }
    }
}

extension APIRetentionPeriod {
    /// The effective period: the organization's override, else the daemon's setting.
    init(override days: Int?, platform: Int) {
        self.init(days: RetentionPurge.bounded(days ?? platform), source: days == nil ? .platform : .organization)
    }
}
