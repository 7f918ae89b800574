import Foundation
import HTTPClient
import JSON

/// One page of `/search/issues`.
public struct GitHubSearchPage: Sendable {
    public var items: [JSONValue]
    public var totalCount: Int
    public var incompleteResults: Bool
}

/// GitHub's issue search, followed through its `Link` headers. Token auth.
public final class GitHubClient {
    /// GitHub serves at most this many results per search, whatever total_count says.
    public static let searchResultCap = 1000

    let apiURL: String
    let token: String?
    let transport: UpstreamTransport

    public init(apiURL: String, token: String?, transport: UpstreamTransport) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.token = token
        self.transport = transport
    }

    /// total_count of a query, from a one-item page (to decide whether it must be split).
    public func totalCount(query: String) throws -> Int {
        let (json, _) = try call(searchURL(query: query, perPage: 1))
        return json["total_count"]?.intValue ?? 0
    }

    /// Every page of `query`, 100 items each, following `rel="next"`. Returns the pages read.
    @discardableResult
    public func search(query: String, onPage: (GitHubSearchPage) throws -> Void) throws -> Int {
        var next: String? = searchURL(query: query, perPage: 100)
        var pages = 0
        while let url = next {
            let (json, response) = try call(url)
            guard let items = json["items"]?.arrayValue else {
                throw UpstreamError(code: .invalidResponse, request: "GET \(url)", status: response.status,
                                    attempts: 1, reason: "no 'items' array in the search answer")
            }
            pages += 1
            try onPage(GitHubSearchPage(items: items, totalCount: json["total_count"]?.intValue ?? items.count,
                                        incompleteResults: json["incomplete_results"]?.boolValue ?? false))
            next = response.header("link").flatMap { LinkHeader.parse($0)["next"] }
        }
        return pages
    }

    func searchURL(query: String, perPage: Int) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let q = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? query
        return "\(apiURL)/search/issues?q=\(q)&per_page=\(perPage)&sort=created&order=asc"
    }

    func call(_ url: String) throws -> (JSONValue, HTTPResponse) {
        var headers = [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28"),
                       ("User-Agent", "worksupport-harvest")]
        if let token, !token.isEmpty { headers.append(("Authorization", "Bearer \(token)")) }
        let response = try transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        do {
            return (try JSONValue.parseStorable(response.body), response)
        } catch {
            throw UpstreamError(code: .invalidResponse, request: "GET \(url)", status: response.status,
                                attempts: 1, reason: "invalid JSON: \(error)")
        }
    }
}

/// RFC 8288 `Link: <url>; rel="next", <url>; rel="last"` → ["next": url, "last": url].
public enum LinkHeader {
    public static func parse(_ value: String) -> [String: String] {
        var links: [String: String] = [:]
        for part in value.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let url = String(target.dropFirst().dropLast())
            for parameter in pieces.dropFirst() where parameter.hasPrefix("rel=") {
                let rels = parameter.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for rel in rels.split(separator: " ") { links[String(rel)] = url }
            }
        }
        return links
    }
}
