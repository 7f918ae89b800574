/// The Jira side: decoys outside the root JQL, the root tree, then the planted anomalies.
extension DatasetGenerator {
    mutating func makeJiraIssues() {
        let total = max(options.issues, Self.minimumIssues)
        let decoys = max(8, total / 50)
        let normal = total - decoys - 5 * plantCount - Self.labelPlantIssues
        let rootCount = max(2, normal / 250)
        let level1Count = max(rootCount, normal / 25)
        let leafCount = normal - rootCount - level1Count
        var clock = IssueClock(now: options.now, total: total)

        let initiatives = makeDecoys(count: decoys, clock: &clock)
        var roots: [Int] = [], level1: [Int] = [], leaves: [Int] = []
        for _ in 0..<rootCount {
            roots.append(addIssue(project: random.pick(Self.rootProjects), type: "10004", parent: nil,
                                  rootLabel: true, clock: &clock))
        }
        for index in 0..<level1Count {
            let parent = index < rootCount ? roots[index] : random.pick(roots)
            let type = random.chance(0.75) ? "10000" : "11140"
            level1.append(addIssue(under: parent, type: type, clock: &clock))
        }
        for index in 0..<leafCount {
            let parent = index < level1Count ? level1[index] : random.pick(level1)
            let type = dataset.jiraIssues[parent].issueTypeID == "11140" || random.chance(0.7) ? "10101" : "10104"
            leaves.append(addIssue(under: parent, type: type, clock: &clock))
        }
        plantJiraAnomalies(roots: roots, level1: level1, leaves: leaves, initiatives: initiatives, clock: &clock)
        plantFidelityCases(leaves: leaves, initiatives: initiatives, clock: &clock)
        plantFlowHistories(leaves: leaves)
    }

    /// Issues no harvest query should return: Initiatives and Product Versions of the outside project,
    /// a root-project Product Version without the root label, and a Feature that carries the root label.
    private mutating func makeDecoys(count: Int, clock: inout IssueClock) -> [Int] {
        let outside = Self.outsideProject
        let initiatives = (0..<2).map { _ in
            addIssue(project: outside, type: "10600", parent: nil, rootLabel: false, clock: &clock)
        }
        let rootCount = max(2, count / 12)
        var features: [Int] = []
        for index in 0..<rootCount {
            let unlabelled = index == 1
            let root = addIssue(project: unlabelled ? Self.rootProjects[0] : outside, type: "10004",
                                parent: nil, rootLabel: !unlabelled, clock: &clock)
            let feature = addIssue(under: root, type: "10000", clock: &clock)
            if unlabelled { dataset.jiraIssues[feature].labels.insert(Self.rootLabel, at: 0) }
            features.append(feature)
        }
        for _ in 0..<(count - 2 - 2 * rootCount) {
            _ = addIssue(under: random.pick(features), type: "10101", clock: &clock)
        }
        return initiatives
    }

    private mutating func plantJiraAnomalies(roots: [Int], level1: [Int], leaves: [Int], initiatives: [Int],
                                             clock: inout IssueClock) {
        let features = level1.filter { dataset.jiraIssues[$0].issueTypeID == "10000" }
        let adoptions = level1.filter { dataset.jiraIssues[$0].issueTypeID == "11140" }
        for index in 0..<plantCount {
            let type = index.isMultiple(of: 2) ? "10300" : "10500"
            let issue = addIssue(under: random.pick(features.isEmpty ? level1 : features), type: type, clock: &clock)
            plant("unknown_issue_type", issue, "issue type \(type) (\(typeName(type))) is not in the configured hierarchy")
        }
        for index in 0..<plantCount {
            let underAdoption = !index.isMultiple(of: 2) && !adoptions.isEmpty
            let parent = underAdoption ? random.pick(adoptions) : random.pick(roots)
            let type = underAdoption ? "10104" : "10101"
            let issue = addIssue(under: parent, type: type, clock: &clock)
            let parentIssue = dataset.jiraIssues[parent]
            plant("type_hierarchy_violation", issue,
                  "\(typeName(type)) directly under \(typeName(parentIssue.issueTypeID)) \(parentIssue.key)")
        }
        for index in 0..<plantCount {
            // Half point at an Initiative no query returns, half at a key that does not exist.
            let parentKey = index.isMultiple(of: 2)
                ? dataset.jiraIssues[initiatives[index / 2 % initiatives.count]].key
                : "\(Self.outsideProject)-\(90_000 + index)"
            let root = addIssue(project: random.pick(Self.rootProjects), type: "10004", parent: nil,
                                rootLabel: true, clock: &clock)
            dataset.jiraIssues[root].parentKey = parentKey
            let feature = addIssue(under: root, type: "10000", clock: &clock)
            _ = addIssue(under: feature, type: "10101", clock: &clock)
            plant("orphan_parent", root, "parent \(parentKey) is not returned by any harvest query")
        }
        var candidates = leaves
        candidates.shuffle(using: &random)
        for issue in candidates.prefix(plantCount) {
            dataset.jiraIssues[issue].fixVersions = []
            dataset.jiraIssues[issue].labels.removeAll { $0.hasPrefix(SimDataset.releaseLabelPrefix) }
            plant("missing_release", issue, "no fixVersion and no release-* label")
        }
        let outsiders = outsiderAccounts
        for issue in candidates.dropFirst(plantCount).prefix(plantCount) {
            let account = random.pick(outsiders)
            dataset.jiraIssues[issue].assigneeAccountID = account
            let name = dataset.account(id: account)?.displayName ?? account
            plant("unassigned_member", issue, "assignee \(account) (\(name)) is not a team member")
        }
    }

