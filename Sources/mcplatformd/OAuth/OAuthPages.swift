import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The only HTML the daemon renders (docs/ARCHITECTURE.md): the consent page (with the email field in
/// `collect_email` mode) and the error page. Templates escape every value; responses forbid
/// framing and caching.
enum OAuthPages {
    static let style = """
        <style>
        body{font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;background:#f6f7f9;color:#1d2330;margin:0}
        main{max-width:30rem;margin:4rem auto;background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:2rem}
        h1{font-size:1.3rem;margin-top:0}.muted{color:#5b6475;font-size:.9rem}.warn{background:#fff6e0;border:1px solid #f0d08a;padding:.6rem;border-radius:6px}
        .error{color:#a1261c}label{display:block;margin:1rem 0 .3rem;font-weight:600}input[type=email]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
        .buttons{display:flex;gap:.6rem;margin-top:1.4rem}button{font-size:1rem;padding:.55rem 1.2rem;border-radius:6px;border:1px solid #9aa3b2;background:#fff;cursor:pointer}
        button.primary{background:#1f5fd6;border-color:#1f5fd6;color:#fff}
        </style>
        """

    private static let consent = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Allow {{client}}?</title>\(style)</head><body><main>
        <h1>Allow <strong>{{client}}</strong> to use {{product}}?</h1>
        <p><strong>{{client}}</strong> asks to connect to the {{server}} MCP server for you.</p>
        {{#provider}}<p>You will sign in with <strong>{{provider}}</strong>, which shares your identity ({{scopes}}) with {{product}} — never with {{client}}.</p>{{/provider}}
        {{#collectEmail}}<p>{{product}} asks for your email address so its team knows who you are and can answer your support requests.</p>{{/collectEmail}}
        <p class="muted">After you decide, you are sent back to <strong>{{redirectHost}}</strong>.</p>
        {{#loopback}}<p class="warn">{{redirectHost}} is an application on this computer. Allow only if you started this connection yourself.</p>{{/loopback}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="request" value="{{request}}"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#collectEmail}}<label for="email">Your email</label><input id="email" type="email" name="email" value="{{email}}" maxlength="254" autocomplete="email" autofocus>
        {{#emailError}}<p class="error">{{emailError}}</p>{{/emailError}}{{/collectEmail}}
        <div class="buttons"><button class="primary" type="submit" name="decision" value="approve">Allow</button>
        <button type="submit" name="decision" value="deny">Deny</button></div>
        </form></main></body></html>
        """

    private static let error = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}}</title>\(style)</head><body><main>
        <h1>{{title}}</h1><p>{{message}}</p>
        <p class="muted">Nothing was shared. Go back to your application and connect again.</p>
        </main></body></html>
        """

    private static let library: MustacheLibrary? = {
        guard let consent = try? MustacheTemplate(string: consent), let error = try? MustacheTemplate(string: error) else { return nil }
        return MustacheLibrary(templates: ["consent": consent, "error": error])
    }()

    /// What the consent page shows.
    struct Consent: Sendable {
        let client: String
        let product: String
        let server: String
        /// The upstream provider's name, when the end user signs in with one.
        let provider: String?
        let scopes: String
        let collectEmail: Bool
        let email: String
        let emailError: String?
        let redirectHost: String
        let loopback: Bool
        let action: String
        let request: String
        let csrf: String
    }

    static func consent(_ page: Consent, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var values: [String: Any] = [
            "client": page.client, "product": page.product, "server": page.server, "scopes": page.scopes, "collectEmail": page.collectEmail,
            "email": page.email, "redirectHost": page.redirectHost, "loopback": page.loopback, "action": page.action, "request": page.request,
            "csrf": page.csrf,
        ]
        if let provider = page.provider { values["provider"] = provider }
        if let error = page.emailError { values["emailError"] = error }
        return html(library?.render(values, withTemplate: "consent") ?? "", status: status, cookies: cookies)
    }

    /// The page for any failure of a browser step, mapped once: page errors as they are, an
    /// unknown server as 404, anything else as a 500 whose detail goes to the log only.
    static func error(_ error: any Error, context: AppRequestContext) -> Response {
        switch error {
        case let error as OAuthPageError:
            return self.error(error)
        case let error as ServerNotFound:
            return self.error(OAuthPageError(status: .notFound, title: "Unknown server", message: error.message))
        default:
            context.logger.error("OAuth browser step failed", metadata: ["error": "\(error)"])
            return self.error(OAuthPageError(status: .internalServerError, title: "Something went wrong",
                                             message: "The sign-in could not be completed (request \(context.requestID)). Try again in a moment."))
        }
    }

    static func error(_ error: OAuthPageError) -> Response {
        html(library?.render(["title": error.title, "message": error.message], withTemplate: "error") ?? error.message, status: error.status)
    }

    static func html(_ body: String, status: HTTPResponse.Status, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .xFrameOptions: "DENY",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
            .referrerPolicy: "no-referrer", .xContentTypeOptions: "nosniff",
        ]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A redirect (302) that sets `cookies` on the way; never cached.
    static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store", .referrerPolicy: "no-referrer"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .found, headers: headers)
    }
}
