/// Why a JQL query could not be built safely.
public struct JQLPlanningError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// A parent key is not `[A-Z][A-Z0-9_]*-[0-9]+`; it could change the query's meaning.
        case invalidIssueKey
        /// `jira.epic_link_field` is neither `customfield_NNNNN` nor a plain field name.
        case invalidEpicLinkField
        /// Even one key does not fit under the length limit.
        case queryTooLong
    }

    public var code: Code
    /// The key or field value concerned.
    public var value: String

    public init(code: Code, value: String) {
        self.code = code
        self.value = value
    }

    public var description: String {
        switch code {
        case .invalidIssueKey: return "'\(value)' is not a Jira issue key; it is left out of the query"
        case .invalidEpicLinkField: return "jira.epic_link_field '\(value)' is not customfield_NNNNN or a field name"
        case .queryTooLong: return "a child query for \(value) exceeds the JQL length limit"
        }
    }
}
