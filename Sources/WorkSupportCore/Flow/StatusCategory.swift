/// Jira's status category (`statusCategory.key` of `GET /rest/api/3/status`), recorded with each
/// transition at harvest time. A status id that `/status` does not list (a deleted status, a
/// workflow of another site) is `unknown`: it counts neither as started nor as done.
public enum StatusCategory: String, Sendable, Hashable, CaseIterable {
    case new
    case indeterminate
    case done
    case unknown

    /// The category of a `statusCategory.key`; anything Jira may add later is `unknown`.
    public init(jiraKey: String?) {
        self = jiraKey.flatMap { StatusCategory(rawValue: $0) } ?? .unknown
    }
}
