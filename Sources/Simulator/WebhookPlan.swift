import JSON

/// Derives a deterministic series of deliveries from a dataset: for each chosen issue two
/// successive changes (so a shuffled order tests "newer wins"), plus a GitHub `ping`, a new
/// GitHub issue, a created and a deleted Jira issue.
public struct WebhookPlan {
    public let dataset: SimDataset
    public let count: Int
    public let seed: UInt64
    public let jiraBaseURL: String
    public let githubAPIURL: String

    public init(dataset: SimDataset, count: Int, seed: UInt64, jiraBaseURL: String = "http://127.0.0.1:8089",
                githubAPIURL: String = "http://127.0.0.1:8089") {
        self.dataset = dataset
        self.count = count
        self.seed = seed
        self.jiraBaseURL = jiraBaseURL
        self.githubAPIURL = githubAPIURL
    }

    public func deliveries(githubSecret: String, jiraSecret: String, wrongSignature: Bool = false) -> [WebhookDelivery] {
        var random = SimRandom(seed: seed ^ 0x5EB0_0C5)
        let scope = (try? HarvestScope(dataset: dataset)) ?? HarvestScope.empty
        var result: [WebhookDelivery] = []
        func sign(_ secret: String) -> String { wrongSignature ? secret + "-wrong" : secret }

        result.append(github(event: "ping", action: nil, key: nil, payload: [
            "zen": "Keep it logically awesome.", "hook_id": 4242,
            "hook": ["type": "Repository", "id": 4242, "events": ["issues", "pull_request"], "active": true],
        ], secret: sign(githubSecret), random: &random))
        let renderer = GitHubItemRenderer(apiURL: githubAPIURL)
        for (step, index) in pick(scope.githubIndices, &random).enumerated() {
            var item = dataset.githubItems[index]
            for version in 1...2 {
                item.updated = dataset.now + Int64(step * 60 + version * 1800) * 1000
                item.title = "\(item.title.split(separator: " [v").first ?? "") [v\(version)]"
                let action: String
                if version == 2 {
                    item.state = "closed"
                    item.closed = item.updated
                    if item.isPullRequest { item.merged = item.updated }
                    action = "closed"
                } else {
                    action = "edited"
                }
                let event = item.isPullRequest ? "pull_request" : "issues"
                let object = item.isPullRequest ? renderer.webhookPullRequest(item) : renderer.webhookIssue(item)
                result.append(github(event: event, action: action, key: item.key, payload: [
                    "action": .string(action), (item.isPullRequest ? "pull_request" : "issue"): object,
                    "number": .int(Int64(item.number)), "repository": renderer.repository(item.repo),
                    "sender": GitHubItemRenderer.user(item.author),
                ], secret: sign(githubSecret), random: &random))
            }
        }
        if let template = scope.githubIndices.first.map({ dataset.githubItems[$0] }) {
            var item = template
            item.number = (dataset.githubItems.filter { $0.repo == template.repo }.map(\.number).max() ?? 0) + 1
            item.id = (dataset.githubItems.map(\.id).max() ?? 0) + 1
            item.title = "Opened by webhook"
            item.state = "open"
            item.closed = nil
            item.merged = nil
            item.isPullRequest = false
            item.created = dataset.now + 3_600_000
            item.updated = item.created
            result.append(github(event: "issues", action: "opened", key: item.key, payload: [
                "action": "opened", "issue": renderer.webhookIssue(item), "repository": renderer.repository(item.repo),
                "sender": GitHubItemRenderer.user(item.author),
            ], secret: sign(githubSecret), random: &random))
        }
        result += jiraDeliveries(scope: scope, secret: sign(jiraSecret), random: &random)
        // Last, so the deliveries before it keep their ids.
        if let review = reviewDelivery(secret: sign(githubSecret), random: &random) { result.append(review) }
        return result
    }

    /// A `pull_request_review` by the central reviewer of `SimCollaboration`, an hour after the
    /// dataset's `now`, on the pull request its author also reviewed (a new REVIEWED edge).
    private func reviewDelivery(secret: String, random: inout SimRandom) -> WebhookDelivery? {
        let collaboration = SimCollaboration(dataset: dataset)
        guard let hub = collaboration.hub, let key = collaboration.selfReviewed,
              let pull = dataset.githubItems.first(where: { $0.key == key }) else { return nil }
        let renderer = GitHubItemRenderer(apiURL: githubAPIURL)
        let review = SimCollaboration.Review(id: SimCollaboration.webhookReviewID, login: hub.login, isBot: false,
                                             state: "APPROVED", submittedAt: dataset.now + 3_600_000)
        return github(event: "pull_request_review", action: "submitted", key: key, payload: [
            "action": "submitted", "review": collaboration.reviewJSON(review),
            "pull_request": renderer.webhookPullRequest(pull), "repository": renderer.repository(pull.repo),
            "sender": GitHubItemRenderer.user(hub.login),
        ], secret: secret, random: &random)
    }

    private func jiraDeliveries(scope: HarvestScope, secret: String, random: inout SimRandom) -> [WebhookDelivery] {
        let renderer = JiraIssueRenderer(catalog: dataset, baseURL: jiraBaseURL, fields: Set(JiraIssueRenderer.allFields))
        var result: [WebhookDelivery] = []
        let chosen = pick(scope.jiraIndices, &random)
        for (step, index) in chosen.enumerated() {
            var issue = dataset.jiraIssues[index]
            for version in 1...2 {
                let old = issue
                issue.updated = dataset.now + Int64(step * 60 + version * 1800) * 1000
                if version == 1 {
                    issue.summary = "\(issue.summary) [v1]"
                } else {
                    issue.status = "Done"
                    issue.resolved = issue.updated
                }
                let change: JSONValue = version == 1
                    ? ["field": "summary", "fromString": .string(old.summary), "toString": .string(issue.summary)]
                    : ["field": "status", "fromString": .string(old.status), "toString": "Done"]
                result.append(jira("jira:issue_updated", issue: issue, renderer: renderer, changes: [change],
                                   secret: secret, random: &random))
            }
        }
        if let parent = scope.jiraIndices.first(where: { dataset.jiraIssues[$0].issueTypeID == "10000" }).map({ dataset.jiraIssues[$0] }) {
            let number = (dataset.jiraIssues.filter { $0.project == parent.project }.map(\.number).max() ?? 0) + 1
            let created = SimJiraIssue(project: parent.project, number: number, id: (dataset.jiraIssues.map(\.id).max() ?? 0) + 1,
                                       summary: "Created by webhook", status: "To Do", issueTypeID: "10101",
                                       parentKey: parent.key, assigneeAccountID: parent.assigneeAccountID,
                                       labels: [dataset.jiraLabel], fixVersions: parent.fixVersions,
                                       created: dataset.now + 3_600_000, updated: dataset.now + 3_600_000)
            result.append(jira("jira:issue_created", issue: created, renderer: renderer, changes: [], secret: secret,
                               random: &random))
        }
        if let leaf = scope.jiraIndices.last.map({ dataset.jiraIssues[$0] }), !chosen.contains(scope.jiraIndices.last!) {
            var deleted = leaf
            deleted.updated = dataset.now + 7_200_000
            result.append(jira("jira:issue_deleted", issue: deleted, renderer: renderer, changes: [], secret: secret,
                               random: &random))
        }
        return result
    }

    private func pick(_ indices: [Int], _ random: inout SimRandom) -> [Int] {
        var pool = indices
        pool.shuffle(using: &random)
        return Array(pool.prefix(count))
    }

    private func github(event: String, action: String?, key: String?, payload: JSONObject, secret: String,
                        random: inout SimRandom) -> WebhookDelivery {
        let body = JSONValue.object(payload).serialized()
        let id = SimText.uuid(&random)
        return WebhookDelivery(source: .github, event: event, action: action, deliveryID: id, issueKey: key, body: body,
                               headers: [("Content-Type", "application/json"), ("User-Agent", "GitHub-Hookshot/sim"),
                                         ("X-GitHub-Event", event), ("X-GitHub-Delivery", id),
                                         ("X-GitHub-Hook-ID", "4242"),
                                         ("X-Hub-Signature-256", WebhookDelivery.signature(body, secret: secret))])
    }

    private func jira(_ event: String, issue: SimJiraIssue, renderer: JiraIssueRenderer, changes: [JSONValue],
                      secret: String, random: inout SimRandom) -> WebhookDelivery {
        let id = SimText.uuid(&random)
        let parent = issue.parentKey.flatMap { key in dataset.jiraIssues.first { $0.key == key } }
        var payload: JSONObject = [
            "timestamp": .int(issue.updated), "webhookEvent": .string(event),
            "issue_event_type_name": event == "jira:issue_created" ? "issue_created" : "issue_generic",
            "user": ["accountId": .string(dataset.jiraAccountID), "displayName": "WorkSupport Bot"],
            "issue": renderer.render(issue, parent: parent),
        ]
        if !changes.isEmpty { payload["changelog"] = ["id": .string(String(issue.updated)), "items": .array(changes)] }
        let body = JSONValue.object(payload).serialized()
        return WebhookDelivery(source: .jira, event: event, action: nil, deliveryID: id, issueKey: issue.key, body: body,
                               headers: [("Content-Type", "application/json"), ("X-Atlassian-Webhook-Identifier", id),
                                         ("X-Hub-Signature", WebhookDelivery.signature(body, secret: secret))])
    }

    /// A deterministic shuffle of the deliveries (out-of-order arrival).
    public static func shuffled(_ deliveries: [WebhookDelivery], seed: UInt64) -> [WebhookDelivery] {
        var random = SimRandom(seed: seed ^ 0x0005_4FF1)
        var copy = deliveries
        copy.shuffle(using: &random)
        return copy
    }
}

extension HarvestScope {
    static let empty = HarvestScope(jiraIndices: [], githubIndices: [], jiraKeysWithTypeFilter: [])

    init(jiraIndices: [Int], githubIndices: [Int], jiraKeysWithTypeFilter: [String]) {
        self.jiraIndices = jiraIndices
        self.githubIndices = githubIndices
        self.jiraKeysWithTypeFilter = jiraKeysWithTypeFilter
    }
}
