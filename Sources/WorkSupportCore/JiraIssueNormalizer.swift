import FoundationEssentials
import JSON

/// Turns one Jira issue (a `/rest/api/3/search/jql` item or a webhook's `issue`) into an
/// `IssueRecord`, exactly as docs/normalization.md maps it.
public struct JiraIssueNormalizer: Sendable {
    public let hierarchy: IssueTypeHierarchy
    public let team: TeamDirectory
    /// `jira.base_url` without trailing slash.
    public let baseURL: String
    /// `jira.epic_link_field` (e.g. `customfield_10014`), when configured.
    public let epicLinkField: String?

    public init(hierarchy: IssueTypeHierarchy, team: [TeamMember], baseURL: String, epicLinkField: String?) {
        self.hierarchy = hierarchy
        self.team = TeamDirectory(team: team)
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.epicLinkField = epicLinkField.flatMap { $0.isEmpty ? nil : $0 }
    }

    public init(config: WorkSupportConfig) {
        self.init(hierarchy: config.issueTypes, team: config.team, baseURL: config.jira?.baseURL ?? "",
                  epicLinkField: config.jira?.epicLinkField)
    }

    public func normalize(_ item: JSONValue) throws(NormalizationError) -> IssueRecord {
        guard item.objectValue != nil else {
            throw NormalizationError(code: .notAnObject, source: .jira, itemKey: nil, field: "")
        }
        guard let key = item["key"]?.nonEmptyString else {
            throw NormalizationError(code: .missingKey, source: .jira, itemKey: nil, field: "key")
        }
        let fields = item["fields"] ?? .null
        let times = ItemTimestamps(source: .jira, itemKey: key)
        let updatedAt = try times.required(fields["updated"], field: "fields.updated")
        let createdAt = try times.optional(fields["created"], field: "fields.created")
        let resolvedAt = try times.optional(fields["resolutiondate"], field: "fields.resolutiondate")

        let upstreamTypeID = fields["issuetype"]?["id"]?.integerOrNumericString
        let typeID = upstreamTypeID.flatMap { hierarchy.type(id: $0)?.id } ?? IssueType.unknown.id
        let epicKey = epicLinkField.flatMap { fields[$0]?.nonEmptyString }
        let assignee = fields["assignee"]?["accountId"]?.nonEmptyString

        return IssueRecord(
            issueKey: key,
            source: .jira,
            summary: fields["summary"]?.columnText ?? "",
            status: fields["status"]?["name"]?.columnText,
            statusCategory: fields["status"]?["statusCategory"]?["key"]?.columnText,
            issueTypeID: typeID,
            issueTypeName: fields["issuetype"]?["name"]?.columnText,
            parentKey: fields["parent"]?["key"]?.nonEmptyString ?? epicKey,
            epicKey: epicKey,
            linkedKey: nil,
            assignee: assignee,
            assigneeMemberID: assignee.flatMap { team.memberID(jiraAccount: $0) },
            labels: fields["labels"]?.stringElements ?? [],
            fixVersions: fields["fixVersions"]?.strings(ofMember: "name") ?? [],
            url: "\(baseURL)/browse/\(key)",
            createdAt: createdAt,
            updatedAt: updatedAt,
            resolvedAt: resolvedAt,
            raw: item)
    }
}
