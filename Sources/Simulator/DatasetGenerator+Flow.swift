/// Status histories planted on purpose (docs/simulator.md, "Status histories"): two longer than
/// 100 entries, one issue moved between projects, and one each of the contradictions the flow
/// metrics must report. All on harvested leaves; the rest of the histories derive from the seed.
extension DatasetGenerator {
    mutating func plantFlowHistories(leaves: [Int]) {
        // Its own generator, so planting never shifts the rest of the dataset.
        var random = SimRandom(seed: SimRandom.mix(options.seed ^ 0x466C_6F77))
        let day = SimTime.msPerDay
        var pool = leaves.filter { dataset.jiraIssues[$0].updated - dataset.jiraIssues[$0].created > 2 * day }
        pool.shuffle(using: &random)
        let plants: [(SimFlowPlant, String)] = [
            (.long, "Done"), (.long, "In Progress"), (.moved(fromKey: "\(Self.outsideProject)-\(80_000 + leaves.count)"), "Done"),
            (.doneBeforeStarted, "Done"), (.unknownFromStatus, "Done"), (.unknownStatus, "Done"),
        ]
        for ((plant, status), index) in zip(plants, pool) {
            var issue = dataset.jiraIssues[index]
            issue.flowPlant = plant
            issue.status = status
            issue.resolved = status == "Done" ? issue.created + (issue.updated - issue.created) * 9 / 10 : nil
            dataset.jiraIssues[index] = issue
        }
    }
}
