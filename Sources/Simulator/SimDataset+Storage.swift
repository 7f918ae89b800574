import JSON

/// `dataset.json`: the simulator's own storage format (not an API shape), written with sorted
/// keys so that one seed gives byte-identical files.
extension SimDataset {
    public static let formatName = "worksupport-sim-dataset/1"

    public var jsonValue: JSONValue {
        var root = JSONObject()
        root["format"] = .string(Self.formatName)
        root["seed"] = .string(String(seed))
        root["now"] = .string(SimTime.rfc3339(now))
        root["time_zone"] = .string(timeZone)
        root["jira_email"] = .string(jiraEmail)
        root["jira_account_id"] = .string(jiraAccountID)
        root["root_jql"] = .string(rootJQL)
        root["jira_label"] = .string(jiraLabel)
        root["github_label"] = .string(githubLabel)
        root["issue_types"] = .array(issueTypes.map { type in
            var object: JSONObject = ["id": .string(type.id), "name": .string(type.name),
                                      "hierarchy_level": .int(Int64(type.hierarchyLevel))]
            object["configured_children"] = type.configuredChildren.map { .array($0.map(JSONValue.string)) }
            return .object(object)
        })
        root["statuses"] = .array(statuses.map {
            ["id": .string($0.id), "name": .string($0.name), "category": .string($0.category)]
        })
        root["projects"] = .array(projects.map { project in
            ["key": .string(project.key), "id": .int(Int64(project.id)), "name": .string(project.name),
             "versions": .array(project.versions.map {
                 ["id": .int(Int64($0.id)), "name": .string($0.name), "released": .bool($0.released),
                  "release_date": .string($0.releaseDate)]
             })]
        })
        root["accounts"] = .array(accounts.map { ["account_id": .string($0.accountID), "display_name": .string($0.displayName)] })
        root["members"] = .array(members.map { member in
            var object: JSONObject = ["id": .string(member.id), "name": .string(member.name)]
            object["jira_account_id"] = member.jiraAccountID.map(JSONValue.string)
            object["github_login"] = member.githubLogin.map(JSONValue.string)
            return .object(object)
        })
        root["repositories"] = .array(repositories.map(JSONValue.string))
        root["jira_issues"] = .array(jiraIssues.map(\.storageValue))
        root["github_items"] = .array(githubItems.map(\.storageValue))
        if reviewLoops > 0 { root["review_loops"] = .int(Int64(reviewLoops)) }
        root["planted_anomalies"] = .array(plantedAnomalies.map {
            ["kind": .string($0.kind), "issue_key": .string($0.issueKey), "detail": .string($0.detail)]
        })
        return .object(root)
    }

    public init(json: JSONValue) throws(SimDataError) {
        let reader = StorageReader(value: json, path: "")
        guard try reader.string("format") == Self.formatName else {
            throw SimDataError("dataset.json: format is not \(Self.formatName)")
        }
        guard let seed = UInt64(try reader.string("seed")), let now = SimTime.parse(try reader.string("now")) else {
            throw SimDataError("dataset.json: seed or now is malformed")
        }
        self.init(
            seed: seed, now: now, timeZone: try reader.string("time_zone"), jiraEmail: try reader.string("jira_email"),
            jiraAccountID: try reader.string("jira_account_id"), rootJQL: try reader.string("root_jql"),
            jiraLabel: try reader.string("jira_label"), githubLabel: try reader.string("github_label"),
            issueTypes: try reader.array("issue_types") { (r: StorageReader) throws(SimDataError) in
                SimIssueType(id: try r.string("id"), name: try r.string("name"), hierarchyLevel: try r.int("hierarchy_level"),
                             configuredChildren: try r.optionalStrings("configured_children"))
            },
            statuses: try reader.array("statuses") { (r: StorageReader) throws(SimDataError) in
                SimStatus(id: try r.string("id"), name: try r.string("name"), category: try r.string("category"))
            },
            projects: try reader.array("projects") { (r: StorageReader) throws(SimDataError) in
                SimProject(key: try r.string("key"), id: try r.int("id"), name: try r.string("name"),
                           versions: try r.array("versions") { (v: StorageReader) throws(SimDataError) in
                               SimVersion(id: try v.int("id"), name: try v.string("name"), released: try v.bool("released"),
                                          releaseDate: try v.string("release_date"))
                           })
            },
            accounts: try reader.array("accounts") { (r: StorageReader) throws(SimDataError) in
                SimAccount(accountID: try r.string("account_id"), displayName: try r.string("display_name"))
            },
            members: try reader.array("members") { (r: StorageReader) throws(SimDataError) in
                SimMember(id: try r.string("id"), name: try r.string("name"),
                          jiraAccountID: try r.optionalString("jira_account_id"),
                          githubLogin: try r.optionalString("github_login"))
            },
            repositories: try reader.strings("repositories"),
            jiraIssues: try reader.array("jira_issues") { (r: StorageReader) throws(SimDataError) in
                try SimJiraIssue(storage: r)
            },
            githubItems: try reader.array("github_items") { (r: StorageReader) throws(SimDataError) in
                try SimGitHubItem(storage: r)
            },
            plantedAnomalies: try reader.array("planted_anomalies") { (r: StorageReader) throws(SimDataError) in
                PlantedAnomaly(kind: try r.string("kind"), issueKey: try r.string("issue_key"), detail: try r.string("detail"))
            })
        if json["review_loops"] != nil { reviewLoops = try reader.int("review_loops") }
    }
}

