import Hummingbird
import Shared

// The API types of `Shared` are answered as JSON with the admin API's coders.
extension LoginResult: ResponseEncodable {}
extension WhoAmI: ResponseEncodable {}
extension APIAccount: ResponseEncodable {}
extension APIOrganization: ResponseEncodable {}
extension APIToken: ResponseEncodable {}
extension CreatedToken: ResponseEncodable {}
extension APIServer: ResponseEncodable {}
extension APIAuditEvent: ResponseEncodable {}
extension Page: ResponseEncodable where Item: Encodable {}
extension APIMember: ResponseEncodable {}
extension APIInvitation: ResponseEncodable {}
extension CreatedInvitation: ResponseEncodable {}
extension APIJob: ResponseEncodable {}
extension APIEndUser: ResponseEncodable {}
extension APISession: ResponseEncodable {}
extension APITicket: ResponseEncodable {}
extension APITicketEventBatch: ResponseEncodable {}
extension APITicketEvent: ResponseEncodable {}
extension APIWebhook: ResponseEncodable {}
extension APIWebhookDelivery: ResponseEncodable {}
extension APIDocument: ResponseEncodable {}
extension APIDocumentUploadResult: ResponseEncodable {}
extension APIDocumentPruneResult: ResponseEncodable {}
extension APIWalkthrough: ResponseEncodable {}
extension APIWalkthroughPlan: ResponseEncodable {}
extension APIWalkthroughRender: ResponseEncodable {}
extension APIAnalyticsOverview: ResponseEncodable {}
extension APIAnalyticsTimeseries: ResponseEncodable {}
extension APIAnalyticsFunnel: ResponseEncodable {}
extension APIAnalyticsFlow: ResponseEncodable {}
extension APIOAuthConfig: ResponseEncodable {}
extension APIOAuthConfigTest: ResponseEncodable {}
extension APIRevokeAccessResult: ResponseEncodable {}
