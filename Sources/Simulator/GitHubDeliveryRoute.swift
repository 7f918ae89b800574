import HTTPServer
import JSON

/// GitHub's repository endpoints for the delivery scenario: deployments and their statuses,
/// closed pull requests with commits and reviews, compare, and labelled issues.
struct GitHubDeliveryRoute: Sendable {
    let scenario: SimDeliveryScenario

    func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let path = request.path.lowercased()
        guard request.method == "GET",
              let repo = scenario.repos.first(where: { path.hasPrefix("/repos/\($0)/") }) else { return notFound }
        let parts = request.path.dropFirst("/repos/\(repo)".count).split(separator: "/").map(String.init)
        let deployments = scenario.deployments.filter { $0.repo == repo }
        let pulls = scenario.pulls.filter { $0.repo == repo }
        switch parts.count {
        case 1 where parts[0] == "deployments":
            return .array(deployments.sorted { $0.createdAt > $1.createdAt }.map(deployment))
        case 3 where parts[0] == "deployments" && parts[2] == "statuses":
            guard let found = deployments.first(where: { String($0.id) == parts[1] }) else { return notFound }
            return .array(found.statuses.reversed().map { ["id": .int(Int64($0.0)), "state": .string($0.1),
                                                           "created_at": .string(SimTime.github($0.2)),
                                                           "environment": .string(found.environment)] })
        case 1 where parts[0] == "pulls":
            return .array(pulls.sorted { $0.closedAt > $1.closedAt }.map(pull))
        case 3 where parts[0] == "pulls":
            guard let found = pulls.first(where: { String($0.number) == parts[1] }) else { return notFound }
            if parts[2] == "commits" {
                return .array(found.commits.map { ["sha": .string($0.0),
                                                   "commit": ["author": ["date": .string(SimTime.github($0.1))]]] })
            }
            if parts[2] == "reviews" {
                return .array(found.reviews.map { ["user": ["login": .string($0.0)], "state": "APPROVED",
                                                   "submitted_at": .string(SimTime.github($0.1))] })
            }
            return notFound
        case 2 where parts[0] == "compare":
            let range = parts[1].components(separatedBy: "...")
            guard range.count == 2, let commits = scenario.compare(repo: repo, base: range[0], head: range[1]) else {
                return SimResponses.githubError(404, "No common ancestor between \(parts[1]).")
            }
            return comparePage(commits, request)
        case 1 where parts[0] == "issues":
            return .array(scenario.incidents.filter { $0.repo == repo }.map(issue))
        default:
            return notFound
        }
    }

    /// GitHub's paging of a compare: without `page`/`per_page` the first 250 commits; with them,
    /// `per_page` (default 30, at most 100) from `page`; `total_commits` counts them all.
    func comparePage(_ commits: [String], _ request: HTTPServerRequest) -> HTTPServerResponse {
        let paged = request.query("page") != nil || request.query("per_page") != nil
        let size = paged ? min(max(Int(request.query("per_page") ?? "") ?? 30, 1), 100) : 250
        let page = max(Int(request.query("page") ?? "") ?? 1, 1)
        let start = min((page - 1) * size, commits.count)
        let slice = commits[start..<min(start + size, commits.count)]
        return SimResponses.json(200, ["status": "ahead", "ahead_by": .int(Int64(commits.count)),
                                       "total_commits": .int(Int64(commits.count)),
                                       "commits": .array(slice.map { ["sha": .string($0)] })])
    }

    var notFound: HTTPServerResponse { SimResponses.githubError(404, "Not Found") }

    func deployment(_ d: SimDeliveryScenario.Deployment) -> JSONValue {
        ["id": .int(Int64(d.id)), "sha": .string(d.sha), "ref": .string(d.ref), "environment": .string(d.environment),
         "task": "deploy", "created_at": .string(SimTime.github(d.createdAt)),
         "updated_at": .string(SimTime.github(d.statuses.last?.2 ?? d.createdAt))]
    }

    func pull(_ p: SimDeliveryScenario.PullRequest) -> JSONValue {
        ["number": .int(Int64(p.number)), "title": .string(p.title), "state": "closed",
         "user": ["login": .string(p.author)], "head": ["ref": .string(p.headRef)], "base": ["ref": "main"],
         "labels": [], "created_at": .string(SimTime.github(p.openedAt)),
         "updated_at": .string(SimTime.github(p.closedAt)), "closed_at": .string(SimTime.github(p.closedAt)),
         "merged_at": p.mergedAt.map { .string(SimTime.github($0)) } ?? .null,
         "merge_commit_sha": p.mergeSha.map { .string($0) } ?? .null]
    }

    func issue(_ i: SimDeliveryScenario.IncidentIssue) -> JSONValue {
        ["number": .int(Int64(i.number)), "title": .string(i.title), "body": .string(i.body),
         "state": i.closedAt == nil ? "open" : "closed", "labels": [["name": "incident"]],
         "created_at": .string(SimTime.github(i.createdAt)),
         "closed_at": i.closedAt.map { .string(SimTime.github($0)) } ?? .null]
    }
}

extension HTTPServerResponse {
    static func array(_ items: [JSONValue]) -> HTTPServerResponse { SimResponses.json(200, .array(items)) }
}
