import JSON

/// Renders GitHub items in the `/search/issues` item shape (and, for webhooks, the
/// `issue` / `pull_request` payload shapes).
struct GitHubItemRenderer {
    let apiURL: String

    static func user(_ login: String) -> JSONValue {
        ["login": .string(login), "id": .int(Int64(abs(login.lowercased().hashValueStable) % 90_000_000 + 1_000)),
         "type": "User", "site_admin": false, "html_url": .string("https://github.com/\(login)")]
    }

    func searchItem(_ item: SimGitHubItem) -> JSONValue {
        var object = JSONObject(minimumCapacity: 24)
        let repoURL = "\(apiURL)/repos/\(item.repo)"
        object["url"] = .string("\(repoURL)/issues/\(item.number)")
        object["repository_url"] = .string(repoURL)
        object["html_url"] = .string(item.htmlURL)
        object["id"] = .int(Int64(item.id))
        object["node_id"] = .string("I_sim\(item.id)")
        object["number"] = .int(Int64(item.number))
        object["title"] = .string(item.title)
        object["user"] = Self.user(item.author)
        object["labels"] = .array(item.labels.map(label))
        object["state"] = .string(item.state)
        object["state_reason"] = item.state == "closed" && !item.isPullRequest ? "completed" : .null
        object["locked"] = false
        object["assignee"] = item.assignee.map(Self.user) ?? .null
        object["assignees"] = .array(item.assignee.map { [Self.user($0)] } ?? [])
        object["milestone"] = item.milestone.map(milestone) ?? .null
        object["comments"] = 0
        object["created_at"] = .string(SimTime.github(item.created))
        object["updated_at"] = .string(SimTime.github(item.updated))
        object["closed_at"] = item.closed.map { .string(SimTime.github($0)) } ?? .null
        object["author_association"] = "MEMBER"
        object["body"] = .string(item.body)
        if item.isPullRequest {
            object["draft"] = false
            object["pull_request"] = [
                "url": .string("\(repoURL)/pulls/\(item.number)"), "html_url": .string(item.htmlURL),
                "diff_url": .string(item.htmlURL + ".diff"), "patch_url": .string(item.htmlURL + ".patch"),
                "merged_at": item.merged.map { .string(SimTime.github($0)) } ?? .null,
            ]
        }
        object["score"] = 1.0
        return .object(object)
    }

    /// The webhook `pull_request` object: like the search item plus `merged` and `merged_at`.
    func webhookPullRequest(_ item: SimGitHubItem) -> JSONValue {
        guard case .object(var object) = searchItem(item) else { return .null }
        object["url"] = .string("\(apiURL)/repos/\(item.repo)/pulls/\(item.number)")
        object["pull_request"] = nil
        object["score"] = nil
        object["merged"] = .bool(item.merged != nil)
        object["merged_at"] = item.merged.map { .string(SimTime.github($0)) } ?? .null
        return .object(object)
    }

    func webhookIssue(_ item: SimGitHubItem) -> JSONValue {
        guard case .object(var object) = searchItem(item) else { return .null }
        object["score"] = nil
        return .object(object)
    }

    func repository(_ fullName: String) -> JSONValue {
        let owner = String(fullName.split(separator: "/").first ?? "")
        return ["id": .int(Int64(abs(fullName.hashValueStable) % 900_000_000)), "name": .string(String(fullName.split(separator: "/").last ?? "")),
                "full_name": .string(fullName), "private": false, "owner": Self.user(owner),
                "html_url": .string("https://github.com/\(fullName)"), "url": .string("\(apiURL)/repos/\(fullName)")]
    }

    private func label(_ name: String) -> JSONValue {
        ["id": .int(Int64(abs(name.hashValueStable) % 9_000_000_000)), "name": .string(name), "color": "ededed",
         "default": false, "description": .null]
    }

    private func milestone(_ title: String) -> JSONValue {
        ["title": .string(title), "number": .int(Int64(abs(title.hashValueStable) % 100)), "state": "open"]
    }
}

extension String {
    /// FNV-1a, stable across runs (Swift's `hashValue` is randomly seeded per process).
    var hashValueStable: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}
