import HTTPServer
import JSON

/// `GET /repos/{owner}/{repo}/pulls/{n}/reviews` and `…/comments` for the dataset's pull
/// requests (`SimCollaboration`): reviews paged `reviewPageSize` at a time with `Link` headers,
/// an empty list for a pull request nobody reviewed, 404 for one the dataset does not have.
struct GitHubReviewRoute: Sendable {
    let dataset: SimDataset
    let collaboration: SimCollaboration

    func handle(_ request: HTTPServerRequest, baseURL: String) -> HTTPServerResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        // repos, owner, repo, pulls, n, reviews|comments
        guard request.method == "GET", parts.count == 6, parts[3] == "pulls", let number = Int(parts[4]) else {
            return notFound
        }
        let repo = "\(parts[1])/\(parts[2])"
        guard dataset.githubItems.contains(where: { $0.isPullRequest && $0.number == number && $0.repo.lowercased() == repo.lowercased() })
        else { return notFound }
        let key = "\(repo)#\(number)"
        switch parts[5] {
        case "reviews":
            let all = (collaboration.reviews[key] ?? []).map(collaboration.reviewJSON)
            let page = max(1, Int(request.query("page") ?? "") ?? 1)
            let size = min(SimCollaboration.reviewPageSize, max(1, Int(request.query("per_page") ?? "") ?? 30))
            let start = min(all.count, (page - 1) * size)
            let slice = Array(all[start..<min(all.count, start + size)])
            var headers: [(String, String)] = []
            if start + size < all.count {
                headers.append(("Link", "<\(baseURL)\(request.path)?per_page=\(size)&page=\(page + 1)>; rel=\"next\""))
            }
            return SimResponses.json(200, .array(slice), headers: headers)
        case "comments":
            return .array((collaboration.comments[key] ?? []).map(collaboration.commentJSON))
        default:
            return notFound
        }
    }

    var notFound: HTTPServerResponse { SimResponses.githubError(404, "Not Found") }
}
