import Foundation

// The admin API's types are generated from `openapi.yaml` (swift-openapi-generator, into `Components.Schemas`);
// these are the names the daemon and mcpctl use for them. Nothing here defines a field: the document does.

public typealias APIAccount = Components.Schemas.Account
public typealias Credentials = Components.Schemas.Credentials
public typealias LoginResult = Components.Schemas.LoginResult
public typealias WhoAmI = Components.Schemas.WhoAmI
public typealias PasswordChange = Components.Schemas.PasswordChange
public typealias APIAnalyticsRange = Components.Schemas.AnalyticsRange
public typealias APIAnalyticsOverview = Components.Schemas.AnalyticsOverview
public typealias APIAnalyticsTimeseries = Components.Schemas.AnalyticsTimeseries
public typealias APIAnalyticsPoint = Components.Schemas.AnalyticsPoint
public typealias APIAnalyticsTool = Components.Schemas.AnalyticsTool
public typealias APIAnalyticsUser = Components.Schemas.AnalyticsUser
public typealias APIAnalyticsWalkthrough = Components.Schemas.AnalyticsWalkthrough
public typealias APIAnalyticsStep = Components.Schemas.AnalyticsStep
public typealias APIAnalyticsFunnel = Components.Schemas.AnalyticsFunnel
public typealias APIAnalyticsStage = Components.Schemas.AnalyticsStage
public typealias APIAnalyticsFlow = Components.Schemas.AnalyticsFlow
public typealias APIAnalyticsLink = Components.Schemas.AnalyticsLink
public typealias APIDocument = Components.Schemas.Document
public typealias APIDocumentFile = Components.Schemas.DocumentFile
public typealias APIDocumentUpload = Components.Schemas.DocumentUpload
public typealias APIDocumentUploadResult = Components.Schemas.DocumentUploadResult
public typealias APIDocumentFailure = Components.Schemas.DocumentFailure
public typealias APIDocumentPrune = Components.Schemas.DocumentPrune
public typealias APIDocumentPruneResult = Components.Schemas.DocumentPruneResult
public typealias APISearchResult = Components.Schemas.SearchResult
public typealias APIEndUser = Components.Schemas.EndUser
public typealias APISession = Components.Schemas.Session
public typealias APIToolCall = Components.Schemas.ToolCall
public typealias APIEndUserExport = Components.Schemas.EndUserExport
public typealias APIEndUserErasure = Components.Schemas.EndUserErasure
public typealias APIJob = Components.Schemas.Job
public typealias APIMember = Components.Schemas.Member
public typealias UpdateMember = Components.Schemas.UpdateMember
public typealias APIInvitation = Components.Schemas.Invitation
public typealias CreateInvitation = Components.Schemas.CreateInvitation
public typealias CreatedInvitation = Components.Schemas.CreatedInvitation
public typealias PasswordResetRequest = Components.Schemas.PasswordResetRequest
public typealias PasswordResetRequested = Components.Schemas.PasswordResetRequested
public typealias PasswordResetConfirm = Components.Schemas.PasswordResetConfirm
public typealias AcceptInvitation = Components.Schemas.AcceptInvitation
public typealias APIOAuthConfig = Components.Schemas.OAuthConfig
public typealias APIOAuthConfigFields = Components.Schemas.OAuthConfigFields
public typealias CreateOAuthConfig = Components.Schemas.CreateOAuthConfig
public typealias APIOAuthConfigTest = Components.Schemas.OAuthConfigTest
public typealias APIOAuthConfigCheck = Components.Schemas.OAuthConfigCheck
public typealias APIRevokeAccessResult = Components.Schemas.RevokeAccessResult
public typealias APIOrganization = Components.Schemas.Organization
public typealias CreateOrganization = Components.Schemas.CreateOrganization
public typealias UpdateOrganization = Components.Schemas.UpdateOrganization
public typealias APIOrganizationSettings = Components.Schemas.OrganizationSettings
public typealias APIUpdateOrganizationSettings = Components.Schemas.UpdateOrganizationSettings
public typealias APIRetentionPeriod = Components.Schemas.RetentionPeriod
public typealias APIServer = Components.Schemas.Server
public typealias ServerConnectInfo = Components.Schemas.ConnectInfo
public typealias ServerFields = Components.Schemas.ServerFields
public typealias CreateServer = Components.Schemas.CreateServer
public typealias APITicket = Components.Schemas.Ticket
public typealias APITicketEvent = Components.Schemas.TicketEvent
public typealias APITicketEmail = Components.Schemas.TicketEmail
public typealias APIMailOutcome = Components.Schemas.MailOutcome
public typealias APITicketSummary = Components.Schemas.TicketSummary
public typealias APITicketUpdate = Components.Schemas.TicketUpdate
public typealias APITicketComment = Components.Schemas.TicketComment
public typealias APITicketEventBatch = Components.Schemas.TicketEventBatch
public typealias APIToken = Components.Schemas.Token
public typealias CreateToken = Components.Schemas.CreateToken
public typealias CreatedToken = Components.Schemas.CreatedToken
public typealias APIAuditEvent = Components.Schemas.AuditEvent
public typealias APIWalkthrough = Components.Schemas.Walkthrough
public typealias APIWalkthroughAssignment = Components.Schemas.WalkthroughAssignment
public typealias APIWalkthroughSource = Components.Schemas.WalkthroughSource
public typealias APIWalkthroughPush = Components.Schemas.WalkthroughPush
public typealias APIWalkthroughPlan = Components.Schemas.WalkthroughPlan
public typealias APIWalkthroughPlanItem = Components.Schemas.WalkthroughPlanItem
public typealias APIWalkthroughAssign = Components.Schemas.WalkthroughAssign
public typealias APIWalkthroughRender = Components.Schemas.WalkthroughRender
public typealias APIWalkthroughProgress = Components.Schemas.WalkthroughProgress
public typealias APIWebhook = Components.Schemas.Webhook
public typealias APIWebhookCreate = Components.Schemas.WebhookCreate
public typealias APIWebhookDelivery = Components.Schemas.WebhookDelivery
public typealias APIWebhookAttempt = Components.Schemas.WebhookAttempt

