/// Cases a harvest must store faithfully although they fall outside the root query's tree or
/// hold text PostgreSQL cannot store as sent (docs/simulator.md, "Planted cases").
extension DatasetGenerator {
    /// Jira issues `plantFidelityCases` adds, taken from the tree so the total stays as asked.
    static let labelPlantIssues = 4

    /// Drawn from a stream of their own, so that the rest of the dataset stays as it was.
    mutating func plantFidelityCases(leaves: [Int], initiatives: [Int], clock: inout IssueClock) {
        let main = random
        random = SimRandom(seed: options.seed ^ 0x5753_4C41_4245_4C53)
        defer { random = main }
        let project = Self.rootProjects[1]

        // Reached by jira.issue_label only: a Task without a parent, a Story whose parent was
        // deleted, and a Feature under an Initiative no query returns, whose Story is reached
        // through it, level by level.
        let loose = addIssue(project: project, type: "10104", parent: nil, rootLabel: false, clock: &clock)
        plant("story_without_epic", labelled(loose), "Task without a parent, reached through jira.issue_label only")
        let deletedParent = "\(project)-\(80_000)"
        let stray = addIssue(project: project, type: "10101", parent: deletedParent, rootLabel: false, clock: &clock)
        plant("orphan_parent", labelled(stray), "parent \(deletedParent) is not returned by any harvest query")
        let initiative = dataset.jiraIssues[initiatives[0]].key
        let feature = addIssue(project: project, type: "10000", parent: initiative, rootLabel: false, clock: &clock)
        _ = addIssue(under: labelled(feature), type: "10101", clock: &clock)
        plant("orphan_parent", feature, "parent \(initiative) is not returned by any harvest query")
        // Reached both ways: harvested once.
        _ = labelled(leaves[0])

        // Text PostgreSQL cannot store as sent: a NUL, and a lone surrogate (a cut emoji).
        dataset.jiraIssues[leaves[1]].summary += " \u{0} after a NUL"
        dataset.jiraIssues[leaves[2]].summary = "cut emoji " + String(SimText.loneSurrogatePlaceholder)
    }

    private mutating func labelled(_ index: Int) -> Int {
        dataset.jiraIssues[index].labels.append(Self.teamLabel)
        return index
    }
}
