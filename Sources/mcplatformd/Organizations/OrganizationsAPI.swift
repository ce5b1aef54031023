import Foundation
import Shared

/// `/v1/orgs` and `/v1/orgs/{org}`.
extension AdminAPI {
    func listOrganizations(_ input: Operations.ListOrganizations.Input) async throws -> Operations.ListOrganizations.Output {
        let principal = try AdminRequest.requirePrincipal()
        let page = try Pagination(limit: input.query.limit, cursor: input.query.cursor)
        let listed = try await database.withConnection { db in
            try await OrganizationStore().list(visibleTo: principal, page: page, on: db)
        }
        let (items, next) = page.page(listed) { ($0.organization.createdAt, $0.organization.id) }
        return .ok(.init(body: .json(.init(items: items.map { APIOrganization($0.organization, role: $0.role) }, nextCursor: next))))
    }

    func createOrganization(_ input: Operations.CreateOrganization.Input) async throws -> Operations.CreateOrganization.Output {
        let principal = try AdminRequest.requirePrincipal()
        guard let accountID = principal.accountID else { throw AuthorizationMiddleware.unauthenticated }
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        try validateSlug(fields.slug)
        try validateName(fields.name)
        let organization = try await database.transaction { db -> Organization in
            guard try await OrganizationStore().find(slug: fields.slug, on: db) == nil else {
                throw APIError(status: .conflict, code: "conflict", message: "the slug '\(fields.slug)' is taken")
            }
            let organization = try await OrganizationStore().create(slug: fields.slug, name: fields.name, owner: accountID, on: db)
            try await AuditLog.record("organization.create", target: ("organization", organization.id), organizationID: organization.id,
                                      actor: Actor(principal), on: db)
            return organization
        }
        return .created(.init(body: .json(APIOrganization(organization, role: .owner))))
    }

    func getOrganization(_ input: Operations.GetOrganization.Input) async throws -> Operations.GetOrganization.Output {
        let (organization, role, _) = try AdminRequest.requireOrganization()
        var answer = APIOrganization(organization, role: role)
        answer.settings = try await database.withConnection { db -> APIOrganizationSettings? in
            guard let mail = try await OrganizationMailStore().settings(organization.id, on: db),
                  let retention = try await OrganizationRetentionStore().retention(organization.id, on: db) else { return nil }
            return APIOrganizationSettings(mail, retention, configuration)
        }
        return .ok(.init(body: .json(answer)))
    }

    func updateOrganization(_ input: Operations.UpdateOrganization.Input) async throws -> Operations.UpdateOrganization.Output {
        let (organization, role, principal) = try AdminRequest.requireOrganization()
        guard case .json(let fields) = input.body else { throw APIError.badQuery("expected JSON") }
        if let name = fields.name { try validateName(name) }
        if let settings = fields.settings {
            try validateOrganizationSettings(settings)
            try OrganizationRetention.validate(settings)
        }
        let configuration = self.configuration
        let settings = try await database.transaction { db -> APIOrganizationSettings? in
            var details: [String: String] = [:]
            if let name = fields.name, name != organization.name {
                try await OrganizationStore().rename(organization.id, to: name, on: db)
                details["name"] = name
            }
            let store = OrganizationMailStore()
            let retentionStore = OrganizationRetentionStore()
            guard var settings = try await store.settings(organization.id, on: db),
                  var retention = try await retentionStore.retention(organization.id, on: db) else { return nil }
            if let change = fields.settings {
                let retentionBefore = retention
                retention.apply(change)
                if retention != retentionBefore {
                    try await retentionStore.update(organization.id, retention, on: db)
                    details["tool_call_retention_days"] = retention.toolCallDays.map(String.init) ?? "platform"
                    details["session_retention_days"] = retention.sessionDays.map(String.init) ?? "platform"
                }
                let before = settings
                if let name = change.mailSenderName { settings.senderName = name.isEmpty ? nil : name.trimmingCharacters(in: .whitespaces) }
                if let replyTo = change.mailReplyTo { settings.replyTo = replyTo.isEmpty ? nil : replyTo.lowercased() }
                if let confirmations = change.ticketConfirmations { settings.ticketConfirmations = confirmations }
                if settings != before {
                    try await store.update(organization.id, settings, on: db)
                    details["mail_sender_name"] = settings.senderName ?? ""
                    details["mail_reply_to"] = settings.replyTo ?? ""
                    details["ticket_confirmations"] = String(settings.ticketConfirmations)
                }
            }
            if !details.isEmpty {
                try await AuditLog.record("organization.update", target: ("organization", organization.id), organizationID: organization.id,
                                          actor: Actor(principal), details: details, on: db)
            }
            return APIOrganizationSettings(settings, retention, configuration)
        }
        var answer = APIOrganization(Organization(id: organization.id, slug: organization.slug, name: fields.name ?? organization.name,
                                                  createdAt: organization.createdAt), role: role)
        answer.settings = settings
        return .ok(.init(body: .json(answer)))
    }

    func deleteOrganization(_ input: Operations.DeleteOrganization.Input) async throws -> Operations.DeleteOrganization.Output {
        let (organization, _, principal) = try AdminRequest.requireOrganization()
        try await database.transaction { db in
            // A platform-level entry that holds no customer data: who deleted which organization id.
            try await AuditLog.record("organization.delete", target: ("organization", organization.id), organizationID: nil,
                                      actor: Actor(principal), on: db)
            try await OrganizationStore().delete(organization.id, on: db)
        }
        return .noContent(.init())
    }
}

extension APIOrganization {
    init(_ organization: Organization, role: Role?) {
        self.init(id: organization.id, slug: organization.slug, name: organization.name, role: role, createdAt: Date(epochMillis: organization.createdAt))
    }
}

extension APIOrganizationSettings {
    init(_ settings: OrganizationMailSettings, _ retention: OrganizationRetention, _ configuration: DaemonConfiguration) {
        self.init(toolCallRetention: APIRetentionPeriod(override: retention.toolCallDays, platform: configuration.toolCallRetentionDays),
                  sessionRetention: APIRetentionPeriod(override: retention.sessionDays, platform: configuration.sessionRetentionDays),
                  mailSenderName: settings.senderName, mailReplyTo: settings.replyTo, ticketConfirmations: settings.ticketConfirmations)
    }
}

/// 422 when a sender name has line breaks or is too long, or a Reply-To is not a usable address.
func validateOrganizationSettings(_ settings: APIUpdateOrganizationSettings) throws {
    if let name = settings.mailSenderName, !name.isEmpty {
        guard name.count <= 100, !name.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }),
              !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(status: .unprocessableContent, code: "invalid", message: "mail_sender_name has 1 to 100 characters on one line",
                           details: ["field": "settings.mail_sender_name"])
        }
    }
    if let replyTo = settings.mailReplyTo, !replyTo.isEmpty, !MailAddress.isSafe(replyTo) {
        throw APIError(status: .unprocessableContent, code: "invalid", message: "mail_reply_to is an email address such as support@example.com",
                       details: ["field": "settings.mail_reply_to"])
    }
}

/// 422 naming the rule when `slug` breaks it.
func validateSlug(_ slug: String, field: String = "slug") throws {
    if let problem = Slug.problem(with: slug) {
        throw APIError(status: .unprocessableContent, code: "invalid", message: problem, details: ["field": field])
    }
}

/// 422 when a display name is empty or too long.
func validateName(_ name: String, field: String = "name") throws {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= 200 else {
        throw APIError(status: .unprocessableContent, code: "invalid", message: "\(field) has 1 to 200 characters", details: ["field": field])
    }
}
