import Foundation
import HTTPTypes
import Shared
import SQLKit
import Testing
@testable import mcplatformd

/// The support loop by email against a real SMTP server (aiosmtpd): what is sent when, its
/// headers, threading, body and links; the ticket page and unsubscribe link those emails carry;
/// failures, rate limits and `ticket.email_failed`. Both engines.
@Suite("Ticket email")
struct TicketMailTests {
    static let alice = "/s/acme-docs/api/mcpserver/alice-1/mcp"

    /// Runs `body` with the daemon's MCP endpoint, admin API and job worker, mailing to `smtp`.
    static func withMail(_ engine: TestEngine, smtp: SMTPTransportTests.SMTPServer, configure: @escaping @Sendable (inout MailSettings) -> Void = { _ in },
                         _ body: @escaping @Sendable (MCPHarness) async throws -> Void) async throws {
        try await withMCPEndpoint(engine, configure: { configuration in
            configuration.mail.smtpURL = SMTPURL("smtp://127.0.0.1:\(smtp.port)")
            configuration.mail.allowInsecure = true
            configuration.mail.from = "support@mcp.test"
            configuration.mail.retryDelay = .milliseconds(10)
            configure(&configuration.mail)
        }) { mcp in
            let worker = RunningServices([JobWorker(queue: mcp.services.jobs, handlers: Daemon.jobHandlers(mcp.services, logger: TestDatabase.logger),
                                                    settings: JobQueueTests.fast, logger: TestDatabase.logger)])
            do {
                try await body(mcp)
            } catch {
                try? await worker.stop()
                throw error
            }
            try await worker.stop()
        }
    }

    /// Opens ticket #n for ada@example.com through `get_support`.
    static func openTicket(_ mcp: MCPHarness) async throws {
        let reply = try await mcp.modern("tools/call", name: "get_support", arguments: MCPHarness.supportArguments, path: Self.alice)
        #expect(reply.toolText?.contains("support ticket #") == true, "\(reply.text)")
    }

