import JSON

extension SimDeliveryScenario {
    /// The webhooks GitHub would have sent for the scenario, oldest first: `deployment` when each
    /// deployment is created, `deployment_status` for each status (carrying its deployment), and
    /// `pull_request` `closed` for each closed pull request (merged or not). Signed with `secret`;
    /// delivery ids are stable (`sim-delivery-<n>`), so sending them twice tests deduplication.
    public func webhooks(secret: String) -> [WebhookDelivery] {
        let route = GitHubDeliveryRoute(scenario: self)
        func repository(_ repo: String) -> JSONValue {
            let parts = repo.split(separator: "/").map(String.init)
            return ["full_name": .string(repo), "name": .string(parts.last ?? repo), "owner": ["login": .string(parts.first ?? repo)]]
        }
        var events: [(Int64, String, String?, JSONObject)] = []
        for deployment in deployments {
            let object = route.deployment(deployment)
            events.append((deployment.createdAt, "deployment", "created", ["action": "created", "deployment": object,
                                                                           "repository": repository(deployment.repo)]))
            for (id, state, createdAt) in deployment.statuses {
                events.append((createdAt, "deployment_status", "created", [
                    "action": "created", "deployment": object, "repository": repository(deployment.repo),
                    "deployment_status": ["id": .int(Int64(id)), "state": .string(state),
                                          "created_at": .string(SimTime.github(createdAt)),
                                          "environment": .string(deployment.environment)],
                ]))
            }
        }
        for pull in pulls {
            var object = route.pull(pull).objectValue ?? [:]
            object["merged"] = .bool(pull.mergedAt != nil)
            events.append((pull.closedAt, "pull_request", "closed", ["action": "closed", "number": .int(Int64(pull.number)),
                                                                     "pull_request": .object(object),
                                                                     "repository": repository(pull.repo)]))
        }
        return events.sorted { $0.0 < $1.0 }.enumerated().map { index, event in
            var payload = event.3
            payload["sender"] = ["login": "sim-bot"]
            let body = JSONValue.object(payload).serialized()
            let id = "sim-delivery-\(index + 1)"
            return WebhookDelivery(source: .github, event: event.1, action: event.2, deliveryID: id, issueKey: nil, body: body,
                                   headers: [("Content-Type", "application/json"), ("User-Agent", "GitHub-Hookshot/sim"),
                                             ("X-GitHub-Event", event.1), ("X-GitHub-Delivery", id),
                                             ("X-Hub-Signature-256", WebhookDelivery.signature(body, secret: secret))])
        }
    }
}
