import FoundationEssentials
import JSON

/// Turns Jira changelog entries (`changeHistories[]` of bulkfetch, `values[]` of the per-issue
/// changelog, a webhook's `changelog` with the event's `timestamp`) into `issue_transitions` rows:
/// the `status` and `assignee` items only (a moved issue's `Key`/`project` items are not flow).
/// Status categories come from the site's statuses; an id they lack is `unknown`.
public struct JiraChangelogNormalizer: Sendable {
    /// Status id → category (`GET /rest/api/3/status`).
    public let categories: [String: StatusCategory]

    public init(categories: [String: StatusCategory]) {
        self.categories = categories
    }

    /// `created` overrides the entry's own time (webhooks carry it as the event's `timestamp`).
    public func records(issueKey: String, entry: JSONValue, created: Date? = nil) throws(ChangelogError) -> [TransitionRecord] {
        guard entry.objectValue != nil else { throw ChangelogError(issueKey: issueKey, reason: "an entry is not an object") }
        guard let id = entry["id"]?.stringValue ?? entry["id"]?.intValue.map(String.init), let order = Int64(id), order >= 0 else {
            throw ChangelogError(issueKey: issueKey, reason: "an entry's id is missing or not a number")
        }
        guard let changedAt = created ?? entry["created"]?.stringValue.flatMap(UpstreamTimestamp.parse) else {
            throw ChangelogError(issueKey: issueKey, reason: "entry \(id) has no valid 'created' time")
        }
        let author = entry["author"]?["accountId"]?.stringValue
        var records: [TransitionRecord] = []
        for item in entry["items"]?.arrayValue ?? [] {
            let name = item["fieldId"]?.stringValue ?? item["field"]?.stringValue
            guard let field = name.flatMap(TransitionRecord.Field.init(rawValue:)) else { continue }
            // One row per field and entry (the table's key): a second item of the same field is Jira repeating itself.
            guard !records.contains(where: { $0.field == field }) else { continue }
            let fromID = item["from"]?.stringValue, toID = item["to"]?.stringValue
            records.append(TransitionRecord(
                issueKey: issueKey, changelogID: id, field: field, changedAt: changedAt, author: author,
                fromValue: item["fromString"]?.stringValue, toValue: item["toString"]?.stringValue,
                fromID: fromID, toID: toID,
                fromCategory: field == .status ? category(fromID) : nil,
                toCategory: field == .status ? category(toID) : nil,
                historyOrder: order, raw: item))
        }
        return records
    }

    func category(_ id: String?) -> StatusCategory {
        id.flatMap { categories[$0] } ?? .unknown
    }
}
