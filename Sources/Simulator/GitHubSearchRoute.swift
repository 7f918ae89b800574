import Foundation
import HTTPServer
import JSON

/// `GET /search/issues`: qualifiers, `per_page`/`page`, `sort`/`order`, `Link` headers,
/// `total_count`, `incomplete_results` and the 1000-result cap.
struct GitHubSearchRoute {
    let state: SimState
    let credentials: SimCredentials

    static let resultCap = 1000
    static let maxPerPage = 100

    func handle(_ request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        guard let authorization = request.header("Authorization") else {
            return SimResponses.githubError(401, "Requires authentication")
        }
        guard credentials.acceptsGitHub(authorization) else { return SimResponses.githubError(401, "Bad credentials") }
        guard request.method == "GET" else { return SimResponses.githubError(404, "Not Found") }
        guard request.path == "/search/issues" else { return SimResponses.githubError(404, "Not Found") }
        guard let text = request.query("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return SimResponses.githubValidation("The search query is missing.")
        }
        let perPage = Int(request.query("per_page") ?? "") ?? 30
        let page = Int(request.query("page") ?? "") ?? 1
        guard perPage >= 1, page >= 1 else { return SimResponses.githubValidation("per_page and page must be ≥ 1", field: "page") }
        let size = min(perPage, Self.maxPerPage)
        let query: GitHubQuery
        do {
            query = try GitHubQuery.parse(text)
        } catch {
            return SimResponses.githubValidation(error.message)
        }
        if (page - 1) * size >= Self.resultCap {
            return SimResponses.githubError(422, "Only the first \(Self.resultCap) search results are available")
        }
        let sort = request.query("sort") ?? "created"
        let ascending = request.query("order")?.lowercased() == "asc"
        guard ["created", "updated", "comments", "best-match"].contains(sort) else {
            return SimResponses.githubValidation("sort must be created, updated or comments", field: "sort")
        }
        let items = state.dataset.githubItems.filter(query.matches).sorted { a, b in
            let (x, y) = sort == "updated" ? (a.updated, b.updated) : (a.created, b.created)
            if x != y { return ascending ? x < y : x > y }
            return a.key < b.key
        }
        let start = min(items.count, (page - 1) * size)
        let end = min(items.count, start + size, Self.resultCap)
        let renderer = GitHubItemRenderer(apiURL: baseURL)
        let body: JSONValue = ["total_count": .int(Int64(items.count)), "incomplete_results": false,
                               "items": .array(items[start..<end].map(renderer.searchItem))]
        let reachable = min(items.count, Self.resultCap)
        let lastPage = max(1, (reachable + size - 1) / size)
        return SimResponses.json(200, body, headers: linkHeader(request, baseURL: baseURL, page: page, size: size,
                                                                lastPage: lastPage))
    }

    private func linkHeader(_ request: HTTPServerRequest, baseURL: String, page: Int, size: Int,
                            lastPage: Int) -> [(String, String)] {
        let kept = request.queryItems.filter { $0.name != "page" && $0.name != "per_page" }
        let prefix = kept.map { "\(SimResponses.percentEncode($0.name))=\(SimResponses.percentEncode($0.value))" }
            .joined(separator: "&")
        func url(_ number: Int) -> String {
            "<\(baseURL)/search/issues?\(prefix)&per_page=\(size)&page=\(number)>"
        }
        var links: [String] = []
        if page > 1 { links.append("\(url(page - 1)); rel=\"prev\"") }
        if page < lastPage { links.append("\(url(page + 1)); rel=\"next\"") }
        if page < lastPage { links.append("\(url(lastPage)); rel=\"last\"") }
        if page > 1 { links.append("\(url(1)); rel=\"first\"") }
        return links.isEmpty ? [] : [("Link", links.joined(separator: ", "))]
    }
}
