/// Derives an issue's changelog from its fields and the dataset's seed: the same issue always has
/// the same history, so 100k histories need no storage. It starts in To Do, ends in the issue's
/// status, and its last entry into Done or Closed is the issue's `resolved` time; on the way:
/// skipped statuses, review loops, reopen loops, assignee changes, and the planted specials of
/// `SimFlowPlant`. Entry ids rise in the order the entries happened (issue id × 1000 + n).
enum SimHistory {
    /// A status the site no longer lists (`/rest/api/3/status` leaves it out).
    static let legacyStatus = SimStatus(id: "10999", name: "Legacy QA", category: "unknown")
    static let longReopenLoops = 40

    static func entries(for issue: SimJiraIssue, dataset: SimDataset) -> [SimHistoryEntry] {
        var random = SimRandom(seed: SimRandom.mix(dataset.seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(issue.id)))
        let path = statusPath(for: issue, reviewLoops: dataset.reviewLoops, random: &random)
        guard let times = changeTimes(path: path, issue: issue, dataset: dataset, random: &random) else { return [] }

        var statusFrom = dataset.status(named: "To Do") ?? dataset.statuses[0]
        var drafts: [(created: Int64, author: String?, items: [SimHistoryItem])] = []
        for (index, name) in path.enumerated() {
            let target = name == legacyStatus.name ? legacyStatus : (dataset.status(named: name) ?? statusFrom)
            var source = statusFrom
            if issue.flowPlant == .unknownFromStatus, index == path.count - 1 {
                source = dataset.status(named: "In Review") ?? source
            }
            drafts.append((times[index], issue.assigneeAccountID ?? dataset.jiraAccountID,
                           [statusItem(from: source, to: target)]))
            statusFrom = target
        }
        addAssignees(to: &drafts, issue: issue, dataset: dataset, random: &random)
        if case .moved(let oldKey) = issue.flowPlant {
            let at = drafts.count / 2
            let time = at > 0 ? drafts[at - 1].created : issue.created
            let oldProject = JiraKey(oldKey)?.project ?? oldKey
            drafts.insert((time, dataset.jiraAccountID, [
                SimHistoryItem(field: "Key", fieldID: nil, from: nil, fromString: oldKey, to: nil, toString: issue.key),
                SimHistoryItem(field: "project", fieldID: "project", from: dataset.project(key: oldProject).map { String($0.id) },
                               fromString: oldProject, to: dataset.project(key: issue.project).map { String($0.id) },
                               toString: issue.project),
            ]), at: at)
        }
        return drafts.enumerated().map { index, draft in
            SimHistoryEntry(id: issue.id * 1000 + index + 1, authorAccountID: draft.author, created: draft.created,
                            items: draft.items)
        }
    }

    static func statusItem(from: SimStatus, to: SimStatus) -> SimHistoryItem {
        SimHistoryItem(field: "status", fieldID: "status", from: from.id, fromString: from.name, to: to.id, toString: to.name)
    }

