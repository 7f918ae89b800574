import FoundationEssentials
import WorkSupportCore

/// What a delivery does to the issue tables, decided from its payload alone
/// (`WebhookInterpreter`), then carried out by `WebhookDeliveryStore` in one transaction.
public enum WebhookEffect: Sendable {
    /// An in-scope issue or pull request: upserted under the writer's `updated_at` guard.
    case upsert(IssueRecord)
    /// The issue was deleted (or transferred away): its row is removed.
    case delete(issueKey: String, updatedAt: Date?)
    /// A well-formed item outside the harvest scope: kept raw, not applied.
    case ignore(issueKey: String, updatedAt: Date, reason: String)
    /// An event that feeds nothing yet (`push`, `deployment`, comments, unknown events): kept raw.
    case store
    /// The payload could not be applied (e.g. it fails normalization): kept raw for a replay.
    case fail(issueKey: String?, reason: String)

    /// The `webhook_deliveries.status` this effect records.
    public var status: String {
        switch self {
        case .upsert, .delete: "applied"
        case .ignore: "ignored"
        case .store: "stored"
        case .fail: "failed"
        }
    }

    public var issueKey: String? {
        switch self {
        case .upsert(let record): record.issueKey
        case .delete(let key, _), .ignore(let key, _, _): key
        case .fail(let key, _): key
        case .store: nil
        }
    }

    public var itemUpdatedAt: Date? {
        switch self {
        case .upsert(let record): record.updatedAt
        case .delete(_, let updatedAt): updatedAt
        case .ignore(_, let updatedAt, _): updatedAt
        case .store, .fail: nil
        }
    }

    public var error: String? {
        switch self {
        case .ignore(_, _, let reason), .fail(_, let reason): reason
        case .upsert, .delete, .store: nil
        }
    }
}
