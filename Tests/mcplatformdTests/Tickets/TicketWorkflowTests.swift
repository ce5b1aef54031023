import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The ticket workflow through the admin API, on tickets opened by real MCP calls.
@Suite("Ticket workflow")
struct TicketWorkflowTests {
    /// Opens `count` tickets through get_support (numbers 1…count).
    static func openTickets(_ mcp: MCPHarness, count: Int, email: String = "ada@example.com") async throws {
        let session = try #require(try await mcp.initialize().sessionID)
        for index in 1...count {
            let reply = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":{"title":"Problem \#(index)","problem_description":"details \#(index)","email":"\#(email)"}}"#, session: session)
            #expect(reply.toolText?.contains("ticket #") == true, "\(reply.text)")
        }
    }

    static func ticket(_ mcp: MCPHarness, _ reference: String, token: String? = nil) async throws -> APITicket {
        let reply = try await mcp.api.call(.get, "/v1/orgs/acme/tickets/\(reference.replacingOccurrences(of: "#", with: "%23"))", token: token ?? mcp.token)
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(APITicket.self)
    }

    static func patch(_ mcp: MCPHarness, _ reference: String, _ update: APITicketUpdate) async throws -> AdminAPIClient.Reply {
        try await mcp.api.call(.patch, "/v1/orgs/acme/tickets/\(reference)", token: mcp.token, json: update)
    }

    @Test("status moves, resolved_at, priority, edits, assignment and comments: each an event with its actor; bad input changes nothing",
          arguments: TestEngine.all)
    func lifecycle(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.openTickets(mcp, count: 1)
            #expect(try await Self.patch(mcp, "1", APITicketUpdate(status: .inProgress)).status == .ok)
            let resolved = try await Self.patch(mcp, "%231", APITicketUpdate(status: .resolved))  // "#1"
            let resolvedAt = try #require(try resolved.decode(APITicket.self).resolvedAt)
            #expect(try await Self.patch(mcp, "1", APITicketUpdate(status: .closed)).status == .ok)
            #expect(try await Self.ticket(mcp, "1").resolvedAt == resolvedAt, "resolved_at is the first time it was resolved or closed")

            // A closed ticket goes back only to open.
            let refused = try await Self.patch(mcp, "1", APITicketUpdate(status: .inProgress))
            #expect(refused.status == .conflict && refused.errorMessage?.contains("reopen") == true)
            #expect(try await Self.ticket(mcp, "1").status == "closed")
            #expect(try await Self.patch(mcp, "1", APITicketUpdate(status: .open)).status == .ok)

            let edited = try await Self.patch(mcp, "1", APITicketUpdate(priority: .urgent, title: "Build fails on ARM", description: "exit 3 on arm64",
                                                                         assignee: "@me"))
            let afterEdit = try edited.decode(APITicket.self)
            #expect(afterEdit.priority == "urgent" && afterEdit.title == "Build fails on ARM" && afterEdit.assigneeEmail == "owner@acme.test")
            // The same values again change nothing and add no event.
            let before = try await Self.ticket(mcp, "1").events?.count
            #expect(try await Self.patch(mcp, "1", APITicketUpdate(priority: .urgent, assignee: "owner@acme.test")).status == .ok)
            #expect(try await Self.ticket(mcp, "1").events?.count == before)

            let note = try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, json: APITicketComment(body: "Reproduced"))
            #expect(note.status == .created)
            #expect(try note.decode(APITicketEvent.self).visibility == "internal")
            let reply = try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token,
                                               json: APITicketComment(body: "Fixed in 1.4.2", visibility: ._public))
            #expect(try reply.decode(APITicketEvent.self).visibility == "public")
            #expect(try await Self.patch(mcp, "1", APITicketUpdate(assignee: "none")).status == .ok)