    /// The messages the SMTP server accepted, parsed by Python's email package.
    static func messages(_ smtp: SMTPTransportTests.SMTPServer, count: Int) async throws -> [[String: Any]] {
        #expect(await eventually(timeout: .seconds(30)) { smtp.received.count >= count }, "received \(smtp.received.count) of \(count)")
        var parsed: [[String: Any]] = []
        for message in smtp.received.prefix(count) {
            parsed.append(try await EmailMessageTests.parse(try #require(message["data"] as? String)))
        }
        return parsed
    }

    static func header(_ message: [String: Any], _ name: String) -> String? {
        (message["headers"] as? [String: [String]])?[name]?.first
    }

    static func text(_ message: [String: Any]) -> String {
        (message["parts"] as? [String: String])?["text/plain"] ?? ""
    }

    /// The first URL in `text` whose path starts with `prefix`.
    static func link(_ text: String, _ prefix: String) -> String? {
        text.split(whereSeparator: \.isWhitespace).map(String.init).first { URLComponents(string: $0)?.path.hasPrefix(prefix) == true }
    }

    static func comment(_ mcp: MCPHarness, _ body: String, public: Bool = true) async throws -> APITicketEvent {
        let response = try await mcp.api.call(.post, "/v1/orgs/acme/tickets/1/comments", token: mcp.token,
                                              json: APITicketComment(body: body, visibility: `public` ? ._public : ._internal))
        #expect(response.status == .created)
        return try response.decode(APITicketEvent.self)
    }

    /// The stored payloads of the staff-mail jobs.
    static func staffPayloads(_ mcp: MCPHarness) async throws -> [String] {
        try await mcp.services.database.withConnection { db in
            try await db.select().column("payload").from("jobs").where("kind", .equal, StaffMailer.jobKind).all()
                .map { try $0.decode(column: "payload", as: String.self) }
        }
    }

    static func ticket(_ mcp: MCPHarness) async throws -> APITicket {
        try await mcp.api.call(.get, "/v1/orgs/acme/tickets/1", token: mcp.token).decode(APITicket.self)
    }

    @Test("confirmation (fixed text), public reply and resolved notice arrive in one thread with the ticket-page and unsubscribe links; internal notes are not sent; the timeline shows each",
          arguments: TestEngine.all)
    func supportLoop(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP()
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp) { mcp in
            try await Self.openTicket(mcp)
            let ticketID = try await Self.ticket(mcp).id
            let root = "<ticket-\(ticketID)@mcp.test>"
            let confirmation = try #require(try await Self.messages(smtp, count: 1).first)
            #expect(Self.header(confirmation, "subject") == "[Acme support #1] We received your request")
            #expect(Self.header(confirmation, "message-id") == root && Self.header(confirmation, "to") == "ada@example.com")
            #expect(Self.header(confirmation, "from") == "Acme support <support@mcp.test>")
            // The address is only claimed: the end user's own words are never sent to it.
            #expect(!Self.text(confirmation).contains("Build fails") && !Self.text(confirmation).contains("acme build exits 3"), "\(Self.text(confirmation))")
            #expect(smtp.received.first?["mail_from"] as? String == "support@mcp.test")

            let note = try await Self.comment(mcp, "Internal: reproduced", public: false)
            #expect(note.email == nil)
            let reply = try await Self.comment(mcp, "Try acme 1.4.2, it fixes the exit code.")
            #expect(reply.email == APIMailOutcome(state: .queued, recipient: "ada@example.com"))
            #expect(try await TicketWorkflowTests.patch(mcp, "1", APITicketUpdate(status: .resolved)).status == .ok)
            let all = try await Self.messages(smtp, count: 3)
            #expect(smtp.received.count == 3, "the internal note is never emailed")
            let answer = all[1], resolved = all[2]
            #expect(Self.header(answer, "subject") == "[Acme support #1] Build fails")
            #expect(Self.header(resolved, "subject") == "[Acme support #1] Resolved: Build fails")
            for message in [answer, resolved] {
                #expect(Self.header(message, "in-reply-to") == root && Self.header(message, "references") == root)
                #expect(Self.header(message, "message-id") != root)
                #expect(Self.header(message, "list-unsubscribe-post") == "List-Unsubscribe=One-Click")
                #expect((message["defects"] as? [String])?.isEmpty == true && message["bare_lf"] as? Bool == false)
            }
            let body = Self.text(answer)
            #expect(body.contains("Try acme 1.4.2, it fixes the exit code.") && !body.contains("Internal: reproduced"))
            #expect(body.contains("Replies to this email are not read"), "no Reply-To: the footer says where replies go")
            #expect((answer["parts"] as? [String: String])?["text/html"]?.contains("Try acme 1.4.2") == true)
            let page = try #require(Self.link(body, TicketLinks.pagePath), Comment(rawValue: body))
            #expect(page.hasPrefix("http://acme-docs.mcp.test:"), "served on the server's own origin: \(page)")
            let unsubscribe = try #require(Self.link(body, TicketLinks.unsubscribePath))
            #expect(Self.header(answer, "list-unsubscribe") == "<\(unsubscribe)>")

            let shown = try await Self.ticket(mcp)
            #expect(shown.mailEnabled == true)
            #expect(await eventually { (try? await Self.ticket(mcp))?.emails?.allSatisfy { $0.state == .sent } == true })
            let emails = try #require(try await Self.ticket(mcp).emails)
            #expect(emails.map(\.kind) == [.confirmation, .reply, .resolved] && emails.allSatisfy { $0.recipient == "ada@example.com" && $0.sentAt != nil })
            #expect(emails[1].eventId == reply.id)
        }
    }

    /// The path and query of `url`.
    static func path(_ url: String) -> String {
        let components = URLComponents(string: url)
        return (components?.percentEncodedPath ?? "") + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    @Test("the ticket page shows the public conversation, takes a CSRF-checked reply that reopens the ticket; tampered and expired links are plain errors; unsubscribe stops the mail",
          arguments: TestEngine.all)
    func ticketPage(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP()
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp, configure: { $0.perRecipientPerHour = 100 }) { mcp in
            // Confirmations off: the first mail is the reply.
            let off = try await mcp.api.call(.patch, "/v1/orgs/acme", token: mcp.token,
                                             json: UpdateOrganization(settings: .init(mailReplyTo: "help@acme.test", ticketConfirmations: false)))
            #expect(off.status == .ok)
            try await Self.openTicket(mcp)
            _ = try await Self.comment(mcp, "Internal only", public: false)
            _ = try await Self.comment(mcp, "Which version do you run?")
            #expect(try await TicketWorkflowTests.patch(mcp, "1", APITicketUpdate(status: .resolved)).status == .ok)
            let mail = try await Self.messages(smtp, count: 2)
            #expect(Self.header(mail[0], "subject") == "[Acme support #1] Build fails", "no confirmation was sent")
            #expect(Self.header(mail[0], "reply-to") == "help@acme.test" && Self.text(mail[0]).contains("replying to this email"))
            let page = Self.path(try #require(Self.link(Self.text(mail[0]), TicketLinks.pagePath)))

            let shown = try await mcp.send(page, method: .get)
            #expect(shown.status == .ok && shown.headers[.xFrameOptions] == "DENY", "\(shown.status)")
            #expect(shown.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(shown.text.contains("Which version do you run?") && shown.text.contains("acme build exits 3") && !shown.text.contains("Internal only"))
            let cookie = try #require(shown.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let csrf = try #require(shown.text.range(of: #"name="csrf" value=""#).map { shown.text[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init))

            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let forged = try await mcp.send(page, body: "csrf=forged&message=hello", headers: form.merging(["Cookie": cookie]) { $1 })
            #expect(forged.status == .forbidden)
            let noCookie = try await mcp.send(page, body: "csrf=\(csrf)&message=hello", headers: form)
            #expect(noCookie.status == .forbidden)
            let empty = try await mcp.send(page, body: "csrf=\(csrf)&message=", headers: form.merging(["Cookie": cookie]) { $1 })
            #expect(empty.status == .unprocessableContent && empty.text.contains("The message is empty"))
            #expect(try await Self.ticket(mcp).status == "resolved", "refused forms change nothing")

            let sent = try await mcp.send(page, body: "csrf=\(csrf)&message=1.4.1%20on%20Linux", headers: form.merging(["Cookie": cookie]) { $1 })
            #expect(sent.status == .found && sent.headers[.location] == URLComponents(string: page)?.path.appending("?sent=1"))
            let ticket = try await Self.ticket(mcp)
            #expect(ticket.status == "open", "an end user's reply reopens a resolved ticket")
            let last = try #require(ticket.events?.last)
            #expect(last.kind == "comment" && last.visibility == "public" && last.body == "1.4.1 on Linux" && last.actorEndUserId == ticket.endUserId)
            let again = try await mcp.send(page + "?sent=1", method: .get, headers: ["Cookie": cookie])
            #expect(again.text.contains("1.4.1 on Linux") && again.text.contains("Your reply was sent"))

            // A tampered signature, an unknown ticket, an expired link: plain error pages.
            var tampered = page
            tampered.removeLast()
            tampered.append(page.hasSuffix("A") ? "B" : "A")
            let bad = try await mcp.send(tampered, method: .get)
            #expect(bad.status == .notFound && bad.text.contains("This link is not valid") && !bad.text.contains("Build fails"))
            let links = mcp.services.ticketLinks
            let expired = try await mcp.send(TicketLinks.pagePath + links.pageToken(ticketID: ticket.id, expires: Int64(Date().timeIntervalSince1970) - 1), method: .get)
            #expect(expired.status == .gone && expired.text.contains("expired"))
            let forgedID = try await mcp.send(TicketLinks.pagePath + "tkt_x.9999999999.AAAA", method: .get)
            #expect(forgedID.status == .notFound)

            // Unsubscribe: a confirmation page, then the one-click POST; later mail is not sent.
            let unsubscribe = Self.path(try #require(Self.link(Self.text(mail[0]), TicketLinks.unsubscribePath)))
            let ask = try await mcp.send(unsubscribe, method: .get)
            #expect(ask.status == .ok && ask.text.contains("ada@example.com") && ask.text.contains("<form"))
            let done = try await mcp.send(unsubscribe, body: "List-Unsubscribe=One-Click", headers: form)
            #expect(done.status == .ok && done.text.contains("You are unsubscribed"))
            let later = try await Self.comment(mcp, "Any news?")
            #expect(later.email?.state == .notSent && later.email?.reason?.contains("unsubscribed") == true, "\(String(describing: later.email))")
            var badUnsubscribe = unsubscribe
            badUnsubscribe.removeLast()
            badUnsubscribe.append(unsubscribe.hasSuffix("A") ? "B" : "A")
            #expect(try await mcp.send(badUnsubscribe, method: .get).status == .notFound)
            #expect(smtp.received.count == 2)
        }
    }

    @Test("an SMTP server that keeps failing: retried with backoff, then failed with the reason in the timeline and ticket.email_failed for webhooks",
          arguments: TestEngine.all)
    func failure(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP(["--fail-first", "1000"])
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp) { mcp in
            let hook = try await mcp.api.call(.post, "/v1/orgs/acme/webhooks", token: mcp.token,
                                              json: APIWebhookCreate(url: "https://hooks.example.com/x", events: [.ticketEmailFailed]))
            #expect(hook.status == .created)
            try await Self.openTicket(mcp)
            #expect(await eventually(timeout: .seconds(60)) { (try? await Self.ticket(mcp))?.emails?.first?.state == .failed })
            let email = try #require(try await Self.ticket(mcp).emails?.first)
            #expect(email.attempts == TicketMailDelivery.maxAttempts && email.lastError?.contains("451") == true, "\(email)")
            let deliveries = try await mcp.api.call(.get, "/v1/orgs/acme/webhook-deliveries", token: mcp.token).decode(Page<APIWebhookDelivery>.self).items
            #expect(deliveries.filter { $0.eventType == "ticket.email_failed" }.count == 1)
            let jobs = try await mcp.services.jobs.list(allOrganizations: true, kind: TicketMailer.jobKind)
            #expect(jobs.map(\.state) == [.dead] && jobs.first?.lastError?.contains("451") == true)
            #expect(smtp.received.isEmpty)
        }
    }

    @Test("over the per-recipient hourly limit mail waits for the next hour: postponed, not failed, attempts not spent", arguments: TestEngine.all)
    func rateLimit(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP()
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp, configure: { $0.perRecipientPerHour = 1 }) { mcp in
            try await Self.openTicket(mcp)
            _ = try await Self.messages(smtp, count: 1)
            _ = try await Self.comment(mcp, "Second message")
            let jobs = mcp.services.jobs
            #expect(await eventually {
                let pending = (try? await jobs.list(allOrganizations: true, state: .pending, kind: TicketMailer.jobKind)) ?? []
                return pending.count == 1 && pending[0].runAt > nowMillis() + 50 * 60_000 && pending[0].attempts == 0
            })
            #expect(try await Self.ticket(mcp).emails?.last?.state == .queued)
            #expect(smtp.received.count == 1)
        }
    }

    @Test("an invitation is emailed with the accept command and its expiry; the job payload holding the token is sealed at rest", arguments: TestEngine.all)
    func invitation(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP()
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp) { mcp in
            let response = try await mcp.api.call(.post, "/v1/orgs/acme/invitations", token: mcp.token,
                                                  json: CreateInvitation(email: "bob@example.com", role: .member))
            #expect(response.status == .created)
            let created = try response.decode(CreatedInvitation.self)
            #expect(created.emailed == true)
            let payloads = try await Self.staffPayloads(mcp)
            #expect(payloads.count == 1 && !payloads[0].contains(created.token) && !payloads[0].contains("bob@example.com"), "\(payloads)")
            let message = try #require(try await Self.messages(smtp, count: 1).first)
            #expect(Self.header(message, "to") == "bob@example.com" && Self.header(message, "subject") == "You are invited to join Acme on mcplatform")
            let text = Self.text(message)
            #expect(text.contains("mcpctl invitations accept \(created.token)") && text.contains(created.invitation.expiresAt.rfc3339), "\(text)")
        }
    }

    @Test("a forgotten password: the same answer for any email, a single-use 8-digit code by email, wrong codes counted, every login ended, rate limited",
          arguments: TestEngine.all)
    func passwordReset(engine: TestEngine) async throws {
        let smtp = try await SMTPTransportTests.startSMTP()
        defer { smtp.process.process.terminate() }
        try await Self.withMail(engine, smtp: smtp) { mcp in
            let known = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "Owner@acme.test"))
            let unknown = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "nobody@acme.test"))
            #expect(known.status == .accepted && unknown.status == .accepted && known.body == unknown.body, "no account enumeration")
            let message = try #require(try await Self.messages(smtp, count: 1).first)
            #expect(Self.header(message, "to") == "owner@acme.test")
            let text = Self.text(message)
            let code = try #require(text.firstMatch(of: /Your code: (\d{8})/).map { String($0.1) }, Comment(rawValue: text))
            let payloads = try await Self.staffPayloads(mcp)
            #expect(payloads.allSatisfy { !$0.contains(code) }, "the code is sealed at rest")
            let stored = try await mcp.services.database.withConnection { db in
                try await db.select().column("code_hash").from("password_resets").all().map { try $0.decode(column: "code_hash", as: String.self) }
            }
            #expect(stored.count == 1 && stored[0] != code && !stored[0].contains(code))

            let wrong = String(format: "%08d", (Int(code)! + 1) % 100_000_000)
            let refused = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                                 json: PasswordResetConfirm(email: "owner@acme.test", code: wrong, newPassword: "a new long password"))
            #expect(refused.status == .unauthorized)
            let short = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                               json: PasswordResetConfirm(email: "owner@acme.test", code: code, newPassword: "short"))
            #expect(short.status == .unprocessableContent)
            let reset = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                               json: PasswordResetConfirm(email: "owner@acme.test", code: code, newPassword: "a new long password"))
            #expect(reset.status == .noContent)
            #expect(try await mcp.api.call(.get, "/v1/orgs/acme", token: mcp.token).status == .unauthorized, "the old login ended")
            let old = try await mcp.api.call(.post, "/v1/account/login", json: Credentials(email: "owner@acme.test", password: "correct horse"))
            #expect(old.status == .unauthorized)
            let login = try await mcp.api.call(.post, "/v1/account/login", json: Credentials(email: "owner@acme.test", password: "a new long password"))
            #expect(login.status == .ok)
            let again = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                               json: PasswordResetConfirm(email: "owner@acme.test", code: code, newPassword: "another long password"))
            #expect(again.status == .unauthorized, "a code works once")

            // Five wrong guesses kill a code; requests per email are limited.
            _ = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "owner@acme.test"))
            let second = try await Self.messages(smtp, count: 2)
            let fresh = try #require(Self.text(second[1]).firstMatch(of: /Your code: (\d{8})/).map { String($0.1) })
            for guess in 1...PasswordResetStore.maxAttempts {
                let bad = String(format: "%08d", (Int(fresh)! + guess) % 100_000_000)
                _ = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                           json: PasswordResetConfirm(email: "owner@acme.test", code: bad, newPassword: "another long password"))
            }
            let late = try await mcp.api.call(.post, "/v1/account/password-reset/confirm",
                                              json: PasswordResetConfirm(email: "owner@acme.test", code: fresh, newPassword: "another long password"))
            #expect(late.status == .unauthorized, "the right code after five wrong guesses is refused")
            let third = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "owner@acme.test"))
            #expect(third.status == .accepted)
            let fourth = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "owner@acme.test"))
            #expect(fourth.status == .tooManyRequests)
        }
    }

    @Test("mail off: nothing is queued, and a public reply says why", arguments: TestEngine.all)
    func mailOff(engine: TestEngine) async throws {
        try await withMCPEndpoint(engine) { mcp in
            try await Self.openTicket(mcp)
            let reply = try await Self.comment(mcp, "Hello")
            #expect(reply.email == APIMailOutcome(state: .notSent, reason: TicketMailer.notConfigured))
            let ticket = try await Self.ticket(mcp)
            #expect(ticket.mailEnabled == false && ticket.emails == [])
            #expect(try await mcp.count("ticket_emails") == 0)
            let invited = try await mcp.api.call(.post, "/v1/orgs/acme/invitations", token: mcp.token, json: CreateInvitation(email: "bob@example.com", role: .member))
            #expect(try invited.decode(CreatedInvitation.self).emailed == false)
            let staffJobs = try await mcp.services.jobs.list(allOrganizations: true, kind: StaffMailer.jobKind)
            #expect(staffJobs.isEmpty)
            let reset = try await mcp.api.call(.post, "/v1/account/password-reset", json: PasswordResetRequest(email: "owner@acme.test"))
            #expect(reset.status == .forbidden && String(decoding: reset.body, as: UTF8.self).contains("smtp-url"))
        }
    }
}
