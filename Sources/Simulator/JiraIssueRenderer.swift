import JSON

/// Renders issues in Jira Cloud's REST v3 shape, honouring the `fields` selection.
struct JiraIssueRenderer {
    static let allFields = ["summary", "status", "issuetype", "parent", "assignee", "labels", "fixVersions",
                            "priority", "components", "created", "updated", "resolutiondate", "project"]

    /// Fields served only when named (not part of `*all` here, to keep those answers as they were).
    static let requestedOnly = ["comment"]

    let catalog: SimDataset
    let baseURL: String
    let fields: Set<String>

    /// `requested` as Jira reads it: names (commas allowed inside items), `*all`/`*navigable`,
    /// `-name` to drop one; unknown names are ignored. nil or empty gives `defaultAll ? all : none`.
    static func fieldSelection(_ requested: [String]?, defaultAll: Bool) -> Set<String> {
        let items = (requested ?? []).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !items.isEmpty else { return defaultAll ? Set(allFields) : [] }
        var selected: Set<String> = []
        for item in items where item == "*all" || item == "*navigable" { selected.formUnion(allFields) }
        for item in items where allFields.contains(item) || requestedOnly.contains(item) { selected.insert(item) }
        for item in items where item.hasPrefix("-") { selected.remove(String(item.dropFirst())) }
        return selected
    }

    func render(_ issue: SimJiraIssue, parent: SimJiraIssue?) -> JSONValue {
        var object = JSONObject(minimumCapacity: 5)
        object["expand"] = ""
        object["id"] = .string(String(issue.id))
        guard !fields.isEmpty else { return .object(object) }
        object["self"] = .string("\(baseURL)/rest/api/3/issue/\(issue.id)")
        object["key"] = .string(issue.key)
        var out = JSONObject(minimumCapacity: fields.count)
        for name in Self.allFields + Self.requestedOnly where fields.contains(name) {
            out[name] = value(of: name, issue, parent: parent)
        }
        object["fields"] = .object(out)
        return .object(object)
    }

    private func value(of name: String, _ issue: SimJiraIssue, parent: SimJiraIssue?) -> JSONValue {
        switch name {
        case "summary": return .string(issue.summary)
        case "status": return status(issue.status)
        case "issuetype": return issueType(issue.issueTypeID)
        case "parent":
            guard let key = issue.parentKey else { return .null }
            var object: JSONObject = ["key": .string(key)]
            if let parent {
                object["id"] = .string(String(parent.id))
                object["self"] = .string("\(baseURL)/rest/api/3/issue/\(parent.id)")
                object["fields"] = ["summary": .string(parent.summary), "status": status(parent.status),
                                    "issuetype": issueType(parent.issueTypeID)]
            }
            return .object(object)
        case "assignee":
            guard let account = issue.assigneeAccountID else { return .null }
            return ["self": .string("\(baseURL)/rest/api/3/user?accountId=\(account)"), "accountId": .string(account),
                    "displayName": .string(catalog.account(id: account)?.displayName ?? account),
                    "active": true, "accountType": "atlassian", "timeZone": .string(catalog.timeZone)]
        case "labels": return .array(issue.labels.map(JSONValue.string))
        case "fixVersions":
            let versions = catalog.project(key: issue.project)?.versions ?? []
            return .array(issue.fixVersions.map { name in
                let version = versions.first { $0.name == name }
                var object: JSONObject = ["name": .string(name), "archived": false,
                                          "released": .bool(version?.released ?? false)]
                if let version {
                    object["id"] = .string(String(version.id))
                    object["self"] = .string("\(baseURL)/rest/api/3/version/\(version.id)")
                    object["releaseDate"] = .string(version.releaseDate)
                }
                return .object(object)
            })
        case "priority":
            let id = ["Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"][issue.priority] ?? "3"
            return ["self": .string("\(baseURL)/rest/api/3/priority/\(id)"), "id": .string(id), "name": .string(issue.priority)]
        case "components":
            return .array(issue.components.map { ["name": .string($0)] })
        case "created": return .string(SimTime.jira(issue.created))
        case "updated": return .string(SimTime.jira(issue.updated))
        case "resolutiondate": return issue.resolved.map { .string(SimTime.jira($0)) } ?? .null
        case "comment": return comments(issue)
        case "project":
            let project = catalog.project(key: issue.project)
            return ["self": .string("\(baseURL)/rest/api/3/project/\(issue.project)"),
                    "id": .string(String(project?.id ?? 0)), "key": .string(issue.project),
                    "name": .string(project?.name ?? issue.project)]
        default: return .null
        }
    }

    func status(_ name: String) -> JSONValue {
        let status = catalog.status(named: name) ?? SimStatus(id: "0", name: name, category: "indeterminate")
        return ["self": .string("\(baseURL)/rest/api/3/status/\(status.id)"), "id": .string(status.id),
                "name": .string(status.name),
                "statusCategory": ["id": .int(Int64(status.categoryID)), "key": .string(status.category),
                                   "name": .string(status.categoryName)]]
    }

    func issueType(_ id: String) -> JSONValue {
        let type = catalog.issueType(id: id)
        return ["self": .string("\(baseURL)/rest/api/3/issuetype/\(id)"), "id": .string(id),
                "name": .string(type?.name ?? "Unknown"), "subtask": false,
                "hierarchyLevel": .int(Int64(type?.hierarchyLevel ?? 0))]
    }
}

extension JiraIssueRenderer {
    /// `fields.comment`: every fourth issue with an assignee has one comment by the assignee, written
    /// when the issue was last updated (the Jira COMMENTED_ON edges of the collaboration graph).
    func comments(_ issue: SimJiraIssue) -> JSONValue {
        var comments: [JSONValue] = []
        if issue.id % 4 == 0, let account = issue.assigneeAccountID {
            comments.append(["id": .string("\(issue.id)1"),
                             "author": ["accountId": .string(account),
                                        "displayName": .string(catalog.account(id: account)?.displayName ?? account)],
                             "created": .string(SimTime.jira(issue.updated)), "updated": .string(SimTime.jira(issue.updated))])
        }
        return ["comments": .array(comments), "maxResults": .int(Int64(comments.count)), "total": .int(Int64(comments.count)),
                "startAt": 0]
    }
}
