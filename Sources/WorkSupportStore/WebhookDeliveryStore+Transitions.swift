import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

extension WebhookDeliveryStore {
    /// A Jira `jira:issue_updated` delivery's `changelog.items` as `issue_transitions` rows
    /// (origin `webhook`), dated by the event's `timestamp`, categories as the harvest last
    /// recorded them. `(issue_key, changelog_id, field)` is unique, so the same entry arriving
    /// again (a redelivery, a replay, then the harvest) is stored once. A changelog that cannot
    /// be read marks the issue's history incomplete, so the next harvest fetches it whole; the
    /// issue itself is applied all the same.
    /// Returns how many rows were new.
    @discardableResult
    func recordTransitions(of delivery: WebhookDelivery, issueKey: String, deliveryRowID id: Int64,
                           on connection: PostgresConnection) throws -> Int {
        guard delivery.source == .jira, let changelog = delivery.payload["changelog"], changelog != .null,
              changelog["items"]?.arrayValue?.isEmpty == false else { return 0 }
        let writer = TransitionWriter(connection: connection)
        let created = (delivery.payload["timestamp"]?.intValue).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        let normalizer = JiraChangelogNormalizer(categories: try writer.statusCategories())
        let records: [TransitionRecord]
        do throws(ChangelogError) {
            records = try normalizer.records(issueKey: issueKey, entry: changelog, created: created)
        } catch {
            try writer.markHistories([TransitionWriter.HistoryOutcome(
                issueKey: issueKey, issueID: nil, failure: "webhook delivery \(id): \(error.reason)", entries: 0)], runID: nil)
            return 0
        }
        return try writer.insert(records, runID: nil, origin: .webhook)
    }
}
