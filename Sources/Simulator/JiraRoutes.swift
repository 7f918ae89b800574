import Foundation
import HTTPServer
import JSON

/// The Jira Cloud REST v3 endpoints: enhanced search, approximate count, one issue, issue types,
/// myself, versions, changelogs (JiraRoutes+Changelog.swift) and statuses.
struct JiraRoutes {
    let state: SimState
    let credentials: SimCredentials
    /// The fault plan can take the count endpoint away, as on servers that lack it.
    var approximateCountAvailable = true
    /// Older Jira has no bulkfetch; the fault plan can take it away.
    var bulkChangelogAvailable = true
    var failingChangelogs: Set<String> = []
    /// Issues the fault plan renders wrong.
    var itemFaults: [String: ItemFault] = [:]

    static let maxResultsCap = 100

    func handle(_ request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        guard credentials.acceptsJira(request.header("Authorization")) else {
            return SimResponses.jiraError(401, "Client must be authenticated to access this resource.",
                                          headers: [("WWW-Authenticate", "Basic realm=\"simulated Jira\"")])
        }
        let parts = request.path.split(separator: "/").map(String.init)
        // ["rest", "api", "3", …]
        guard parts.count >= 4, parts[0] == "rest", parts[1] == "api", parts[2] == "3" else {
            return SimResponses.jiraError(404, "No resource at \(request.path).")
        }
        let rest = Array(parts.dropFirst(3))
        switch (request.method, rest.count, rest[0]) {
        case ("GET", 2, "search") where rest[1] == "jql", ("POST", 2, "search") where rest[1] == "jql":
            return search(request, baseURL: baseURL)
        case ("POST", 2, "search") where rest[1] == "approximate-count" && approximateCountAvailable:
            return approximateCount(request)
        case ("POST", 2, "changelog") where rest[1] == "bulkfetch" && bulkChangelogAvailable:
            return bulkChangelog(request, baseURL: baseURL)
        case ("GET", 3, "issue") where rest[2] == "changelog":
            return issueChangelog(key: rest[1], request: request, baseURL: baseURL)
        case ("GET", 1, "status"):
            return statuses(baseURL: baseURL)
        case ("GET", 2, "issue"):
            return issue(key: rest[1], request: request, baseURL: baseURL)
        case ("GET", 1, "issuetype"):
            return issueTypes(baseURL: baseURL)
        case ("GET", 1, "myself"):
            return myself(baseURL: baseURL)
        case ("GET", 3, "project") where rest[2] == "versions":
            return versions(project: rest[1], baseURL: baseURL)
        default:
            return SimResponses.jiraError(404, "No resource at \(request.method) \(request.path).")
        }
    }

    private func search(_ request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        var jql: String?
        var fields: [String]?
        var maxResults = 50
        var token: String?
        if request.method == "POST" {
            guard let body = try? JSONValue.parse(request.body), case .object = body else {
                return SimResponses.jiraError(400, "The request body is not a JSON object.")
            }
            jql = body["jql"]?.stringValue
            fields = body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? body["fields"]?.stringValue.map { [$0] }
            if let value = body["maxResults"] {
                guard let number = value.intValue else { return SimResponses.jiraError(400, "maxResults must be an integer.") }
                maxResults = number
            }
            token = body["nextPageToken"]?.stringValue
        } else {
            jql = request.query("jql")
            let listed = request.queryItems.filter { $0.name == "fields" }.map(\.value)
            fields = listed.isEmpty ? nil : listed
            if let value = request.query("maxResults") {
                guard let number = Int(value) else { return SimResponses.jiraError(400, "maxResults must be an integer.") }
                maxResults = number
            }
            token = request.query("nextPageToken")
        }
        guard let jql, !jql.trimmingCharacters(in: .whitespaces).isEmpty else {
            return SimResponses.jiraError(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.")
        }
        guard maxResults >= 0 else { return SimResponses.jiraError(400, "maxResults must not be negative.") }
        let page: JiraSearchPage
        do {
            page = try state.searchJira(jql: jql, maxResults: min(maxResults, Self.maxResultsCap), pageToken: token)
        } catch {
            return SimResponses.jiraError(400, error.message)
        }
        let renderer = JiraIssueRenderer(catalog: page.catalog, baseURL: baseURL,
                                         fields: JiraIssueRenderer.fieldSelection(fields, defaultAll: false))
        var object = JSONObject()
        object["issues"] = .array(zip(page.issues, page.parents).map { issue, parent in
            let item = renderer.render(issue, parent: parent)
            return itemFaults[issue.key]?.applied(to: item) ?? item
        })
        if let next = page.nextPageToken { object["nextPageToken"] = .string(next) }
        object["isLast"] = .bool(page.nextPageToken == nil)
        return SimResponses.json(200, .object(object))
    }

    /// `{"jql": "…"}` → `{"count": N}`. Jira calls it an estimate that may miss recent changes;
    /// here it is exact.
    private func approximateCount(_ request: HTTPServerRequest) -> HTTPServerResponse {
        guard let body = try? JSONValue.parse(request.body), case .object = body else {
            return SimResponses.jiraError(400, "The request body is not a JSON object.")
        }
        guard let jql = body["jql"]?.stringValue, !jql.trimmingCharacters(in: .whitespaces).isEmpty else {
            return SimResponses.jiraError(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.")
        }
        do {
            return SimResponses.json(200, ["count": .int(Int64(try state.countJira(jql: jql)))])
        } catch {
            return SimResponses.jiraError(400, error.message)
        }
    }

    private func issue(key: String, request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        guard let found = state.jiraIssue(key: key) else {
            return SimResponses.jiraError(404, "Issue does not exist or you do not have permission to see it.")
        }
        let listed = request.queryItems.filter { $0.name == "fields" }.map(\.value)
        let renderer = JiraIssueRenderer(catalog: found.catalog, baseURL: baseURL,
                                         fields: JiraIssueRenderer.fieldSelection(listed, defaultAll: true))
        return SimResponses.json(200, renderer.render(found.issue, parent: found.parent))
    }

    private func issueTypes(baseURL: String) -> HTTPServerResponse {
        let dataset = state.dataset
        return SimResponses.json(200, .array(dataset.issueTypes.map { type in
            ["self": .string("\(baseURL)/rest/api/3/issuetype/\(type.id)"), "id": .string(type.id),
             "name": .string(type.name), "description": "", "subtask": false,
             "hierarchyLevel": .int(Int64(type.hierarchyLevel))]
        }))
    }

    private func myself(baseURL: String) -> HTTPServerResponse {
        let dataset = state.dataset
        return SimResponses.json(200, [
            "self": .string("\(baseURL)/rest/api/3/user?accountId=\(dataset.jiraAccountID)"),
            "accountId": .string(dataset.jiraAccountID), "accountType": "atlassian",
            "emailAddress": .string(dataset.jiraEmail), "displayName": "WorkSupport Bot", "active": true,
            "timeZone": .string(dataset.timeZone), "locale": "en_US",
        ])
    }

    private func versions(project key: String, baseURL: String) -> HTTPServerResponse {
        guard let project = state.dataset.project(key: key) else {
            return SimResponses.jiraError(404, "No project could be found with key '\(key)'.")
        }
        return SimResponses.json(200, .array(project.versions.map { version in
            ["self": .string("\(baseURL)/rest/api/3/version/\(version.id)"), "id": .string(String(version.id)),
             "name": .string(version.name), "archived": false, "released": .bool(version.released),
             "releaseDate": .string(version.releaseDate), "projectId": .int(Int64(project.id))]
        }))
    }
}