extension Components.Schemas.CreateServer {
    /// The same request as the fields an update takes (a create only makes slug and name required).
    public var fields: ServerFields {
        ServerFields(slug: slug, name: name, productName: productName, authMode: authMode, oauthConfigId: oauthConfigId,
                     supportEnabled: supportEnabled, walkthroughsEnabled: walkthroughsEnabled, docsSearchEnabled: docsSearchEnabled,
                     instructions: instructions)
    }

    /// A create request from update fields that carry a slug and a name; nil when either is missing.
    public init?(_ fields: ServerFields) {
        guard let slug = fields.slug, let name = fields.name else { return nil }
        self.init(slug: slug, name: name, productName: fields.productName, authMode: fields.authMode, oauthConfigId: fields.oauthConfigId,
                  supportEnabled: fields.supportEnabled, walkthroughsEnabled: fields.walkthroughsEnabled,
                  docsSearchEnabled: fields.docsSearchEnabled, instructions: fields.instructions)
    }
}

extension Components.Schemas.CreateOAuthConfig {
    /// The same request as the fields an update takes (a create only makes name and client_id required).
    public var fields: APIOAuthConfigFields {
        APIOAuthConfigFields(name: name, discoveryUrl: discoveryUrl, authorizeUrl: authorizeUrl, tokenUrl: tokenUrl, userinfoUrl: userinfoUrl,
                             clientId: clientId, clientSecret: clientSecret, scopes: scopes)
    }

    /// A create request from update fields that carry a name and a client id; nil when either is missing.
    public init?(_ fields: APIOAuthConfigFields) {
        guard let name = fields.name, let clientId = fields.clientId else { return nil }
        self.init(name: name, discoveryUrl: fields.discoveryUrl, authorizeUrl: fields.authorizeUrl, tokenUrl: fields.tokenUrl,
                  userinfoUrl: fields.userinfoUrl, clientId: clientId, clientSecret: fields.clientSecret, scopes: fields.scopes)
    }
}
public typealias APICustomDomain = Components.Schemas.CustomDomain
public typealias CustomDomainList = Components.Schemas.CustomDomainList
public typealias CreateCustomDomain = Components.Schemas.CreateCustomDomain
