import HTTPServer
import JSON

/// Changelogs: `POST /rest/api/3/changelog/bulkfetch` (up to 1000 issues, the entries of all of
/// them sorted by date then issue id, `maxResults` entries a page, `nextPageToken`), `GET
/// /rest/api/3/issue/{key}/changelog` (`startAt`/`maxResults` paging, every field), and
/// `GET /rest/api/3/status`. Histories come from `SimHistory`.
extension JiraRoutes {
    static let bulkIssueLimit = 1000
    static let bulkEntryCap = 1000
    static let changelogPageCap = 100

    func bulkChangelog(_ request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        guard let body = try? JSONValue.parse(request.body), case .object = body else {
            return SimResponses.jiraError(400, "The request body is not a JSON object.")
        }
        guard let names = body["issueIdsOrKeys"]?.arrayValue?.compactMap(\.stringValue), !names.isEmpty else {
            return SimResponses.jiraError(400, "issueIdsOrKeys must list at least one issue.")
        }
        guard names.count <= Self.bulkIssueLimit else {
            return SimResponses.jiraError(400, "You can request changelogs of at most \(Self.bulkIssueLimit) issues.")
        }
        let fieldIDs = body["fieldIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard fieldIDs.count <= 10 else { return SimResponses.jiraError(400, "You can filter by at most 10 field IDs.") }
        var maxResults = Self.bulkEntryCap
        if let value = body["maxResults"] {
            guard let number = value.intValue, number > 0 else {
                return SimResponses.jiraError(400, "maxResults must be a positive integer.")
            }
            maxResults = min(number, Self.bulkEntryCap)
        }
        let (issues, catalog) = state.jiraIssues(idsOrKeys: names)
        if issues.contains(where: { failingChangelogs.contains($0.key) }) {
            return SimResponses.jiraError(500, "Internal server error (planted changelog failure).")
        }
        var entries: [(issue: SimJiraIssue, entry: SimHistoryEntry)] = []
        for issue in issues {
            for entry in SimHistory.entries(for: issue, dataset: catalog) {
                let items = fieldIDs.isEmpty ? entry.items : entry.items.filter { fieldIDs.contains($0.fieldID ?? $0.field) }
                guard !items.isEmpty else { continue }
                var kept = entry
                kept.items = items
                entries.append((issue, kept))
            }
        }
        entries.sort { ($0.entry.created, $0.issue.id, $0.entry.id) < ($1.entry.created, $1.issue.id, $1.entry.id) }

        let fingerprint = Self.fingerprint(names + ["|"] + fieldIDs)
        var start = 0
        if let token = body["nextPageToken"]?.stringValue {
            let parts = token.split(separator: ".")
            guard parts.count == 2, let offset = Int(parts[0]), parts[1] == fingerprint, offset <= entries.count else {
                return SimResponses.jiraError(400, "The provided next page token is invalid or expired.")
            }
            start = offset
        }
        let end = min(entries.count, start + maxResults)
        var logs: [JSONValue] = []
        var index = start
        while index < end {
            let issue = entries[index].issue
            var histories: [JSONValue] = []
            while index < end, entries[index].issue.id == issue.id {
                histories.append(render(entries[index].entry, catalog: catalog, baseURL: baseURL))
                index += 1
            }
            logs.append(["issueId": .string(String(issue.id)), "changeHistories": .array(histories)])
        }
        var object = JSONObject()
        object["issueChangeLogs"] = .array(logs)
        if end < entries.count { object["nextPageToken"] = .string("\(end).\(fingerprint)") }
        return SimResponses.json(200, .object(object))
    }

    func issueChangelog(key: String, request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        guard let found = state.jiraIssue(key: key) else {
            return SimResponses.jiraError(404, "Issue does not exist or you do not have permission to see it.")
        }
        if failingChangelogs.contains(found.issue.key) {
            return SimResponses.jiraError(500, "Internal server error (planted changelog failure).")
        }
        guard let startAt = Int(request.query("startAt") ?? "0"), startAt >= 0,
              let asked = Int(request.query("maxResults") ?? "100"), asked > 0 else {
            return SimResponses.jiraError(400, "startAt and maxResults must be non-negative integers.")
        }
        let maxResults = min(asked, Self.changelogPageCap)
        let entries = SimHistory.entries(for: found.issue, dataset: found.catalog)
        let page = entries.dropFirst(startAt).prefix(maxResults)
        let isLast = startAt + page.count >= entries.count
        var object = JSONObject()
        let path = "\(baseURL)/rest/api/3/issue/\(found.issue.key)/changelog"
        object["self"] = .string("\(path)?maxResults=\(maxResults)&startAt=\(startAt)")
        if !isLast { object["nextPage"] = .string("\(path)?maxResults=\(maxResults)&startAt=\(startAt + page.count)") }
        object["maxResults"] = .int(Int64(maxResults))
        object["startAt"] = .int(Int64(startAt))
        object["total"] = .int(Int64(entries.count))
        object["isLast"] = .bool(isLast)
        object["values"] = .array(page.map { render($0, catalog: found.catalog, baseURL: baseURL) })
        return SimResponses.json(200, .object(object))
    }

    func statuses(baseURL: String) -> HTTPServerResponse {
        SimResponses.json(200, .array(state.dataset.statuses.map { status in
            ["self": .string("\(baseURL)/rest/api/3/status/\(status.id)"), "description": "",
             "iconUrl": .string("\(baseURL)/images/icons/statuses/generic.png"), "name": .string(status.name),
             "untranslatedName": .string(status.name), "id": .string(status.id),
             "statusCategory": ["self": .string("\(baseURL)/rest/api/3/statuscategory/\(status.categoryID)"),
                                "id": .int(Int64(status.categoryID)), "key": .string(status.category),
                                "colorName": "blue-gray", "name": .string(status.categoryName)]]
        }))
    }

    func render(_ entry: SimHistoryEntry, catalog: SimDataset, baseURL: String) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(String(entry.id))
        if let account = entry.authorAccountID {
            object["author"] = ["self": .string("\(baseURL)/rest/api/3/user?accountId=\(account)"),
                                "accountId": .string(account),
                                "displayName": .string(catalog.account(id: account)?.displayName ?? account),
                                "active": true, "accountType": "atlassian", "timeZone": .string(catalog.timeZone)]
        }
        object["created"] = .string(SimTime.jira(entry.created))
        object["items"] = .array(entry.items.map { item in
            var rendered: JSONObject = ["field": .string(item.field), "fieldtype": "jira"]
            if let id = item.fieldID { rendered["fieldId"] = .string(id) }
            rendered["from"] = item.from.map(JSONValue.string) ?? .null
            rendered["fromString"] = item.fromString.map(JSONValue.string) ?? .null
            rendered["to"] = item.to.map(JSONValue.string) ?? .null
            rendered["toString"] = item.toString.map(JSONValue.string) ?? .null
            return .object(rendered)
        })
        return .object(object)
    }

    /// A short stable hash of the request, so a token only works with the request it came from.
    static func fingerprint(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
