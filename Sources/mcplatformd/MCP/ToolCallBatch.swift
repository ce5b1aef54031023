import Foundation

/// The engine-neutral part of writing a batch of tool calls: which counters to take, which
/// numbers each record gets, and the rows — computed once for both of `ToolCallRecorder`'s writers.
enum ToolCallBatch {
    /// The organizations opening tickets in `records`, each with its records' indices, in id
    /// order (the order their counter rows are locked in).
    static func ticketGroups(_ records: [ToolCallRecord]) -> [(organizationID: String, indices: [Int])] {
        var byOrganization: [String: [Int]] = [:]
        for (index, record) in records.enumerated() where record.ticket != nil {
            byOrganization[record.organizationID, default: []].append(index)
        }
        return byOrganization.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Each record's ticket number, and the tickets to open, from each group's first reserved numbers.
    static func assign(_ records: [ToolCallRecord], _ groups: [(organizationID: String, indices: [Int])],
                               _ firsts: [(number: Int64, seq: Int64)]) -> (numbers: [Int64?], opened: [(draft: TicketDraft, number: Int64, seq: Int64)]) {
        var numbers = [Int64?](repeating: nil, count: records.count)
        var opened: [(draft: TicketDraft, number: Int64, seq: Int64)] = []
        for (group, first) in zip(groups, firsts) {
            for (offset, index) in group.indices.enumerated() {
                let number = first.number + Int64(offset)
                numbers[index] = number
                if let draft = records[index].ticket { opened.append((draft, number, first.seq + Int64(offset))) }
            }
        }
        return (numbers, opened)
    }

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
    static let insertToolCall = toolCallColumns.insertStatement(into: "tool_calls")

    static func toolCallRows(_ records: [ToolCallRecord], _ numbers: [Int64?], now: EpochMillis) -> [[ColumnValue]] {
        zip(records, numbers).map { record, number in
            [.text(Identifier.ordered("tc", now: now)), .text(record.organizationID), .text(record.serverID), ColumnValue(record.sessionID),
             ColumnValue(record.endUserID), .text(record.tool), .text(record.arguments), .text(record.isError ? "error" : "ok"),
             .text(String(record.summary(number).prefix(500))), ColumnValue(record.error), .integer(record.durationMicros), .integer(now)]
        }
    }
}
