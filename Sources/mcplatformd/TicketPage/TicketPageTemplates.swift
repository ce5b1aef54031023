import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The HTML of the ticket page and the unsubscribe page: the consent page's look, every value
/// escaped by the template, no framing, no caching (`OAuthPages.html`).
enum TicketPageTemplates {
    private static let extraStyle = """
        <style>main{max-width:40rem}.msg{border:1px solid #dde1e8;border-radius:8px;padding:.7rem 1rem;margin:.8rem 0;white-space:pre-wrap}
        .msg.team{background:#f2f6ff;border-color:#c9d8f7}.who{font-size:.85rem;color:#5b6475;margin-bottom:.3rem;white-space:normal}
        textarea{width:100%;min-height:8rem;font:inherit;padding:.5rem;box-sizing:border-box}.ok{background:#eaf7ee;border:1px solid #9fd3ad;padding:.6rem;border-radius:6px}</style>
        """

    private static let ticket = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{product}} support #{{number}}</title>\(OAuthPages.style)\(extraStyle)</head><body><main>
        <h1>{{product}} support #{{number}}: {{title}}</h1>
        <p class="muted">Status: <strong>{{status}}</strong></p>
        {{#notice}}<p class="ok">{{notice}}</p>{{/notice}}
        {{#messages}}<div class="msg{{#team}} team{{/team}}"><div class="who">{{who}} · {{when}}</div>{{body}}</div>{{/messages}}
        {{#canReply}}<form method="post" action="{{action}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="message">Your reply</label><textarea id="message" name="message" maxlength="50000" required></textarea>
        {{#error}}<p class="error">{{error}}</p>{{/error}}
        <div class="buttons"><button class="primary" type="submit">Send</button></div>
        </form>{{/canReply}}
        {{^canReply}}<p class="muted">{{closedNote}}</p>{{/canReply}}
        </main></body></html>
        """

    private static let unsubscribe = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Unsubscribe</title>\(OAuthPages.style)</head><body><main>
        {{#done}}<h1>You are unsubscribed</h1><p>{{address}} gets no more email from {{organization}} support.</p>{{/done}}
        {{^done}}<h1>Unsubscribe?</h1><p>Stop all email from {{organization}} support to {{address}}.</p>
        <form method="post" action="{{action}}"><div class="buttons"><button class="primary" type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button></div></form>{{/done}}
        </main></body></html>
        """

    private static let error = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}}</title>\(OAuthPages.style)</head><body><main><h1>{{title}}</h1><p>{{message}}</p></main></body></html>
        """

    private static let library: MustacheLibrary? = {
        guard let ticket = try? MustacheTemplate(string: ticket), let unsubscribe = try? MustacheTemplate(string: unsubscribe),
              let error = try? MustacheTemplate(string: error) else { return nil }
        return MustacheLibrary(templates: ["ticket": ticket, "unsubscribe": unsubscribe, "error": error])
    }()

    /// A plain error page.
    static func error(_ error: OAuthPageError) -> Response {
        OAuthPages.html(library?.render(["title": error.title, "message": error.message], withTemplate: "error") ?? error.message, status: error.status)
    }

    /// One message of the conversation.
    struct Message: Sendable {
        let team: Bool
        let who: String
        let when: String
        let body: String
    }

    /// What the ticket page shows.
    struct Ticket: Sendable {
        let product: String
        let number: Int64
        let title: String
        let status: String
        let messages: [Message]
        let canReply: Bool
        let action: String
        let csrf: String
        var notice: String?
        var error: String?
    }

    static func ticket(_ page: Ticket, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var values: [String: Any] = [
            "product": page.product, "number": page.number, "title": page.title, "status": page.status.replacingOccurrences(of: "_", with: " "),
            "messages": page.messages.map { ["team": $0.team, "who": $0.who, "when": $0.when, "body": $0.body] as [String: Any] },
            "canReply": page.canReply, "action": page.action, "csrf": page.csrf,
            "closedNote": "This ticket is closed. Ask for help again in your editor to open a new one.",
        ]
        if let notice = page.notice { values["notice"] = notice }
        if let error = page.error { values["error"] = error }
        return OAuthPages.html(library?.render(values, withTemplate: "ticket") ?? "", status: status, cookies: cookies)
    }

    static func unsubscribe(organization: String, address: String, action: String, done: Bool) -> Response {
        OAuthPages.html(library?.render(["organization": organization, "address": address, "action": action, "done": done],
                                        withTemplate: "unsubscribe") ?? "", status: .ok)
    }
}
