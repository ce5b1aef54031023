import Foundation
import Shared
import SQLKit
import Testing
@testable import mcplatformd

@Suite("Tool-call writers")
struct ToolCallWriterTests {
    /// The rows a batch leaves, without ids and times: what both writers must agree on.
    struct Written: Equatable {
        var tickets: [[String]] = []
        var events: [[String]] = []
        var calls: [[String]] = []
        var email: String?
    }

    /// The organization, server and end user of an MCP session.
    static func owner(of session: String, in database: Database) async throws -> (organizationID: String, serverID: String, endUserID: String) {
        try await database.withConnection { db in
            let row = try #require(try await db.select().columns("organization_id", "server_id", "end_user_id").from("end_user_sessions")
                .where("id", .equal, session).first())
            return (try row.decode(column: "organization_id", as: String.self), try row.decode(column: "server_id", as: String.self),
                    try row.decode(column: "end_user_id", as: String.self))
        }
    }

    @Test("each engine's writer leaves the same rows: tickets, their created events, tool calls, the claimed email", arguments: TestEngine.all)
    func writersAgree(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let database = mcp.services.database
            #expect((database.toolCallWriter() is SQLiteToolCallWriter) == (engine == .sqlite))
            var results: [Written] = []
            do {
                try await database.withConnection { db in
                    for table in ["tool_calls", "ticket_events", "support_tickets"] { try await db.delete(from: table).run() }
                    try await db.update("organizations").set("ticket_counter", to: 0).set("ticket_event_counter", to: 0).run()
                    try await db.update("end_users").set("email", to: SQLLiteral.null).run()
                }
                let session = try #require(try await mcp.initialize().sessionID)
                let (organizationID, serverID, endUserID) = try await Self.owner(of: session, in: database)
                let recorder = ToolCallRecorder(database: database)
                func record(_ title: String?, email: String?, error: String? = nil) -> ToolCallRecord {
                    let draft = title.map {
                        TicketDraft(organizationID: organizationID, serverID: serverID, endUserID: endUserID, sessionID: session, title: $0,
                                    description: "it fails", context: nil, email: email)
                    }
                    return ToolCallRecord(organizationID: organizationID, serverID: serverID, sessionID: session, endUserID: endUserID,
                                          tool: "get_support", arguments: #"{"title":"\#(title ?? "")"}"#, isError: error != nil, error: error,
                                          durationMicros: 42, ticket: draft, claimedEmail: email,
                                          summary: { number in number.map { "ticket #\($0)" } ?? "no ticket" })
                }
                // Concurrent calls, so that at least some share a batch.
                let numbers = try await withThrowingTaskGroup(of: Int64?.self) { group in
                    group.addTask { try await recorder.record(record("first", email: "ada@example.com")) }
                    group.addTask { try await recorder.record(record("second", email: "ada@example.com")) }
                    group.addTask { try await recorder.record(record(nil, email: nil, error: "bad arguments")) }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(numbers.compactMap { $0 }.sorted() == [1, 2])
                results.append(try await database.withConnection { db in
                    var written = Written()
                    for row in try await db.select().columns("number", "title", "description", "email", "status", "priority", "session_id")
                        .from("support_tickets").orderBy("number").all() {
                        written.tickets.append([String(try row.decode(column: "number", as: Int64.self)), try row.decode(column: "title", as: String.self),
                                                try row.decode(column: "description", as: String.self), try row.decode(column: "email", as: String.self),
                                                try row.decode(column: "status", as: String.self), try row.decode(column: "priority", as: String.self),
                                                try row.decode(column: "session_id", as: String.self) == session ? "session" : "other"])
                    }
                    for row in try await db.select().columns("seq", "kind", "new_value", "actor_end_user_id").from("ticket_events").orderBy("seq").all() {
                        written.events.append([String(try row.decode(column: "seq", as: Int64.self)), try row.decode(column: "kind", as: String.self),
                                               try row.decode(column: "new_value", as: String.self),
                                               try row.decode(column: "actor_end_user_id", as: String.self) == endUserID ? "end user" : "other"])
                    }
                    for row in try await db.select().columns("id", "tool", "arguments", "outcome", "result_summary", "error", "duration_us").from("tool_calls")
                        .orderBy("result_summary").all() {
                        #expect(try row.decode(column: "id", as: String.self).hasPrefix("tc_"))
                        written.calls.append([try row.decode(column: "tool", as: String.self), try row.decode(column: "outcome", as: String.self),
                                              try row.decode(column: "result_summary", as: String.self),
                                              try row.decode(column: "error", as: String?.self) ?? "-", String(try row.decode(column: "duration_us", as: Int64.self))])
                    }
                    written.email = try await db.select().column("email").from("end_users").where("id", .equal, endUserID).first()?
                        .decode(column: "email", as: String?.self)
                    return written
                })
                #expect(try await mcp.services.database.withConnection { db in
                    try await db.select().column("ticket_counter").from("organizations").where("id", .equal, organizationID).first()?
                        .decode(column: "ticket_counter", as: Int64.self)
                } == 2)
            }
            let expected = Written(
                tickets: [["1", "first", "it fails", "ada@example.com", "open", "normal", "session"], ["2", "second", "it fails", "ada@example.com", "open", "normal", "session"]]
                    .sorted { $0[0] < $1[0] },
                events: [["1", "created", "open", "end user"], ["2", "created", "open", "end user"]],
                calls: [["get_support", "error", "no ticket", "bad arguments", "42"], ["get_support", "ok", "ticket #1", "-", "42"],
                        ["get_support", "ok", "ticket #2", "-", "42"]],
                email: "ada@example.com")
            for result in results {
                // Which title got which number depends on arrival order: compare titles as a set.
                var normalized = result
                normalized.tickets = result.tickets.map { [$0[0], "first|second"] + $0.dropFirst(2) }
                var wanted = expected
                wanted.tickets = expected.tickets.map { [$0[0], "first|second"] + $0.dropFirst(2) }
                #expect(normalized == wanted)
                #expect(Set(result.tickets.map { $0[1] }) == ["first", "second"])
            }
        }
    }

    @Test("a failing call in a batch fails alone; the others are written", arguments: TestEngine.all)
    func failureIsolated(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let database = mcp.services.database
            let session = try #require(try await mcp.initialize().sessionID)
            let (organizationID, serverID, _) = try await Self.owner(of: session, in: database)
            let recorder = ToolCallRecorder(database: database)
            func record(session: String) -> ToolCallRecord {
                ToolCallRecord(organizationID: organizationID, serverID: serverID, sessionID: session, endUserID: nil, tool: "search_docs",
                               arguments: "{}", isError: false, error: nil, durationMicros: 1, summary: { _ in "ok" })
            }
            let before = try await mcp.count("tool_calls")
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    // A session id that does not exist breaks its row's foreign key.
                    group.addTask {
                        do { _ = try await recorder.record(record(session: index == 3 ? "ses_missing" : session)); return true } catch { return false }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 7)
            #expect(try await mcp.count("tool_calls") == before + 7)
        }
    }

    @Test("webhook deliveries and ticket confirmations commit with the calls, on each engine's writer", arguments: TestEngine.all)
    func deliveriesAndEmails(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let database = mcp.services.database
            let session = try #require(try await mcp.initialize().sessionID)
            let (organizationID, serverID, endUserID) = try await Self.owner(of: session, in: database)
            try await database.withConnection { db in
                try await db.update("end_users").set("email", to: SQLLiteral.null).run()
                try await db.insert(into: "webhooks").columns("id", "organization_id", "url", "events", "format", "secret_sealed", "created_at")
                    .values(SQLBind("whk_test"), SQLBind(organizationID), SQLBind("http://127.0.0.1:9/hook"), SQLBind("ticket.created,end_user.identified"),
                            SQLBind("json"), SQLBind("unused"), SQLBind(nowMillis())).run()
                try await db.insert(into: "mail_unsubscribes").columns("organization_id", "address", "created_at")
                    .values(SQLBind(organizationID), SQLBind("gone@example.com"), SQLBind(nowMillis())).run()
            }
            let queue = JobQueue(database: database)
            let recorder = ToolCallRecorder(database: database, webhooks: WebhookPublisher(queue: queue),
                                            mailer: TicketMailer(enabled: true, queue: queue))
            func record(_ title: String?, email: String?, claim: Bool) -> ToolCallRecord {
                let draft = title.map {
                    TicketDraft(organizationID: organizationID, serverID: serverID, endUserID: endUserID, sessionID: session, title: $0,
                                description: "it fails", context: nil, email: email)
                }
                return ToolCallRecord(organizationID: organizationID, serverID: serverID, sessionID: session, endUserID: endUserID,
                                      tool: "get_support", arguments: "{}", isError: false, error: nil, durationMicros: 7, ticket: draft,
                                      claimedEmail: claim ? email : nil, summary: { number in number.map { "ticket #\($0)" } ?? "no ticket" })
            }
            func rows(_ sql: String) async throws -> [[String]] {
                try await database.withConnection { db in
                    try await db.raw(SQLQueryString(sql)).all().map { row in try row.allColumns.map { try row.decode(column: $0, as: String.self) } }
                }
            }
            let numbers = try await withThrowingTaskGroup(of: Int64?.self) { group in
                group.addTask { try await recorder.record(record("first", email: "ADA@example.com", claim: true)) }
                group.addTask { try await recorder.record(record("second", email: "gone@example.com", claim: false)) }
                group.addTask { try await recorder.record(record(nil, email: nil, claim: false)) }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(numbers.compactMap { $0 }.sorted() == [1, 2])

            // Two tickets and one identification, each delivered to the one webhook with its job.
            let deliveries = try await rows("SELECT id, event_type, body FROM webhook_deliveries ORDER BY event_type, body")
            #expect(deliveries.map { $0[1] } == ["end_user.identified", "ticket.created", "ticket.created"])
            #expect(deliveries[0][2].contains("ADA@example.com"))
            let created = try deliveries.dropFirst().map { try JSONDecoder().decode(JSONValue.self, from: Data($0[2].utf8)) }
            #expect(Set(created.compactMap { body -> Int64? in
                if case .int(let number)? = body["data"]?["ticket"]?["number"] { return number }
                return nil
            }) == [1, 2])
            let deliveryJobs = try await rows("SELECT payload FROM jobs WHERE kind = '\(WebhookDeliverer.kind)' ORDER BY payload")
            #expect(deliveryJobs.map { $0[0] }.sorted() == deliveries.map { JSONValue.object(["delivery": .string($0[0])]).jsonText }.sorted())

            // One confirmation: ada's; the unsubscribed address gets none.
            let emails = try await rows("""
                SELECT e.id, e.kind, e.recipient, t.title FROM ticket_emails e JOIN support_tickets t ON t.id = e.ticket_id
                """)
            #expect(emails.map { Array($0.dropFirst()) } == [["confirmation", "ada@example.com", "first"]])
            let emailJobs = try await rows("SELECT payload FROM jobs WHERE kind = '\(TicketMailer.jobKind)'")
            #expect(emailJobs.map { $0[0] } == emails.map { #"{"email_id":"\#($0[0])"}"# })

            // An organization that sends no confirmations gets its ticket and its delivery, no email.
            try await database.withConnection { db in
                try await db.update("organizations").set("ticket_confirmations", to: false).where("id", .equal, organizationID).run()
            }
            #expect(try await recorder.record(record("third", email: "ada@example.com", claim: true)) == 3)
            #expect(try await rows("SELECT id FROM ticket_emails").count == 1)
            #expect(try await rows("SELECT id FROM webhook_deliveries WHERE event_type = 'ticket.created'").count == 3)
            #expect(try await rows("SELECT id FROM webhook_deliveries WHERE event_type = 'end_user.identified'").count == 1)
        }
    }

    @Test("reserved numbers: the first of N ending at the counter; a counter the subtraction would overflow is an error")
    func reservedNumbers() throws {
        #expect(try TicketOpener.Reserved(lastNumber: 10, lastSeq: 20, count: 3) == TicketOpener.Reserved(number: 8, seq: 18))
        #expect(try TicketOpener.Reserved(lastNumber: .max, lastSeq: 1, count: 1) == TicketOpener.Reserved(number: .max, seq: 1))
        #expect(throws: StorageError.self) { try TicketOpener.Reserved(lastNumber: .min, lastSeq: 1, count: 2) }
        #expect(throws: StorageError.self) { try TicketOpener.Reserved(lastNumber: 5, lastSeq: .min + 1, count: 3) }
        #expect(throws: StorageError.self) { try TicketOpener.Reserved.first(of: 0, endingAt: 5) }
    }

    @Test("ordered identifiers sort by time, keep the shape of random ones, and do not repeat")
    func orderedIdentifiers() {
        let earlier = Identifier.ordered("tc", now: 1_700_000_000_000)
        let later = Identifier.ordered("tc", now: 1_700_000_000_001)
        #expect(earlier < later && earlier.count == 23 && earlier.hasPrefix("tc_"))
        let many = (0..<1000).map { _ in Identifier.ordered("tkt", now: 1_700_000_000_000) }
        #expect(Set(many).count == 1000)
        #expect(Set(many.map { $0.prefix(14) }).count == 1)
        #expect(Identifier.ordered("org").count == Identifier.make("org").count)
    }

    @Test("email plausibility", arguments: [
        ("ada@example.com", true), ("a.b+c@mail.example.org", true), ("ädä@exämple.de", true), ("@example.com", false),
        ("ada@", false), ("ada@example", false), ("ada@.example.com", false), ("ada@example.com.", false), ("ada@exa..mple.com", false),
        ("a@b@example.com", false), ("ada lovelace@example.com", false), ("ada@exam\u{00A0}ple.com", false), ("<ada@example.com>", false),
        ("ada\t@example.com", false), (String(repeating: "a", count: 250) + "@x.io", false), (String(repeating: "a", count: 249) + "@x.io", true),
        (String(repeating: "ä", count: 249) + "@x.io", true), (String(repeating: "ä", count: 250) + "@x.io", false),
    ])
    func emails(text: String, plausible: Bool) {
        #expect(EmailAddress.isPlausible(text) == plausible)
    }

    @Test("whitespace trimming removes spaces and tabs at the ends only")
    func trimming() {
        #expect("  ada@example.com\t".trimmingWhitespace() == "ada@example.com")
        #expect("\u{00A0}a b\u{2003}".trimmingWhitespace() == "a b")
        #expect(" \t ".trimmingWhitespace() == "")
        #expect("\nada\n".trimmingWhitespace() == "\nada\n")
        #expect("ada".trimmingWhitespace() == "ada")
    }
}