    mutating func plant(_ kind: String, _ index: Int, _ detail: String) {
        dataset.plantedAnomalies.append(PlantedAnomaly(kind: kind, issueKey: dataset.jiraIssues[index].key, detail: detail))
    }

    private func typeName(_ id: String) -> String {
        dataset.issueType(id: id)?.name ?? id
    }

    mutating func addIssue(under parent: Int, type: String, clock: inout IssueClock) -> Int {
        let parentIssue = dataset.jiraIssues[parent]
        return addIssue(project: parentIssue.project, type: type, parent: parentIssue.key, rootLabel: false, clock: &clock)
    }

    mutating func addIssue(project: String, type: String, parent: String?, rootLabel: Bool,
                                   clock: inout IssueClock) -> Int {
        let created = clock.nextCreated(&random)
        let status = pickStatus(&random)
        let updated = created + Int64(Double(options.now - created) * random.unit() * random.unit())
        let resolved = status.category == "done" ? created + (updated - created) * 9 / 10 : nil
        var labels = rootLabel ? [Self.rootLabel, Self.workLabel] : [Self.workLabel]
        if random.chance(0.3) { labels.append(random.pick(SimText.extraLabels)) }
        let versions = dataset.project(key: project)?.versions.map(\.name) ?? []
        var fixVersions: [String] = []
        let release = random.unit()
        let version = random.pick(versions)
        if release < 0.65 || release >= 0.9 {
            fixVersions = [version]
            if random.chance(0.1), let other = versions.last, other != version { fixVersions.append(other) }
        }
        if release >= 0.65 { labels.append(SimDataset.releaseLabelPrefix + version) }
        let members = memberAccounts
        let assignee = members.isEmpty || random.chance(0.08) ? nil : random.pick(members)
        let summary = type == "10004"
            ? "Product Version \(version) – \(random.pick(SimText.products))"
            : SimText.summary(&random)
        var components: [String] = []
        if random.chance(0.6) { components.append(random.pick(SimText.components)) }
        let issue = SimJiraIssue(
            project: project, number: takeNumber(project), id: nextJiraID, summary: summary, status: status.name,
            issueTypeID: type, parentKey: parent, assigneeAccountID: assignee, labels: labels,
            fixVersions: fixVersions, priority: random.pick(SimText.priorities), components: components,
            created: created, updated: updated, resolved: resolved)
        nextJiraID += 1
        dataset.jiraIssues.append(issue)
        return dataset.jiraIssues.count - 1
    }

    private func pickStatus(_ random: inout SimRandom) -> SimStatus {
        let roll = random.unit()
        let statuses = Self.statuses
        switch roll {
        case ..<0.30: return statuses[0]
        case ..<0.45: return statuses[1]
        case ..<0.55: return statuses[2]
        case ..<0.95: return statuses[3]
        default: return statuses[4]
        }
    }
}

/// Creation times rise with creation order (children after parents), over the 400 days before
/// the last 20 days before "now".
struct IssueClock {
    let start: Int64
    let slot: Int64
    var index: Int64 = 0

    init(now: Int64, total: Int) {
        start = now - 420 * SimTime.msPerDay
        slot = max(1, 400 * SimTime.msPerDay / Int64(max(1, total)))
    }

    mutating func nextCreated(_ random: inout SimRandom) -> Int64 {
        defer { index += 1 }
        return start + index * slot + Int64(random.below(Int(slot)))
    }
}
