import Foundation
import Logging
import SQLKit

/// Mail to staff (invitations): a `mail.staff` job whose payload — recipient, subject and text,
/// which may hold a single-use token — is sealed at rest with the key ring (`SecretBox`).
struct StaffMailer: Sendable {
    static let jobKind = "mail.staff"
    static let sealContext = "jobs.payload.mail.staff"

    let enabled: Bool
    let queue: JobQueue
    let box: SecretBox

    /// One message to a member of staff.
    struct Letter: Codable, Sendable, Equatable {
        let to: String
        let subject: String
        let text: String
    }

    /// Queues `letter` in the caller's transaction; false when mail is off or the address unusable.
    func enqueue(_ letter: Letter, organizationID: String?, on db: any SQLDatabase) async throws -> Bool {
        guard enabled, MailAddress.isSafe(letter.to) else { return false }
        let sealed = try box.seal(String(decoding: try JSONEncoder().encode(letter), as: UTF8.self), context: Self.sealContext)
        let payload = String(decoding: try JSONEncoder().encode(["sealed": sealed]), as: UTF8.self)
        try await queue.enqueue(kind: Self.jobKind, payload: payload, organizationID: organizationID,
                                maxAttempts: TicketMailDelivery.maxAttempts, on: db)
        return true
    }
}

/// Delivers `mail.staff` jobs; failures are retried by the queue like ticket email.
struct StaffMailDelivery: Sendable {
    let transport: SMTPTransport
    let settings: MailSettings
    let box: SecretBox

    var handler: JobHandler {
        { job in try await deliver(job) }
    }

    func deliver(_ job: Job) async throws {
        let payload = try JSONDecoder().decode([String: String].self, from: Data(job.payload.utf8))
        let opened = try box.open(payload["sealed"] ?? "", context: StaffMailer.sealContext)
        let letter = try JSONDecoder().decode(StaffMailer.Letter.self, from: Data(opened.utf8))
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "localhost"
        let html = "<!doctype html><html><body><pre style=\"font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\">"
            + HTMLEscaping.escaped(letter.text) + "</pre></body></html>"
        let message = EmailMessage(fromName: "mcplatform", fromAddress: settings.from, to: letter.to, replyTo: nil, subject: letter.subject,
                                   messageID: "\(job.id)@\(domain)", text: letter.text, html: html, date: Date())
        try await transport.send(from: settings.from, to: [letter.to], message: try message.rendered())
    }
}

/// Text made safe inside HTML elements and attribute values.
enum HTMLEscaping {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
