import Foundation

/// The engine-neutral part of writing a batch of tool calls: the emails to claim and the rows;
/// tickets are opened by `TicketOpener`, and each engine's `HotPathWriter` writes the result.
enum ToolCallBatch {
    /// The emails claimed in `records`, the last one per end user, in end-user order.
    static func claims(_ records: [ToolCallRecord]) -> [(endUserID: String, organizationID: String, email: String)] {
        var claims: [String: (organizationID: String, email: String)] = [:]
        for record in records {
            if let email = record.claimedEmail, let endUserID = record.endUserID { claims[endUserID] = (record.organizationID, email) }
        }
        return claims.sorted { $0.key < $1.key }.map { ($0.key, $0.value.organizationID, $0.value.email) }
    }

    static let toolCallColumns = ["id", "organization_id", "server_id", "session_id", "end_user_id", "tool", "arguments", "outcome",
                                  "result_summary", "error", "duration_us", "created_at"]

    static func toolCallRows(_ records: [ToolCallRecord], _ numbers: [Int64?], now: EpochMillis) -> [[ColumnValue]] {
        zip(records, numbers).map { record, number in
            [.text(Identifier.ordered("tc", now: now)), .text(record.organizationID), .text(record.serverID), ColumnValue(record.sessionID),
             ColumnValue(record.endUserID), .text(record.tool), .text(record.arguments), .text(record.isError ? "error" : "ok"),
             .text(String(record.summary(number).prefix(500))), ColumnValue(record.error), .integer(record.durationMicros), .integer(now)]
        }
    }
}
