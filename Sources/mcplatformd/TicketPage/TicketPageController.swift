import Foundation
import Hummingbird
import Shared
import SQLKit

/// The ticket page and the unsubscribe page on the public listener: the only HTML there besides
/// the OAuth steps. Both are reached through a signed link from an email (`TicketLinks`); any
/// host serves them, since the link itself names the ticket or the address. The page shows the
/// conversation's public messages and takes the end user's replies (CSRF: a signed double-submit
/// cookie). An expired or tampered link is a plain error page that says nothing about the ticket.
struct TicketPageController: Sendable {
    let database: Database
    let links: TicketLinks
    let workflow: TicketWorkflow
    /// Whether the public URL is https (then the cookie is `__Host-` and `Secure`).
    let secure: @Sendable () -> Bool

    static let nonceLifetime = 86_400

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("support/tickets/:token") { request, context in await self.page(context) { try await show(request, context) } }
        router.post("support/tickets/:token") { request, context in await self.page(context) { try await reply(request, context) } }
        router.get("support/unsubscribe/:token") { _, context in await self.page(context) { try await unsubscribe(context, confirm: false) } }
        router.post("support/unsubscribe/:token") { _, context in await self.page(context) { try await unsubscribe(context, confirm: true) } }
    }

    private func page(_ context: AppRequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as OAuthPageError {
            return TicketPageTemplates.error(error)
        } catch {
            context.logger.error("ticket page failed", metadata: ["error": "\(error)"])
            return TicketPageTemplates.error(OAuthPageError(status: .internalServerError, title: "Something went wrong",
                                                            message: "The page could not be shown (request \(context.requestID)). Try again in a moment."))
        }
    }

    private static let invalidLink = OAuthPageError(status: .notFound, title: "This link is not valid",
                                                    message: "Use the link of the latest email about your support request.")

    /// The ticket the path's token names; refusals become the plain error pages.
    private func ticketID(_ context: AppRequestContext) throws -> String {
        do {
            return try links.ticketID(fromPage: context.parameters.get("token") ?? "")
        } catch .expired {
            throw OAuthPageError(status: .gone, title: "This link has expired",
                                 message: "Ticket page links work for 30 days. The latest email about your support request has a fresh one.")
        } catch {
            throw Self.invalidLink
        }
    }

    private var cookieName: String { secure() ? "__Host-mcp_ticket_csrf" : "mcp_ticket_csrf" }

    private func show(_ request: Request, _ context: AppRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let ticketID = try ticketID(context)
        let existing = OAuthCookies.parse(request)[cookieName].flatMap { $0.count == 43 ? $0 : nil }
        let nonce = existing ?? Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded()
        var view = try await conversation(ticketID, action: request.uri.path, csrf: links.csrfToken(ticketID: ticketID, nonce: nonce))
        view.error = error
        if request.uri.query?.contains("sent=1") == true, error == nil { view.notice = "Your reply was sent to the team." }
        let cookie = "\(cookieName)=\(nonce); Path=/support/; Max-Age=\(Self.nonceLifetime); HttpOnly; SameSite=Strict" + (secure() ? "; Secure" : "")
        return TicketPageTemplates.ticket(view, status: status, cookies: existing == nil ? [cookie] : [])
    }

    private func reply(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let ticketID = try ticketID(context)
        guard let body = await FormBody.text(request) else {
            throw OAuthPageError(status: .unsupportedMediaType, title: "Not a form", message: "Expected an HTML form submission.")
        }
        let form = QueryParameters(body)
        guard let nonce = OAuthCookies.parse(request)[cookieName], let csrf = form.single("csrf"),
              links.verifyCSRF(csrf, ticketID: ticketID, nonce: nonce) else {
            throw OAuthPageError(status: .forbidden, title: "The form could not be verified",
                                 message: "The reply came without its security token or from another page. Open the ticket page again and resend.")
        }
        guard let owner = try await database.withConnection({ try await Self.owner(of: ticketID, on: $0) }), let endUserID = owner.endUserID else {
            throw Self.invalidLink
        }
        do {
            _ = try await workflow.endUserReply(number: owner.number, message: form.single("message") ?? "", organizationID: owner.organizationID,
                                                endUserID: endUserID)
        } catch let error as TicketError {
            switch error {
            case .invalid(_, let rule): return try await show(request, context, error: rule.prefix(1).uppercased() + rule.dropFirst() + ".",
                                                              status: .unprocessableContent)
            case .closed: return try await show(request, context, error: "This ticket is closed.", status: .conflict)
            default: throw Self.invalidLink
            }
        }
        return OAuthPages.redirect(to: request.uri.path + "?sent=1")
    }

    private func conversation(_ ticketID: String, action: String, csrf: String) async throws -> TicketPageTemplates.Ticket {
        try await database.withConnection { db in
            guard let owner = try await Self.owner(of: ticketID, on: db),
                  let ticket = try await TicketQueries().ticket(id: ticketID, organizationID: owner.organizationID, on: db) else { throw Self.invalidLink }
            let events = try await TicketQueries().events(organizationID: owner.organizationID, ticketID: ticketID, on: db)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
            var messages = [TicketPageTemplates.Message(team: false, who: "You", when: formatter.string(from: ticket.createdAt), body: ticket.description)]
            for event in events where event.kind == "comment" && event.visibility == "public" {
                let team = event.actorEndUserId == nil
                messages.append(.init(team: team, who: team ? "\(owner.product) team" : "You", when: formatter.string(from: event.createdAt),
                                      body: event.body ?? ""))
            }
            return TicketPageTemplates.Ticket(product: owner.product, number: ticket.number, title: ticket.title, status: ticket.status,
                                              messages: messages, canReply: ticket.status != TicketStatus.closed.rawValue && owner.endUserID != nil,
                                              action: action, csrf: csrf)
        }
    }

    /// Who a ticket belongs to, and the product it is about.
    private struct Owner {
        let organizationID: String
        let number: Int64
        let endUserID: String?
        let product: String
    }

    private static func owner(of ticketID: String, on db: any SQLDatabase) async throws -> Owner? {
        guard let row = try await db.raw("""
            SELECT t.organization_id, t.number, t.end_user_id, s.product_name, o.name
            FROM support_tickets t JOIN organizations o ON o.id = t.organization_id LEFT JOIN mcp_servers s ON s.id = t.server_id
            WHERE t.id = \(bind: ticketID)
            """).first() else { return nil }
        return Owner(organizationID: try row.decode(column: "organization_id", as: String.self), number: try row.decode(column: "number", as: Int64.self),
                     endUserID: try row.decode(column: "end_user_id", as: String?.self),
                     product: try row.decode(column: "product_name", as: String?.self) ?? row.decode(column: "name", as: String.self))
    }

    /// The unsubscribe page: a confirmation form (GET), or the unsubscription itself (POST, also
    /// the one-click POST of RFC 8058 that mail clients send).
    private func unsubscribe(_ context: AppRequestContext, confirm: Bool) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let (organizationID, address) = try? links.unsubscribe(token) else { throw Self.invalidLink }
        let name = try await database.withConnection { db -> String? in
            guard let row = try await db.select().column("name").from("organizations").where("id", .equal, organizationID).first() else { return nil }
            if confirm { try await OrganizationMailStore().unsubscribe(address, organizationID: organizationID, on: db) }
            return try row.decode(column: "name", as: String.self)
        }
        guard let name else { throw Self.invalidLink }
        return TicketPageTemplates.unsubscribe(organization: name, address: address, action: TicketLinks.unsubscribePath + token, done: confirm)
    }
}