    /// The statuses entered after To Do, in order, ending in the issue's status.
    static func statusPath(for issue: SimJiraIssue, reviewLoops: Int = 0, random: inout SimRandom) -> [String] {
        switch issue.flowPlant {
        case .doneBeforeStarted?, .unknownFromStatus?: return ["In Progress", issue.status]
        case .unknownStatus?: return [legacyStatus.name, issue.status]
        default: break
        }
        var path: [String]
        switch issue.status.lowercased() {
        case "to do":
            path = random.chance(0.2) ? ["In Progress", "To Do"] : []
        case "in progress":
            path = ["In Progress"] + (random.chance(0.3) ? ["In Review", "In Progress"] : [])
        case "in review":
            path = ["In Progress"] + (random.chance(0.3) ? ["In Review", "In Progress"] : []) + ["In Review"]
        case "done", "closed":
            let roll = random.unit()
            // Skipped statuses: straight to Done, or past review.
            path = roll < 0.1 ? ["Done"] : roll < 0.3 ? ["In Progress", "Done"] : ["In Progress", "In Review", "Done"]
            if issue.status.lowercased() == "closed" {
                if random.chance(0.5) { path[path.count - 1] = "Closed" } else { path.append("Closed") }
            }
        default:
            path = [issue.status]
        }
        guard !path.isEmpty, issue.status.lowercased() != "to do" else { return path }
        let loops = issue.flowPlant == .long ? longReopenLoops : (random.chance(0.15) ? random.int(in: 1...2) : 0)
        if loops > 0 {
            if path.first == "Done" || path.first == "Closed" { path.insert("In Progress", at: 0) }
            path = Array(repeating: ["In Progress", "In Review", "Done"], count: loops).flatMap { $0 } + path
        }
        if reviewLoops > 0, let started = path.firstIndex(of: "In Progress") {
            path.insert(contentsOf: Array(repeating: ["In Review", "In Progress"], count: reviewLoops).flatMap { $0 },
                        at: started + 1)
        }
        return path
    }

    /// One time per path entry. Before the final done stretch they rise through (created,
    /// resolved); the stretch starts exactly at `resolved`; the rest rises to `updated`.
    static func changeTimes(path: [String], issue: SimJiraIssue, dataset: SimDataset,
                            random: inout SimRandom) -> [Int64]? {
        guard !path.isEmpty else { return [] }
        let isDone = { (name: String) in dataset.status(named: name)?.category == "done" }
        var stretch = path.count
        while stretch > 0, isDone(path[stretch - 1]) { stretch -= 1 }
        var times: [Int64] = []
        if stretch < path.count, let resolved = issue.resolved {
            times += spread(stretch, after: issue.created, upTo: resolved, random: &random)
            times.append(resolved)
            times += spread(path.count - stretch - 1, after: resolved, upTo: issue.updated, random: &random)
        } else {
            times += spread(path.count - 1, after: issue.created, upTo: issue.updated, random: &random)
            times.append(issue.updated)
        }
        if issue.flowPlant == .doneBeforeStarted, times.count == 2 {
            // Jira wrote In Progress first, but the clock that stamped it ran late.
            times[0] = times[1] + max(1, (issue.updated - times[1]) / 2)
        }
        return times
    }

    /// `count` rising times in (start, end]: one per equal slot, placed at random within it.
    static func spread(_ count: Int, after start: Int64, upTo end: Int64, random: inout SimRandom) -> [Int64] {
        guard count > 0 else { return [] }
        let span = max(0, end - start)
        let slot = span / Int64(count + 1)
        return (0..<count).map { index in
            start + slot * Int64(index + 1) + (slot > 1 ? Int64(random.below(Int(slot / 2))) : 0)
        }
    }

    /// The first status change also assigns the issue (to someone else first, now and then, who
    /// hands it over at the last change).
    static func addAssignees(to drafts: inout [(created: Int64, author: String?, items: [SimHistoryItem])],
                             issue: SimJiraIssue, dataset: SimDataset, random: inout SimRandom) {
        guard let assignee = issue.assigneeAccountID else { return }
        let others = dataset.members.compactMap(\.jiraAccountID).filter { $0 != assignee }
        let first = !others.isEmpty && drafts.count >= 2 && random.chance(0.3) ? random.pick(others) : assignee
        func item(_ from: String?, _ to: String) -> SimHistoryItem {
            SimHistoryItem(field: "assignee", fieldID: "assignee", from: from,
                           fromString: from.flatMap { dataset.account(id: $0)?.displayName },
                           to: to, toString: dataset.account(id: to)?.displayName)
        }
        if drafts.isEmpty {
            let at = issue.created + max(0, issue.updated - issue.created) / 2
            drafts.append((at, dataset.jiraAccountID, [item(nil, assignee)]))
            return
        }
        drafts[0].items.append(item(nil, first))
        if first != assignee { drafts[drafts.count - 1].items.append(item(first, assignee)) }
    }
}
