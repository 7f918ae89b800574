import JSON

/// `answer-manifest.json`: what a complete harvest of the dataset must store, field by field, and
/// which anomalies it must report. Shape and rules: docs/simulator.md ("Answer manifest").
public struct AnswerManifest: Sendable {
    public static let formatName = "worksupport-sim-manifest/1"

    public let json: JSONValue

    /// `baseURL` is the URL the harvester reaches the simulator at (`jira.base_url`): Jira
    /// issues' `url` field is built from it.
    /// `delivery`: the scenario served under `/repos/` (nil: the hand-built one), whose
    /// expected metrics go to `delivery`.
    public init(dataset: SimDataset, baseURL: String, delivery: SimDeliveryScenario? = nil) throws(JQLError) {
        let scope = try HarvestScope(dataset: dataset)
        var records: [(key: String, value: JSONObject)] = []
        records.reserveCapacity(scope.jiraIndices.count + scope.githubIndices.count)
        for index in scope.jiraIndices {
            let issue = dataset.jiraIssues[index]
            records.append((issue.key, ManifestRecord.jira(issue, dataset: dataset, baseURL: baseURL)))
        }
        for index in scope.githubIndices {
            let item = dataset.githubItems[index]
            records.append((item.key, ManifestRecord.github(item, dataset: dataset)))
        }
        records.sort { $0.key < $1.key }

        var anomalies = dataset.plantedAnomalies.map { plant -> JSONValue in
            ["kind": .string(plant.kind), "issue_key": .string(plant.issueKey), "detail": .string(plant.detail),
             "planted": true]
        }
        let staleBefore = dataset.now - ManifestRecord.staleDays * SimTime.msPerDay
        for (key, record) in records where record["status_category"] == "indeterminate" {
            guard let updated = record["updated_at"]?.stringValue.flatMap(SimTime.parse), updated < staleBefore else { continue }
            anomalies.append(["kind": "stale_in_progress", "issue_key": .string(key),
                              "detail": .string("in progress, not updated since \(SimTime.rfc3339(updated))"),
                              "planted": false])
        }
        anomalies.sort {
            let a = ($0["kind"]?.stringValue ?? "", $0["issue_key"]?.stringValue ?? "")
            let b = ($1["kind"]?.stringValue ?? "", $1["issue_key"]?.stringValue ?? "")
            return a < b
        }

        var root = JSONObject()
        root["format"] = .string(Self.formatName)
        root["seed"] = .string(String(dataset.seed))
        root["now"] = .string(SimTime.rfc3339(dataset.now))
        root["jira_base_url"] = .string(baseURL)
        root["github_api_url"] = .string(baseURL)
        root["root_jql"] = .string(dataset.rootJQL)
        root["stale_days"] = .int(ManifestRecord.staleDays)
        root["counts"] = [
            "jira": .int(Int64(scope.jiraIndices.count)), "github": .int(Int64(scope.githubIndices.count)),
            "issues": .int(Int64(records.count)), "anomalies": .int(Int64(anomalies.count)),
            "planted_anomalies": .int(Int64(dataset.plantedAnomalies.count)),
        ]
        root["jira_keys_with_type_filter"] = .array(scope.jiraKeysWithTypeFilter.map(JSONValue.string))
        root["issues"] = .array(records.map { .object($0.value) })
        root["anomalies"] = .array(anomalies)
        root["delivery"] = (delivery ?? SimDeliveryScenario(now: dataset.now)).manifest
        root["flow"] = ManifestFlow.json(issues: scope.jiraIndices.map { dataset.jiraIssues[$0] }, dataset: dataset)
        root["collaboration"] = SimCollaboration(dataset: dataset).manifest
        json = .object(root)
    }

    /// Sorted keys, 2-space indent: stable bytes, readable diffs.
    public var bytes: [UInt8] {
        SimJSONWriter.serialize(json, sortedKeys: true, pretty: true)
    }
}
