import JSON

/// The normalized fields of one issue exactly as docs/normalization.md maps them: the
/// simulator's independent implementation of that mapping (it must not share code with
/// WorkSupportCore, whose output it checks).
enum ManifestRecord {
    static let staleDays: Int64 = 14

    static func jira(_ issue: SimJiraIssue, dataset: SimDataset, baseURL: String) -> JSONObject {
        let type = dataset.issueType(id: issue.issueTypeID)
        let typeID = type?.isConfigured == true ? Int64(issue.issueTypeID) ?? -1 : -1
        let member = issue.assigneeAccountID.flatMap { account in
            dataset.members.first { member in
                guard let jiraID = member.jiraAccountID else { return false }
                return account.utf8.contains(UInt8(ascii: "@")) ? jiraID.lowercased() == account.lowercased() : jiraID == account
            }
        }
        var record = JSONObject(minimumCapacity: 18)
        record["issue_key"] = .string(issue.key)
        record["source"] = "jira"
        record["summary"] = .string(SimText.columnText(issue.summary))
        record["status"] = .string(issue.status)
        record["status_category"] = dataset.status(named: issue.status).map { .string($0.category) } ?? .null
        record["issue_type_id"] = .int(typeID)
        record["issue_type_name"] = type.map { .string($0.name) } ?? .null
        record["parent_key"] = issue.parentKey.map(JSONValue.string) ?? .null
        record["epic_key"] = .null
        record["linked_key"] = .null
        record["assignee"] = issue.assigneeAccountID.map(JSONValue.string) ?? .null
        record["assignee_member_id"] = member.map { .string($0.id) } ?? .null
        record["labels"] = .array(issue.labels.map(JSONValue.string))
        record["fix_versions"] = .array(issue.fixVersions.map(JSONValue.string))
        record["url"] = .string("\(baseURL)/browse/\(issue.key)")
        record["created_at"] = .string(SimTime.rfc3339(issue.created))
        record["updated_at"] = .string(SimTime.rfc3339(issue.updated))
        record["resolved_at"] = issue.resolved.map { .string(SimTime.rfc3339($0)) } ?? .null
        return record
    }

    static func github(_ item: SimGitHubItem, dataset: SimDataset) -> JSONObject {
        let status = item.merged != nil ? "merged" : item.state
        let category = item.state == "open" ? (item.isPullRequest ? "indeterminate" : "new") : "done"
        let member = item.assignee.flatMap { login in
            dataset.members.first { $0.githubLogin?.lowercased() == login.lowercased() }
        }
        var record = JSONObject(minimumCapacity: 18)
        record["issue_key"] = .string(item.key)
        record["source"] = "github"
        record["summary"] = .string(item.title)
        record["status"] = .string(status)
        record["status_category"] = .string(category)
        record["issue_type_id"] = .int(item.isPullRequest ? -3 : -2)
        record["issue_type_name"] = .string(item.isPullRequest ? "GitHub Pull Request" : "GitHub Issue")
        record["parent_key"] = .null
        record["epic_key"] = .null
        record["linked_key"] = (firstJiraKey(in: item.title) ?? firstJiraKey(in: item.body)).map(JSONValue.string) ?? .null
        record["assignee"] = item.assignee.map(JSONValue.string) ?? .null
        record["assignee_member_id"] = member.map { .string($0.id) } ?? .null
        record["labels"] = .array(item.labels.map(JSONValue.string))
        record["fix_versions"] = .array(item.milestone.map { [.string($0)] } ?? [])
        record["url"] = .string(item.htmlURL)
        record["created_at"] = .string(SimTime.rfc3339(item.created))
        record["updated_at"] = .string(SimTime.rfc3339(item.updated))
        record["resolved_at"] = item.closed.map { .string(SimTime.rfc3339($0)) } ?? .null
        return record
    }

    /// The leftmost match of `[A-Z][A-Z0-9_]+-[0-9]+`.
    static func firstJiraKey(in text: String) -> String? {
        let bytes = Array(text.utf8)
        func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var start = 0
        while start < bytes.count {
            if isUpper(bytes[start]) {
                var index = start + 1
                while index < bytes.count, isUpper(bytes[index]) || isDigit(bytes[index]) || bytes[index] == 95 { index += 1 }
                if index > start + 1, index + 1 < bytes.count, bytes[index] == 45, isDigit(bytes[index + 1]) {
                    var end = index + 1
                    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
            }
            start += 1
        }
        return nil
    }
}
