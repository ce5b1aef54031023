import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// One answer to an outbound request: its status and (size-limited) body.
struct OutboundResponse: Sendable {
    let status: Int
    let body: Data

    /// The body as a JSON object, if it is one.
    var jsonObject: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

/// Why an outbound request got no usable answer: refused by the policy, or the peer could not be
/// reached in time or answered too much.
struct OutboundFailure: Error, CustomStringConvertible, Sendable {
    let description: String
}

/// Small HTTP exchanges with other servers (identity providers, client metadata documents,
/// discovery documents), with a deadline and a cap on what is read. Redirects are never followed.
enum OutboundHTTP {
    /// Sends one request; `policy` (when given) is checked first, so a customer-supplied URL
    /// cannot reach a private address.
    static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], form: [(String, String)]? = nil,
                     policy: OutboundPolicy?, timeout: Duration = .seconds(10), maxBytes: Int = 256 * 1024) async throws(OutboundFailure) -> OutboundResponse {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
            throw OutboundFailure(description: "\(url.prefix(200)) is not an http(s) URL")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: "mcplatformd/\(MCPlatformVersion.current)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let form {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form)))
        }
        let policy = policy ?? OutboundPolicy(allowPrivateAddresses: true, resolver: nil)
        do {
            return try await policy.send(request, url: parsed, timeout: .milliseconds(timeout.milliseconds)) { response in
                let body = try await response.body.collect(upTo: maxBytes)
                return OutboundResponse(status: Int(response.status.code), body: Data(buffer: body))
            }
        } catch let error as OutboundError {
            throw OutboundFailure(description: error.description)
        } catch is NIOTooManyBytesError {
            throw OutboundFailure(description: "\(parsed.host ?? url) answered more than \(maxBytes) bytes")
        } catch {
            throw OutboundFailure(description: "cannot reach \(parsed.host ?? url): \(error)")
        }
    }
}

/// `application/x-www-form-urlencoded` bodies and queries (WHATWG URL "urlencoded").
enum FormEncoding {
    /// Characters left as they are; everything else is percent-encoded (space as `%20`).
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// Decodes a form body or query string; later duplicates are kept in order.
    static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let unescape = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }
}