            let shown = try await Self.ticket(mcp, "1")
            let events = try #require(shown.events)
            #expect(events.map(\.kind) == ["created", "status_changed", "status_changed", "status_changed", "status_changed",
                                           "priority_changed", "title_changed", "description_changed", "assigned", "comment", "comment", "assigned"])
            #expect(events.map(\.seq) == Array(1...Int64(events.count)), "one sequence, in order")
            #expect(events.dropFirst().allSatisfy { $0.actorEmail == "owner@acme.test" })
            #expect(events.first?.actorEndUserId == shown.endUserId && events.first?.actorEndUserId != nil)
            #expect(events[1].oldValue == "open" && events[1].newValue == "in_progress")
            #expect(events[8].newValue == "owner@acme.test" && events[11].oldValue == "owner@acme.test" && events[11].newValue == nil)
            #expect(shown.endUser?.email == "ada@example.com")
            #expect(shown.recentToolCalls?.map(\.tool) == ["get_support"])
            #expect(shown.serverSlug == "acme-docs")

            // Bad input: a clear error, and nothing changes.
            let count = try await mcp.count("ticket_events")
            for (update, field) in [(#"{"status":"done"}"#, "status"), (#"{"priority":"asap"}"#, "priority"),
                                    (#"{"title":"  "}"#, "title"), (#"{"assignee":"stranger@example.com"}"#, "assignee"),
                                    (#"{"priority":"low","assignee":"stranger@example.com"}"#, "assignee")] {
                let reply = try await mcp.api.call(.patch, "/v1/orgs/acme/tickets/1", token: mcp.token, raw: update)
                #expect(reply.status == .unprocessableContent && reply.errorCode == "invalid", "\(field)")
            }
            for comment in [#"{"body":" \n "}"#, #"{"body":"hi","visibility":"secret"}"#] {
                #expect(try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, raw: comment).status == .unprocessableContent)
            }
            #expect(try await mcp.api.call(.patch, "/v1/orgs/acme/tickets/1", token: mcp.token, raw: "{not json").status == .badRequest)
            #expect(try await Self.patch(mcp, "99", APITicketUpdate(status: .closed)).status == .notFound)
            #expect(try await mcp.count("ticket_events") == count)
            #expect(try await Self.ticket(mcp, "1").priority == "urgent")
        }
    }

    @Test("list filters: status, priority, assignee (@me, none, email), email, server, since, sort; bad filters are 400", arguments: TestEngine.all)
    func listFilters(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.openTickets(mcp, count: 3)
            try await Self.openTickets(mcp, count: 1, email: "grace@example.com")
            #expect(try await Self.patch(mcp, "2", APITicketUpdate(status: .closed, priority: .high, assignee: "@me")).status == .ok)
            let numbers = { (query: String) async throws -> [Int64] in
                let reply = try await mcp.api.call(.get, "/v1/orgs/acme/tickets?\(query)", token: mcp.token)
                #expect(reply.status == .ok, "\(query): \(String(decoding: reply.body, as: UTF8.self))")
                return try reply.decode(Page<APITicket>.self).items.map(\.number)
            }
            #expect(try await numbers("") == [4, 3, 2, 1])
            #expect(try await numbers("sort=oldest") == [1, 2, 3, 4])
            #expect(try await numbers("sort=updated").first == 2)
            #expect(try await numbers("status=open") == [4, 3, 1])
            #expect(try await numbers("status=closed,resolved") == [2])
            #expect(try await numbers("priority=high") == [2])
            #expect(try await numbers("assignee=@me") == [2])
            #expect(try await numbers("assignee=owner@acme.test") == [2])
            #expect(try await numbers("assignee=none") == [4, 3, 1])
            #expect(try await numbers("assignee=nobody@example.com") == [])
            #expect(try await numbers("email=GRACE@example.com") == [4])
            #expect(try await numbers("server=acme-docs") == [4, 3, 2, 1])
            #expect(try await numbers("server=other") == [])
            #expect(try await numbers("since=1h") == [4, 3, 2, 1])
            #expect(try await numbers("since=2000-01-01T00:00:00Z&sort=oldest&limit=2") == [1, 2])
            #expect(try await numbers("since=2999-01-01") == [])
            // Pagination in ascending order follows the cursor.
            let first = try await mcp.api.call(.get, "/v1/orgs/acme/tickets?sort=oldest&limit=3", token: mcp.token).decode(Page<APITicket>.self)
            let cursor = try #require(first.nextCursor)
            #expect(try await numbers("sort=oldest&limit=3&cursor=\(cursor)") == [4])
            for bad in ["status=done", "priority=asap", "sort=random", "since=yesterday"] {
                let reply = try await mcp.api.call(.get, "/v1/orgs/acme/tickets?\(bad)", token: mcp.token)
                #expect(reply.status == .badRequest && reply.errorCode == "bad_request", "\(bad)")
            }
        }
    }

    @Test("the event feed: a cursor from now, events after it in order, a long poll answered as soon as a ticket is opened", arguments: TestEngine.all)
    func eventFeed(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.openTickets(mcp, count: 1)
            let start = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events", token: mcp.token).decode(APITicketEventBatch.self)
            #expect(start.items.isEmpty && start.cursor == 1)
            let replay = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=0", token: mcp.token).decode(APITicketEventBatch.self)
            #expect(replay.items.map(\.kind) == ["created"] && replay.cursor == 1)

            // A long poll waiting for news returns with the ticket an MCP call opens meanwhile.
            let started = ContinuousClock.now
            async let polled = mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=\(start.cursor)&wait=30", token: mcp.token)
            try await Self.openTickets(mcp, count: 1)
            let batch = try await polled.decode(APITicketEventBatch.self)
            #expect(ContinuousClock.now - started < .seconds(25), "answered on the event, not at the end of the wait")
            #expect(batch.items.map(\.ticketNumber) == [2] && batch.items.first?.kind == "created" && batch.cursor == 2)

            #expect(try await Self.patch(mcp, "1", APITicketUpdate(status: .closed)).status == .ok)
            let next = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=\(batch.cursor)&wait=0", token: mcp.token).decode(APITicketEventBatch.self)
            #expect(next.items.map(\.kind) == ["status_changed"] && next.items.first?.ticketNumber == 1 && next.cursor == 3)
            let none = try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?after=3&wait=0", token: mcp.token).decode(APITicketEventBatch.self)
            #expect(none.items.isEmpty && none.cursor == 3)
            for bad in ["after=-1", "after=x", "after=0&wait=61", "after=0&limit=0"] {
                #expect(try await mcp.api.call(.get, "/v1/orgs/acme/ticket-events?\(bad)", token: mcp.token).status == .badRequest, "\(bad)")
            }
        }
    }

    @Test("isolation: another organization sees none of the tickets, events, webhooks or deliveries", arguments: TestEngine.all)
    func isolation(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.openTickets(mcp, count: 1)
            let created = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token,
                                                 json: APIWebhookCreate(url: "https://hooks.example.com/a", events: [.ticketCreated]))
            #expect(created.status == .created, "\(String(decoding: created.body, as: UTF8.self))")
            let webhook = try created.decode(APIWebhook.self)
            let test = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks/\(webhook.id)/test", token: mcp.token)
            let delivery = try test.decode(APIWebhookDelivery.self)

            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            for (method, path) in [(HTTPRequest.Method.get, "/v1/orgs/acme/tickets"), (.get, "/v1/orgs/acme/tickets/1"), (.patch, "/v1/orgs/acme/tickets/1"),
                                   (.post, "/v1/orgs/acme/tickets/1/comments"), (.get, "/v1/orgs/acme/ticket-events?after=0"),
                                   (.get, "/v1/orgs/acme/webhooks"), (.get, "/v1/orgs/beta/webhooks/\(webhook.id)"),
                                   (.delete, "/v1/orgs/beta/webhooks/\(webhook.id)"), (.post, "/v1/orgs/beta/webhooks/\(webhook.id)/test"),
                                   (.get, "/v1/orgs/beta/webhooks/\(webhook.id)/deliveries"), (.get, "/v1/orgs/beta/webhook-deliveries/\(delivery.id)"),
                                   (.get, "/v1/orgs/beta/tickets/1"), (.patch, "/v1/orgs/beta/tickets/1")] {
                let body: (any Encodable)? = method == .patch ? APITicketUpdate(status: .closed) : (method == .post ? APITicketComment(body: "x") : nil)
                let reply = try await mcp.api.call(method, path, token: beta, json: body)
                #expect(reply.status == .notFound, "\(method) \(path) → \(reply.status)")
            }
            let own = try await mcp.api.call(.get, "/v1/orgs/beta/tickets", token: beta).decode(Page<APITicket>.self)
            #expect(own.items.isEmpty)
            let feed = try await mcp.api.call(.get, "/v1/orgs/beta/ticket-events?after=0", token: beta).decode(APITicketEventBatch.self)
            #expect(feed.items.isEmpty)
            #expect(try await mcp.api.call(.get, "/v1/orgs/beta/webhooks", token: beta).decode(Page<APIWebhook>.self).items.isEmpty)
            #expect(try await mcp.api.call(.get, "/v1/orgs/beta/webhook-deliveries", token: beta).decode(Page<APIWebhookDelivery>.self).items.isEmpty)
            #expect(try await Self.ticket(mcp, "1").status == "open", "nothing changed")
            #expect(try await mcp.count("webhooks") == 1)
        }
    }

    @Test("webhooks: validated on create, the secret sealed at rest and shown once; a deleted webhook takes its deliveries", arguments: TestEngine.all)
    func webhookAPI(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let create = { (body: APIWebhookCreate) in try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token, json: body) }
            for (bad, field) in [(#"{"url":"ftp://hooks.example.com","events":["ticket.created"]}"#, "url"),
                                 (#"{"url":"http://127.0.0.1:9/hook","events":["ticket.created"]}"#, "url"),
                                 (#"{"url":"http://10.1.2.3/hook","events":["ticket.created"]}"#, "url"),
                                 (#"{"url":"https://hooks.example.com","events":[]}"#, "events"),
                                 (#"{"url":"https://hooks.example.com","events":["ticket.deleted"]}"#, "events"),
                                 (#"{"url":"https://hooks.example.com","events":["ticket.created"],"format":"xml"}"#, "format"),
                                 (#"{"url":"https://hooks.example.com","events":["ticket.created"],"secret":"short"}"#, "secret")] {
                let reply = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token, raw: bad)
                #expect(reply.status == .unprocessableContent, "\(field): \(reply.status)")
            }
            #expect(try await mcp.count("webhooks") == 0)
            let reply = try await create(APIWebhookCreate(url: "https://hooks.example.com/x", events: [.ticketUpdated, .ticketCreated], secret: "s3cret-s3cret-s3cret"))
            let webhook = try reply.decode(APIWebhook.self)
            #expect(webhook.secret == "s3cret-s3cret-s3cret" && webhook.events == ["ticket.created", "ticket.updated"] && webhook.format == "json")
            let listed = try await mcp.api.call(.get, "/v1/orgs/acme/webhooks", token: mcp.token).decode(Page<APIWebhook>.self).items
            #expect(listed.map(\.id) == [webhook.id] && listed.first?.secret == nil)
            let sealed = try await mcp.services.database.withConnection { db in
                try await db.select().column("secret_sealed").from("webhooks").first()?.decode(column: "secret_sealed", as: String.self)
            }
            #expect(sealed?.contains("s3cret") == false && sealed?.hasPrefix("v1.") == true)
            let generated = try await create(APIWebhookCreate(url: "https://hooks.example.com/y", events: [.endUserIdentified], format: .slack))
            #expect(try generated.decode(APIWebhook.self).secret?.hasPrefix("whsec_") == true)

            // Publishing: a ticket creates one delivery (and one job) per subscribed webhook only.
            try await Self.openTickets(mcp, count: 1)
            let deliveries = try await mcp.api.call(.get, "/v1/orgs/acme/webhook-deliveries", token: mcp.token).decode(Page<APIWebhookDelivery>.self).items
            #expect(Set(deliveries.map(\.eventType)) == ["ticket.created", "end_user.identified"])
            #expect(deliveries.first { $0.eventType == "ticket.created" }?.webhookId == webhook.id)
            let jobs = try await JobQueue(database: mcp.services.database).list(allOrganizations: true, kind: WebhookDeliverer.kind)
            #expect(jobs.count == 2)
            #expect(try await mcp.api.call(.delete, "/v1/orgs/acme/webhooks/\(webhook.id)", token: mcp.token).status == .noContent)
            #expect(try await mcp.count("webhook_deliveries") == 1)
        }
    }

    @Test("a webhook limited to one server receives that server's ticket events only; bad servers and non-ticket events are 422", arguments: TestEngine.all)
    func serverWebhooks(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            let second = try await mcp.api.call(.post, "/v1/orgs/acme/servers", token: mcp.token,
                                                json: ServerFields(slug: "acme-api", name: "Acme API", productName: "Acme API"))
            #expect(second.status == .created)
            let create = { (body: APIWebhookCreate) in try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token, json: body) }
            let beta = try await AdminAPITests.signupWithOrganization(mcp.api, email: "eve@beta.test", slug: "beta")
            #expect(try await mcp.api.call(.post, "/v1/orgs/beta/servers", token: beta, json: ServerFields(slug: "beta-docs", name: "B", productName: "B")).status == .created)
            for (bad, field) in [(APIWebhookCreate(url: "https://hooks.example.com/a", events: [.ticketCreated], server: "nope"), "server"),
                                 (APIWebhookCreate(url: "https://hooks.example.com/a", events: [.ticketCreated], server: "beta-docs"), "server"),
                                 (APIWebhookCreate(url: "https://hooks.example.com/a", events: [.ticketCreated, .endUserIdentified], server: "acme-api"), "events")] {
                let reply = try await create(bad)
                #expect(reply.status == .unprocessableContent && String(decoding: reply.body, as: UTF8.self).contains(field), "\(field): \(reply.status)")
            }
            #expect(try await mcp.count("webhooks") == 0)
            let limited = try await create(APIWebhookCreate(url: "https://hooks.example.com/api", events: [.ticketCreated, .ticketCommented], server: "acme-api"))
            let everything = try await create(APIWebhookCreate(url: "https://hooks.example.com/all", events: [.ticketCreated]))
            let limitedID = try limited.decode(APIWebhook.self).id, everythingID = try everything.decode(APIWebhook.self).id
            #expect(try limited.decode(APIWebhook.self).server == "acme-api")
            let listed = try await mcp.api.call(.get, "/v1/orgs/acme/webhooks", token: mcp.token).decode(Page<APIWebhook>.self).items
            #expect(Set(listed.map { "\($0.id)=\($0.server ?? "all")" }) == ["\(limitedID)=acme-api", "\(everythingID)=all"])

            try await Self.openTickets(mcp, count: 1)
            let api = try #require(try await mcp.initialize(path: "/s/acme-api/mcp").sessionID)
            let opened = try await mcp.legacy("tools/call", #"{"name":"get_support","arguments":\#(MCPHarness.supportArguments)}"#, session: api, path: "/s/acme-api/mcp")
            #expect(opened.toolText?.contains("ticket #2") == true, "\(opened.text)")
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token, json: APITicketComment(body: "docs")).status == .created)
            #expect(try await mcp.api.call(.post, "/v1/orgs/acme/tickets/2/comments", token: mcp.token, json: APITicketComment(body: "api")).status == .created)
            let deliveries = try await mcp.api.call(.get, "/v1/orgs/acme/webhook-deliveries", token: mcp.token).decode(Page<APIWebhookDelivery>.self).items
            let byHook = Dictionary(grouping: deliveries, by: \.webhookId).mapValues { $0.map(\.eventType).sorted() }
            #expect(byHook[everythingID] == ["ticket.created", "ticket.created"], "\(byHook)")
            #expect(byHook[limitedID] == ["ticket.commented", "ticket.created"], "only acme-api's ticket #2: \(byHook)")
        }
    }
}
