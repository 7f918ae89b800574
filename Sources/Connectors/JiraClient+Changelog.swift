import Foundation
import JSON

/// One page of `POST /rest/api/3/changelog/bulkfetch`: entries by issue id, in the order Jira sent
/// them (one issue's entries may continue on the next page).
public struct JiraChangelogPage: Sendable {
    public var histories: [(issueID: String, entries: [JSONValue])]
    public var nextPageToken: String?
}

/// Changelogs and statuses: complete histories, never the truncated `expand=changelog` embed.
extension JiraClient {
    /// Jira's limit per bulkfetch call.
    public static let bulkChangelogIssueLimit = 1000
    public static let changelogFields = ["status", "assignee"]

    /// The changelogs of up to 1000 issues (ids or keys), every page; an issue without a matching
    /// entry does not appear. Older Jira answers 404 (`UpstreamError.status`).
    public func bulkChangelog(issueIDsOrKeys: [String], fieldIDs: [String] = JiraClient.changelogFields,
                              maxResults: Int = 1000, onPage: (JiraChangelogPage) throws -> Void) throws {
        let path = "/rest/api/3/changelog/bulkfetch"
        var token: String?
        repeat {
            var body = JSONObject()
            body["issueIdsOrKeys"] = .array(issueIDsOrKeys.map(JSONValue.string))
            body["fieldIds"] = .array(fieldIDs.map(JSONValue.string))
            body["maxResults"] = .int(Int64(maxResults))
            if let token { body["nextPageToken"] = .string(token) }
            let json = try call("POST", path, body: .object(body))
            guard let logs = json["issueChangeLogs"]?.arrayValue else {
                throw UpstreamError(code: .invalidResponse, request: "POST \(baseURL)\(path)", status: 200, attempts: 1,
                                    reason: "no 'issueChangeLogs' array in the answer")
            }
            let histories = logs.compactMap { log -> (String, [JSONValue])? in
                guard let id = log["issueId"]?.stringValue ?? log["issueId"]?.intValue.map(String.init) else { return nil }
                return (id, log["changeHistories"]?.arrayValue ?? [])
            }
            let next = json["nextPageToken"]?.stringValue
            try onPage(JiraChangelogPage(histories: histories, nextPageToken: next))
            token = next.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
    }

    /// Every entry of one issue's changelog, `startAt` paging to `isLast`.
    public func issueChangelog(issueKey: String, pageSize: Int = 100) throws -> [JSONValue] {
        let escaped = issueKey.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? issueKey
        var entries: [JSONValue] = []
        while true {
            let path = "/rest/api/3/issue/\(escaped)/changelog?startAt=\(entries.count)&maxResults=\(pageSize)"
            let json = try call("GET", path)
            guard let values = json["values"]?.arrayValue else {
                throw UpstreamError(code: .invalidResponse, request: "GET \(baseURL)\(path)", status: 200, attempts: 1,
                                    reason: "no 'values' array in the answer")
            }
            entries += values
            let total = json["total"]?.intValue
            if json["isLast"]?.boolValue ?? true || values.isEmpty || total.map({ entries.count >= $0 }) == true {
                return entries
            }
        }
    }

    /// `GET /rest/api/3/status`: every status of the site with its `statusCategory.key`.
    public func statuses() throws -> [JSONValue] {
        try call("GET", "/rest/api/3/status").arrayValue ?? []
    }
}
