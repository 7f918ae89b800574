import JSON

/// Applies the control API's issue fields (flat JSON, documented in docs/simulator.md) to a Jira
/// issue or GitHub item. Every edit stamps `updated` with the clock unless the body sets it.
enum SimIssueEdit {
    static func apply(_ body: JSONObject, to issue: inout SimJiraIssue, dataset: SimDataset, now: Int64) throws(SimControlError) {
        for (name, value) in body {
            switch name {
            case "source", "project", "key", "created", "updated": continue
            case "summary": issue.summary = try string(value, name)
            case "status":
                guard let status = dataset.status(named: try string(value, name)) else {
                    throw SimControlError("unknown status '\(value)'; known: \(dataset.statuses.map(\.name).joined(separator: ", "))")
                }
                issue.status = status.name
            case "issuetype", "type":
                let text = try string(value, name)
                guard let type = dataset.issueTypes.first(where: { $0.id == text || $0.name.lowercased() == text.lowercased() }) else {
                    throw SimControlError("unknown issue type '\(text)'")
                }
                issue.issueTypeID = type.id
            case "parent": issue.parentKey = try optionalString(value, name)
            case "assignee": issue.assigneeAccountID = try optionalString(value, name)
            case "labels": issue.labels = try strings(value, name)
            case "fixVersions", "fix_versions": issue.fixVersions = try strings(value, name)
            case "priority": issue.priority = try string(value, name)
            case "components": issue.components = try strings(value, name)
            default: throw SimControlError("unknown Jira field '\(name)'")
            }
        }
        let updated = try time(body["updated"]) ?? max(now, issue.updated + 1)
        issue.updated = updated
        let done = dataset.status(named: issue.status)?.category == "done"
        if done && issue.resolved == nil { issue.resolved = updated }
        if !done { issue.resolved = nil }
    }

    static func apply(_ body: JSONObject, to item: inout SimGitHubItem, now: Int64) throws(SimControlError) {
        var merge = false
        for (name, value) in body {
            switch name {
            case "source", "repo", "number", "pull_request", "created", "updated": continue
            case "title": item.title = try string(value, name)
            case "body": item.body = try string(value, name)
            case "state":
                let state = try string(value, name)
                guard state == "open" || state == "closed" else { throw SimControlError("state must be open or closed") }
                item.state = state
            case "merged":
                guard let flag = value.boolValue else { throw SimControlError("merged must be a boolean") }
                guard !flag || item.isPullRequest else { throw SimControlError("only a pull request can be merged") }
                merge = flag
            case "assignee": item.assignee = try optionalString(value, name)
            case "labels": item.labels = try strings(value, name)
            case "milestone": item.milestone = try optionalString(value, name)
            default: throw SimControlError("unknown GitHub field '\(name)'")
            }
        }
        // GitHub times have whole seconds.
        let updated = try time(body["updated"]) ?? max(now / 1000 * 1000, item.updated + 1000)
        item.updated = updated
        if merge { item.state = "closed"; item.merged = updated }
        if item.state == "closed" && item.closed == nil { item.closed = updated }
        if item.state == "open" { item.closed = nil; item.merged = nil }
    }

    static func string(_ value: JSONValue, _ name: String) throws(SimControlError) -> String {
        guard let text = value.stringValue else { throw SimControlError("\(name) must be a string") }
        return text
    }

    static func optionalString(_ value: JSONValue, _ name: String) throws(SimControlError) -> String? {
        if value.isNull { return nil }
        return try string(value, name)
    }

    static func strings(_ value: JSONValue, _ name: String) throws(SimControlError) -> [String] {
        guard let array = value.arrayValue else { throw SimControlError("\(name) must be an array of strings") }
        return try array.map { (element: JSONValue) throws(SimControlError) -> String in try string(element, name) }
    }

    static func time(_ value: JSONValue?) throws(SimControlError) -> Int64? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let ms = SimTime.parse(text) else {
            throw SimControlError("times must be RFC 3339, e.g. 2026-11-20T10:15:30Z")
        }
        return ms
    }
}
