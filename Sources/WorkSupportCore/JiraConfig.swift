/// How to reach Jira Cloud and which issues to harvest from it.
public struct JiraConfig: Sendable, Hashable {
    /// Without trailing slash, e.g. `https://company.atlassian.net`.
    public var baseURL: String
    /// The account used for basic auth together with `apiToken`.
    public var email: String
    public var apiToken: String?
    /// The JQL selecting the top-level issues; the harvester walks down from these.
    public var rootJQL: String
    public var issueLabel: String?
    /// The custom field holding the epic link on company-managed projects.
    public var epicLinkField: String?
    public var pageSize: Int
    public var webhookSecret: String?

    public static let defaultPageSize = 100

    public init(baseURL: String, email: String, apiToken: String? = nil, rootJQL: String,
                issueLabel: String? = nil, epicLinkField: String? = nil,
                pageSize: Int = JiraConfig.defaultPageSize, webhookSecret: String? = nil) {
        self.baseURL = baseURL
        self.email = email
        self.apiToken = apiToken
        self.rootJQL = rootJQL
        self.issueLabel = issueLabel
        self.epicLinkField = epicLinkField
        self.pageSize = pageSize
        self.webhookSecret = webhookSecret
    }
}

extension JiraConfig {
    /// Reads the `jira.*` keys; the caller decides whether the section is configured at all.
    init?(reading reader: inout ConfigReader) {
        let baseURL = reader.httpURL("jira.base_url", .required)
        let email = reader.string("jira.email", .required)
        let apiToken = reader.string("jira.api_token", .ifGiven)
        let rootJQL = reader.string("jira.root_jql", .required)
        let issueLabel = reader.string("jira.issue_label", .ifGiven)
        let epicLinkField = reader.string("jira.epic_link_field", .optional)
        let pageSize = reader.integer("jira.page_size", default: Self.defaultPageSize, range: 1...100)
        let webhookSecret = reader.string("jira.webhook_secret", .ifGiven)
        guard let baseURL, let email, let rootJQL else { return nil }
        self.init(baseURL: baseURL, email: email, apiToken: apiToken, rootJQL: rootJQL,
                  issueLabel: issueLabel, epicLinkField: epicLinkField, pageSize: pageSize,
                  webhookSecret: webhookSecret)
    }
}
