import Foundation

/// The values the ticket workflow accepts, as `openapi.yaml` lists them, for messages and
/// mcpctl's validation.
public enum TicketVocabulary {
    public static let statuses = Components.Schemas.TicketStatus.allCases.map(\.rawValue)
    public static let priorities = Components.Schemas.TicketPriority.allCases.map(\.rawValue)
    public static let visibilities = Components.Schemas.TicketVisibility.allCases.map(\.rawValue)
}
