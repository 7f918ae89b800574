/// The GitHub side: issues and pull requests across several repositories, some mentioning Jira
/// keys, one member with more labelled items than the search cap, and duplicate-link plants.
extension DatasetGenerator {
    mutating func makeGitHubItems() {
        let ordinary = options.githubItems ?? max(40, options.issues / 5)
        var linkable = treeKeysForLinks()
        linkable.reverse()
        let members = memberLogins
        let heavy = members.first
        for index in 0..<ordinary {
            let roll = random.unit()
            let assignee: String? = members.isEmpty || roll >= 0.88 ? nil
                : roll < 0.80 ? random.pick(members) : random.pick(Self.outsiderLogins)
            let labelled = random.chance(0.85)
            let link = random.chance(0.35) ? linkable.popLast() : nil
            addItem(assignee: assignee, labelled: labelled, link: link, spreadDays: 400, variant: index)
        }
        if let heavy {
            for index in 0..<options.heavyMemberItems {
                addItem(assignee: heavy, labelled: true, link: nil, spreadDays: 1100, variant: index)
            }
        }
        guard !members.isEmpty else { return }
        for _ in 0..<plantCount {
            guard let key = linkable.popLast() else { break }
            let first = addItem(assignee: random.pick(members), labelled: true, link: key, spreadDays: 300, variant: 0)
            let second = addItem(assignee: random.pick(members), labelled: true, link: key, spreadDays: 300, variant: 1)
            for (item, other) in [(first, second), (second, first)] {
                dataset.plantedAnomalies.append(PlantedAnomaly(
                    kind: "duplicate_github_link", issueKey: dataset.githubItems[item].key,
                    detail: "links \(key), as does \(dataset.githubItems[other].key)"))
            }
        }
    }

    /// Keys of tree issues (reachable from the root JQL), so each link names a harvested issue.
    private func treeKeysForLinks() -> [String] {
        let roots = Set(Self.rootProjects)
        return dataset.jiraIssues.filter { roots.contains($0.project) && !$0.labels.isEmpty && $0.issueTypeID != "10004" }
            .map(\.key)
    }

    /// Appends one item; `link` is the Jira key its title or body mentions. Returns its index.
    @discardableResult
    private mutating func addItem(assignee: String?, labelled: Bool, link: String?, spreadDays: Int64,
                                  variant: Int) -> Int {
        let repo = random.pick(Self.repositories)
        let isPullRequest = random.chance(0.4)
        let spread = spreadDays * SimTime.msPerDay
        // Whole seconds: GitHub timestamps have no fraction.
        let created = (options.now - 5 * SimTime.msPerDay - Int64(random.unit() * Double(spread))) / 1000 * 1000
        let updated = (created + Int64(Double(options.now - created) * random.unit() * random.unit())) / 1000 * 1000
        var state = "open"
        var closed: Int64?
        var merged: Int64?
        let roll = random.unit()
        if isPullRequest ? roll >= 0.25 : roll >= 0.4 {
            state = "closed"
            closed = updated
            if isPullRequest && roll >= 0.4 { merged = updated }
        }
        var labels = labelled ? [dataset.githubLabel] : []
        if random.chance(0.3) { labels.append(random.pick(SimText.githubExtraLabels)) }
        let release = random.pick(["2026.2", "2026.3", "2026.4"])
        let milestone: String? = random.chance(0.7) ? release : nil
        if milestone == nil { labels.append(SimDataset.releaseLabelPrefix + release) }
        var title = SimText.summary(&random)
        var body = "Steps and notes for \(title.lowercased())."
        if let link {
            switch variant % 3 {
            case 0: title = "\(link): \(title)"
            case 1: body = "Implements \(link).\n\n\(body)"
            default:
                // The title's key wins over the body's.
                title = "\(title) (\(link))"
                body = "Follow-up of \(Self.outsideProject)-1.\n\(body)"
            }
        }
        let item = SimGitHubItem(
            repo: repo, number: takeNumber(repo), id: nextGitHubID, title: title, body: body,
            isPullRequest: isPullRequest, state: state,
            author: memberLogins.isEmpty ? "random-dev" : random.pick(memberLogins + Self.outsiderLogins),
            assignee: assignee, labels: labels, milestone: milestone, created: created, updated: updated,
            closed: closed, merged: merged)
        nextGitHubID += 1
        dataset.githubItems.append(item)
        return dataset.githubItems.count - 1
    }
}
