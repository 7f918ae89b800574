import Foundation
import HTTPClient
import JSON

/// One page of `/rest/api/3/search/jql`.
public struct JiraSearchPage: Sendable {
    public var issues: [JSONValue]
    public var nextPageToken: String?
    public var isLast: Bool
    /// Issues of an answer that did not parse as a whole, and could not be read one by one.
    public var unreadable: [JiraUnreadableItem] = []
}

/// The Jira Cloud REST API v3 calls the harvester makes: token-paged JQL search with explicit
/// fields, approximate counts, the bot user's time zone, and project versions. Basic auth:
/// e-mail + API token.
public final class JiraClient {
    let baseURL: String
    let authorization: String
    let transport: UpstreamTransport

    public init(baseURL: String, email: String, apiToken: String, transport: UpstreamTransport) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.authorization = "Basic " + Data("\(email):\(apiToken)".utf8).base64EncodedString()
        self.transport = transport
    }

    /// Fields the normalizer reads; never `*all` (Jira's payloads are large).
    public static func searchFields(epicLinkField: String?) -> [String] {
        var fields = ["summary", "status", "issuetype", "parent", "assignee", "labels", "fixVersions",
                      "created", "updated", "resolutiondate", "priority", "components", "comment"]
        if let epicLinkField { fields.append(epicLinkField) }
        return fields
    }

    /// Runs `jql` to the last page, handing each page to `onPage` as it arrives (memory stays
    /// bounded by one page). Returns the number of pages.
    @discardableResult
    public func search(jql: String, fields: [String], pageSize: Int = 100,
                       onPage: (JiraSearchPage) throws -> Void) throws -> Int {
        var token: String?
        var pages = 0
        repeat {
            var body = JSONObject()
            body["jql"] = .string(jql)
            body["fields"] = .array(fields.map { .string($0) })
            body["maxResults"] = .int(Int64(pageSize))
            if let token { body["nextPageToken"] = .string(token) }
            let path = "/rest/api/3/search/jql"
            let response = try send("POST", path, body: .object(body))
            let page = try searchPage(response, path: path, describedAs: "page \(pages + 1) of \(jql.prefix(150))")
            pages += 1
            try onPage(page)
            token = page.isLast ? nil : page.nextPageToken
        } while token != nil
        return pages
    }

    /// One search answer; one that is not JSON as a whole is read item by item
    /// (`JiraSearchPageSalvage`).
    func searchPage(_ response: HTTPResponse, path: String, describedAs page: String) throws -> JiraSearchPage {
        let json: JSONValue
        do throws(JSONError) {
            json = try JSONValue.parseStorable(response.body)
        } catch {
            guard let salvaged = JiraSearchPageSalvage.salvage(response.body, describingPage: page) else {
                throw invalidJSON("POST", path, response, error)
            }
            return salvaged
        }
        guard let issues = json["issues"]?.arrayValue else {
            throw UpstreamError(code: .invalidResponse, request: "POST \(baseURL)\(path)",
                                status: 200, attempts: 1, reason: "no 'issues' array in the search answer")
        }
        let next = json["nextPageToken"]?.stringValue
        return JiraSearchPage(issues: issues, nextPageToken: next, isLast: json["isLast"]?.boolValue ?? (next == nil))
    }

    /// Jira's estimate of how many issues `jql` (a condition, no ORDER BY) matches, from
    /// `POST /rest/api/3/search/approximate-count`. Recent changes may be missing from it; the
    /// harvest only uses it for the progress line's ETA. Older servers answer 404.
    public func approximateCount(jql: String) throws -> Int {
        let path = "/rest/api/3/search/approximate-count"
        let json = try call("POST", path, body: ["jql": .string(jql)])
        guard let count = json["count"]?.intValue, count >= 0 else {
            throw UpstreamError(code: .invalidResponse, request: "POST \(baseURL)\(path)",
                                status: 200, attempts: 1, reason: "no 'count' number in the answer")
        }
        return count
    }

    /// The API user's profile; `timeZone` decides how JQL date literals are read.
    public func myself() throws -> JSONValue {
        try call("GET", "/rest/api/3/myself")
    }

    public func projectVersions(projectKey: String) throws -> [JSONValue] {
        let escaped = projectKey.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? projectKey
        return try call("GET", "/rest/api/3/project/\(escaped)/versions").arrayValue ?? []
    }

    func call(_ method: String, _ path: String, body: JSONValue? = nil) throws -> JSONValue {
        try exchange(method, path, body: body).json
    }

    /// The parsed answer and the response it came in (whose headers some callers read).
    func exchange(_ method: String, _ path: String, body: JSONValue? = nil) throws -> (json: JSONValue, response: HTTPResponse) {
        let response = try send(method, path, body: body)
        do {
            return (try JSONValue.parseStorable(response.body), response)
        } catch {
            throw invalidJSON(method, path, response, error)
        }
    }

    func send(_ method: String, _ path: String, body: JSONValue? = nil) throws -> HTTPResponse {
        var headers = [("Authorization", authorization), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try transport.send(HTTPRequest(method: method, url: baseURL + path, headers: headers,
                                              body: body?.serialized()))
    }

    func invalidJSON(_ method: String, _ path: String, _ response: HTTPResponse, _ error: JSONError) -> UpstreamError {
        UpstreamError(code: .invalidResponse, request: "\(method) \(baseURL)\(path)", status: response.status,
                      attempts: 1, reason: "invalid JSON: \(error)")
    }
}
