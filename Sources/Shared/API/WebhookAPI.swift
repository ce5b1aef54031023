import Foundation

/// The event types a webhook can subscribe to.
public enum WebhookEventType {
    public static let all = Components.Schemas.WebhookEventType.allCases.map(\.rawValue)
}
