import HTTPClient
import JSON
@testable import Simulator

/// Datasets and a running simulator shared by the tests.
enum SimFixture {
    /// Small, but with a member past GitHub's 1000-result cap.
    static let dataset = DatasetGenerator.generate(DatasetGenerator.Options(issues: 300, members: 5, seed: 11))

    static func withSimulator<T>(_ dataset: SimDataset = SimFixture.dataset,
                                 options: SimulatorServer.Options = SimulatorServer.Options(),
                                 _ body: (SimulatorServer, SimClient) throws -> T) throws -> T {
        let server = try SimulatorServer(dataset: dataset, options: options)
        try server.start()
        defer { server.stop() }
        return try body(server, SimClient(server: server))
    }

    static func issue(_ key: String, type: String = "10101", status: String = "To Do", parent: String? = nil,
                      assignee: String? = nil, labels: [String] = [], fixVersions: [String] = [],
                      created: Int64 = 0, updated: Int64 = 0, resolved: Int64? = nil) -> SimJiraIssue {
        let parsed = JiraKey(key)!
        return SimJiraIssue(project: parsed.project, number: parsed.number, id: 10_000 + parsed.number, summary: "Issue \(key)",
                            status: status, issueTypeID: type, parentKey: parent, assigneeAccountID: assignee,
                            labels: labels, fixVersions: fixVersions, created: created, updated: updated, resolved: resolved)
    }
}

/// An HTTP client with the simulator's credentials at hand.
struct SimClient {
    let server: SimulatorServer
    let http = HTTPClient()

    func jira(_ method: String, _ path: String, json: JSONValue? = nil, auth: String? = nil) throws -> HTTPResponse {
        var headers = [("Authorization", auth ?? server.jiraAuthorization)]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try http.send(HTTPRequest(method: method, url: server.baseURL + path, headers: headers,
                                         body: json?.serialized(), totalTimeout: 20))
    }

    func github(_ path: String, auth: String? = nil) throws -> HTTPResponse {
        try http.send(HTTPRequest(url: server.baseURL + path, headers: [("Authorization", auth ?? server.githubAuthorization)],
                                  totalTimeout: 20))
    }

    func control(_ method: String, _ path: String, json: JSONValue? = nil, text: String? = nil) throws -> HTTPResponse {
        let body = json?.serialized() ?? text.map { Array($0.utf8) }
        return try http.send(HTTPRequest(method: method, url: server.baseURL + "/_sim" + path, body: body, totalTimeout: 20))
    }

    /// `q` and other values percent-encoded for a GitHub search URL.
    func searchGitHub(_ q: String, perPage: Int = 100, page: Int = 1) throws -> HTTPResponse {
        try github("/search/issues?q=\(SimResponses.percentEncode(q))&per_page=\(perPage)&page=\(page)")
    }

    /// All keys a JQL search returns, following `nextPageToken`.
    func allKeys(jql: String, pageSize: Int = 100) throws -> (keys: [String], pages: Int) {
        var keys: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var body: JSONObject = ["jql": .string(jql), "fields": ["summary"], "maxResults": .int(Int64(pageSize))]
            if let token { body["nextPageToken"] = .string(token) }
            let response = try jira("POST", "/rest/api/3/search/jql", json: .object(body))
            guard response.status == 200 else { throw SimDataError("search failed: \(response.status) \(response.bodyString ?? "")") }
            let page = try JSONValue.parseStorable(response.body)
            keys += page["issues"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
            token = page["nextPageToken"]?.stringValue
            pages += 1
        } while token != nil
        return (keys, pages)
    }
}

extension HTTPResponse {
    var json: JSONValue { (try? JSONValue.parseStorable(body)) ?? .null }
}
