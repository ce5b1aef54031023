import CSMTP
import Foundation
import NIOPosix

/// Why a message was not delivered: the server's reply code when one came, and the reason in
/// words (libcurl's, which names a refused STARTTLS, an untrusted certificate or a timeout).
struct MailDeliveryError: Error, Equatable, CustomStringConvertible {
    /// The SMTP reply code of the failure (451, 550, …), nil when the connection failed first.
    let smtpCode: Int?
    let reason: String

    var description: String { smtpCode.map { "SMTP \($0): \(reason)" } ?? reason }
}

/// Delivers messages to one SMTP server through libcurl (the `CSMTP` shim), on the blocking-I/O
/// thread pool. TLS is required unless the server is on loopback and `smtp-allow-insecure`
/// says otherwise: `smtp://` must offer STARTTLS (a server that does not fails the delivery with
/// that reason), `smtps://` speaks TLS from the start.
struct SMTPTransport: Sendable {
    /// `smtp://[user:password@]host[:port]` or `smtps://…`.
    let url: String
    /// CA certificates to trust instead of the system's (a private CA, or a test's).
    let caFile: String?
    /// Whether TLS may be skipped (loopback development and tests only).
    let allowInsecure: Bool
    var timeoutSeconds = 30

    /// Sends `message` (RFC 5322 text with CRLF line ends) from the envelope sender `from` to
    /// `recipients` (bare addresses).
    func send(from: String, to recipients: [String], message: String) async throws(MailDeliveryError) {
        let url = url, caFile = caFile, tls = allowInsecure ? CSMTP_TLS_NONE : CSMTP_TLS_REQUIRED, timeout = timeoutSeconds
        let outcome: Result<Void, MailDeliveryError>
        do {
            outcome = try await NIOThreadPool.singleton.runIfActive {
                Self.perform(url: url, caFile: caFile, tls: tls, from: from, recipients: recipients, message: message, timeout: timeout)
            }
        } catch {
            throw MailDeliveryError(smtpCode: nil, reason: "the mail thread pool is shutting down")
        }
        try outcome.get()
    }

    private static func perform(url: String, caFile: String?, tls: csmtp_tls, from: String, recipients: [String], message: String,
                                timeout: Int) -> Result<Void, MailDeliveryError> {
        var result = csmtp_result()
        let angled = recipients.map { "<\($0)>" }
        let pointers = angled.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        let status: Int32 = pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { rcpt in
            message.utf8CString.withUnsafeBufferPointer { body in
                csmtp_send(url, caFile, tls, "<\(from)>", rcpt.baseAddress, rcpt.count, body.baseAddress, body.count - 1, timeout, &result)
            }
        }
        guard status != 0 else { return .success(()) }
        let reason = withUnsafeBytes(of: result.error) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let code = Int(clamping: result.smtp_code)
        return .failure(MailDeliveryError(smtpCode: (400..<600).contains(code) ? code : nil, reason: reason.isEmpty ? "delivery failed" : reason))
    }
}
