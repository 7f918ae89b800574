import HTTPServer
import JSON

/// `/_sim/…`: change the data between harvests, set faults, read the request log, reset.
struct SimControlRoute {
    let state: SimState
    let log: RequestLog
    let faults: FaultInjector

    func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let path = String(request.path.dropFirst("/_sim".count))
        do {
            switch (request.method, path) {
            case ("POST", "/issues"): return try add(request)
            case ("PATCH", _) where path.hasPrefix("/issues/"): return try edit(key: Self.key(path), request)
            case ("DELETE", _) where path.hasPrefix("/issues/"): return try delete(key: Self.key(path))
            case ("GET", "/faults"): return SimResponses.json(200, ["spec": .string(faults.plan.spec)])
            case ("POST", "/faults"): return try setFaults(request)
            case ("GET", "/requests"): return requests(request)
            case ("DELETE", "/requests"): log.clear(); return SimResponses.json(200, ["cleared": true])
            case ("POST", "/reset"):
                state.reset()
                faults.set(.none)
                log.clear()
                return SimResponses.json(200, ["reset": true])
            case ("GET", "/status"): return status()
            case ("POST", "/clock"): return try setClock(request)
            default: return SimResponses.control(404, "no control endpoint \(request.method) \(request.path)")
            }
        } catch {
            return SimResponses.control(error.status, error.message)
        }
    }

    /// `/issues/WSA-12`, `/issues/acme/api%2312` or `/issues/acme/api/12`.
    static func key(_ path: String) -> String {
        let raw = String(path.dropFirst("/issues/".count)).replacingOccurrences(of: "%23", with: "#")
            .replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%2f", with: "/")
        let parts = raw.split(separator: "/")
        if parts.count == 3, !raw.contains("#") { return "\(parts[0])/\(parts[1])#\(parts[2])" }
        return raw
    }

    private func body(_ request: HTTPServerRequest) throws(SimControlError) -> JSONObject {
        guard let value = try? JSONValue.parse(request.body), let object = value.objectValue else {
            throw SimControlError("the body must be a JSON object")
        }
        return object
    }

    private func add(_ request: HTTPServerRequest) throws(SimControlError) -> HTTPServerResponse {
        let fields = try body(request)
        let key: String = try state.modify { (dataset: inout SimDataset, now: Int64) throws(SimControlError) -> String in
            switch fields["source"]?.stringValue {
            case "jira":
                let projectKey = fields["project"]?.stringValue ?? DatasetGenerator.rootProjects[0]
                guard dataset.project(key: projectKey) != nil else { throw SimControlError("unknown project '\(projectKey)'") }
                let number = (dataset.jiraIssues.filter { $0.project == projectKey.uppercased() }.map(\.number).max() ?? 0) + 1
                let id = (dataset.jiraIssues.map(\.id).max() ?? 10_000) + 1
                let created = try SimIssueEdit.time(fields["created"]) ?? now
                var issue = SimJiraIssue(project: projectKey.uppercased(), number: number, id: id, summary: "New issue",
                                         status: "To Do", issueTypeID: "10101", created: created, updated: created)
                try SimIssueEdit.apply(fields, to: &issue, dataset: dataset, now: now)
                dataset.jiraIssues.append(issue)
                return issue.key
            case "github":
                guard let repo = fields["repo"]?.stringValue, repo.split(separator: "/").count == 2 else {
                    throw SimControlError("a GitHub item needs \"repo\": \"owner/name\"")
                }
                let number = (dataset.githubItems.filter { $0.repo == repo }.map(\.number).max() ?? 0) + 1
                let id = (dataset.githubItems.map(\.id).max() ?? 900_000_000) + 1
                let created = (try SimIssueEdit.time(fields["created"]) ?? now) / 1000 * 1000
                var item = SimGitHubItem(repo: repo, number: number, id: id, title: "New item", body: "",
                                         isPullRequest: fields["pull_request"]?.boolValue ?? false, state: "open",
                                         author: "random-dev", assignee: nil, labels: [], milestone: nil,
                                         created: created, updated: created)
                try SimIssueEdit.apply(fields, to: &item, now: now)
                if !dataset.repositories.contains(repo) { dataset.repositories.append(repo) }
                dataset.githubItems.append(item)
                return item.key
            default:
                throw SimControlError("\"source\" must be \"jira\" or \"github\"")
            }
        }
        return SimResponses.json(201, ["issue_key": .string(key)])
    }

    private func edit(key: String, _ request: HTTPServerRequest) throws(SimControlError) -> HTTPServerResponse {
        let fields = try body(request)
        let updated: Int64 = try state.modify { (dataset: inout SimDataset, now: Int64) throws(SimControlError) -> Int64 in
            if let index = dataset.jiraIssues.firstIndex(where: { $0.key == key }) {
                let catalog = dataset
                try SimIssueEdit.apply(fields, to: &dataset.jiraIssues[index], dataset: catalog, now: now)
                return dataset.jiraIssues[index].updated
            }
            if let index = dataset.githubItems.firstIndex(where: { $0.key == key }) {
                try SimIssueEdit.apply(fields, to: &dataset.githubItems[index], now: now)
                return dataset.githubItems[index].updated
            }
            throw SimControlError(status: 404, "no issue \(key)")
        }
        return SimResponses.json(200, ["issue_key": .string(key), "updated": .string(SimTime.rfc3339(updated))])
    }

    private func delete(key: String) throws(SimControlError) -> HTTPServerResponse {
        try state.modify { (dataset: inout SimDataset, _: Int64) throws(SimControlError) -> Void in
            let before = dataset.jiraIssues.count + dataset.githubItems.count
            dataset.jiraIssues.removeAll { $0.key == key }
            dataset.githubItems.removeAll { $0.key == key }
            guard dataset.jiraIssues.count + dataset.githubItems.count < before else {
                throw SimControlError(status: 404, "no issue \(key)")
            }
        }
        return SimResponses.json(200, ["issue_key": .string(key), "deleted": true])
    }

    private func setFaults(_ request: HTTPServerRequest) throws(SimControlError) -> HTTPServerResponse {
        var spec = request.bodyString ?? ""
        if let object = (try? JSONValue.parse(request.body))?.objectValue {
            spec = object["spec"]?.stringValue ?? ""
        }
        do {
            let plan = try FaultPlan.parse(spec)
            faults.set(plan)
            return SimResponses.json(200, ["spec": .string(plan.spec)])
        } catch {
            throw SimControlError(error.description)
        }
    }

    private func setClock(_ request: HTTPServerRequest) throws(SimControlError) -> HTTPServerResponse {
        let fields = try body(request)
        let fixed = try SimIssueEdit.time(fields["now"])
        state.setClock(SimClock(fixed: fixed))
        return SimResponses.json(200, ["now": .string(SimTime.rfc3339(state.now))])
    }

    private func requests(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let since = Int(request.query("since") ?? "") ?? 0
        let entries = log.entries(since: since)
        return SimResponses.json(200, ["count": .int(Int64(entries.count)), "requests": .array(entries.map(\.jsonValue))])
    }

    private func status() -> HTTPServerResponse {
        let dataset = state.dataset
        return SimResponses.json(200, [
            "jira_issues": .int(Int64(dataset.jiraIssues.count)), "github_items": .int(Int64(dataset.githubItems.count)),
            "now": .string(SimTime.rfc3339(state.now)), "faults": .string(faults.plan.spec),
        ])
    }
}