extension SimJiraIssue {
    var storageValue: JSONValue {
        var object = JSONObject(minimumCapacity: 16)
        object["key"] = .string(key)
        object["id"] = .int(Int64(id))
        object["summary"] = .string(summary)
        object["status"] = .string(status)
        object["type"] = .string(issueTypeID)
        object["parent"] = parentKey.map(JSONValue.string) ?? .null
        object["assignee"] = assigneeAccountID.map(JSONValue.string) ?? .null
        object["labels"] = .array(labels.map(JSONValue.string))
        object["fix_versions"] = .array(fixVersions.map(JSONValue.string))
        object["priority"] = .string(priority)
        object["components"] = .array(components.map(JSONValue.string))
        object["created"] = .string(SimTime.rfc3339(created))
        object["updated"] = .string(SimTime.rfc3339(updated))
        object["resolved"] = resolved.map { .string(SimTime.rfc3339($0)) } ?? .null
        if let flowPlant { object["flow"] = .string(flowPlant.text) }
        return .object(object)
    }

    init(storage r: StorageReader) throws(SimDataError) {
        guard let key = JiraKey(try r.string("key")) else { throw SimDataError("\(r.path): key is not a Jira key") }
        self.init(project: key.project, number: key.number, id: try r.int("id"), summary: try r.string("summary"),
                  status: try r.string("status"), issueTypeID: try r.string("type"), parentKey: try r.optionalString("parent"),
                  assigneeAccountID: try r.optionalString("assignee"), labels: try r.strings("labels"),
                  fixVersions: try r.strings("fix_versions"), priority: try r.string("priority"),
                  components: try r.strings("components"), created: try r.time("created"), updated: try r.time("updated"),
                  resolved: try r.optionalTime("resolved"),
                  flowPlant: try r.optionalString("flow").flatMap(SimFlowPlant.init(text:)))
    }
}

extension SimGitHubItem {
    var storageValue: JSONValue {
        var object = JSONObject(minimumCapacity: 16)
        object["repo"] = .string(repo)
        object["number"] = .int(Int64(number))
        object["id"] = .int(Int64(id))
        object["title"] = .string(title)
        object["body"] = .string(body)
        object["pull_request"] = .bool(isPullRequest)
        object["state"] = .string(state)
        object["author"] = .string(author)
        object["assignee"] = assignee.map(JSONValue.string) ?? .null
        object["labels"] = .array(labels.map(JSONValue.string))
        object["milestone"] = milestone.map(JSONValue.string) ?? .null
        object["created"] = .string(SimTime.rfc3339(created))
        object["updated"] = .string(SimTime.rfc3339(updated))
        object["closed"] = closed.map { .string(SimTime.rfc3339($0)) } ?? .null
        object["merged"] = merged.map { .string(SimTime.rfc3339($0)) } ?? .null
        return .object(object)
    }

    init(storage r: StorageReader) throws(SimDataError) {
        self.init(repo: try r.string("repo"), number: try r.int("number"), id: try r.int("id"), title: try r.string("title"),
                  body: try r.string("body"), isPullRequest: try r.bool("pull_request"), state: try r.string("state"),
                  author: try r.string("author"), assignee: try r.optionalString("assignee"), labels: try r.strings("labels"),
                  milestone: try r.optionalString("milestone"), created: try r.time("created"),
                  updated: try r.time("updated"), closed: try r.optionalTime("closed"), merged: try r.optionalTime("merged"))
    }
}
