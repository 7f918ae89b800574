/// Builds a deterministic dataset from a seed: the same options give the same value, and so
/// byte-identical files. The shape (root Product Versions → Features / Customer Adoptions →
/// Stories / Tasks, decoys outside the root JQL, planted anomalies) is described in
/// docs/simulator.md.
public struct DatasetGenerator {
    public struct Options: Sendable {
        /// Jira issues in total (tree, decoys and plants).
        public var issues: Int
        public var members: Int
        public var seed: UInt64
        public var now: Int64
        public var timeZone: String
        /// Extra labelled GitHub items assigned to the first member, to pass the 1000-result cap.
        public var heavyMemberItems: Int
        /// Ordinary GitHub items; nil means issues / 5.
        public var githubItems: Int?
        /// `SimDataset.reviewLoops`.
        public var reviewLoops = 0

        public init(issues: Int, members: Int, seed: UInt64, now: Int64 = DatasetGenerator.defaultNow,
                    timeZone: String = "Europe/Berlin", heavyMemberItems: Int = 1100, githubItems: Int? = nil) {
            self.issues = issues
            self.members = members
            self.seed = seed
            self.now = now
            self.timeZone = timeZone
            self.heavyMemberItems = heavyMemberItems
            self.githubItems = githubItems
        }
    }

    /// 2026-11-01T12:00:00Z: fixed, and in the past, so edits made at serve time are newer.
    public static let defaultNow: Int64 = SimTime.ms(year: 2026, month: 11, day: 1, hour: 12)
    public static let minimumIssues = 100
    public static let rootLabel = "SE_product_family"
    public static let workLabel = "work-support"
    /// `jira.issue_label`: the team's own label, on the issues only it reaches (and on a few the
    /// root query's tree reaches too).
    public static let teamLabel = "ws-team"
    public static let rootProjects = ["WSA", "WSB"]
    public static let outsideProject = "WSX"

    let options: Options
    var random: SimRandom
    var dataset: SimDataset
    /// Next number per project / repository.
    var nextNumber: [String: Int] = [:]
    var nextJiraID = 10_000
    var nextGitHubID = 900_000_000
    /// Plants per kind.
    let plantCount: Int

    public init(options: Options) {
        self.options = options
        random = SimRandom(seed: options.seed)
        plantCount = max(2, min(50, options.issues / 500))
        let roots = Self.rootProjects.map { "\($0)" }.joined(separator: ", ")
        dataset = SimDataset(
            seed: options.seed, now: options.now, timeZone: options.timeZone,
            jiraEmail: "worksupport-bot@example.com", jiraAccountID: "",
            rootJQL: "project in (\(roots)) AND type = \"Product Version\" AND labels = \(Self.rootLabel)",
            jiraLabel: Self.teamLabel, githubLabel: Self.workLabel, issueTypes: Self.issueTypes,
            statuses: Self.statuses, projects: [], accounts: [], members: [], repositories: Self.repositories,
            jiraIssues: [], githubItems: [], plantedAnomalies: [])
    }

    public static func generate(_ options: Options) -> SimDataset {
        var generator = DatasetGenerator(options: options)
        generator.makeProjects()
        generator.makePeople()
        generator.makeJiraIssues()
        generator.makeGitHubItems()
        generator.dataset.plantedAnomalies.sort()
        generator.dataset.reviewLoops = max(0, options.reviewLoops)
        return generator.dataset
    }

    static let issueTypes: [SimIssueType] = [
        SimIssueType(id: "10004", name: "Product Version", hierarchyLevel: 2, configuredChildren: ["10000", "11140"]),
        SimIssueType(id: "10000", name: "Feature", hierarchyLevel: 1, configuredChildren: ["10101", "10104"]),
        SimIssueType(id: "11140", name: "Customer Adoption", hierarchyLevel: 1, configuredChildren: ["10101"]),
        SimIssueType(id: "10101", name: "Story", hierarchyLevel: 0, configuredChildren: []),
        SimIssueType(id: "10104", name: "Task", hierarchyLevel: 0, configuredChildren: []),
        // Known to Jira, absent from the configured hierarchy.
        SimIssueType(id: "10300", name: "Bug", hierarchyLevel: 0, configuredChildren: nil),
        SimIssueType(id: "10500", name: "Spike", hierarchyLevel: 0, configuredChildren: nil),
        SimIssueType(id: "10600", name: "Initiative", hierarchyLevel: 3, configuredChildren: nil),
    ]

    static let statuses: [SimStatus] = [
        SimStatus(id: "1", name: "To Do", category: "new"),
        SimStatus(id: "3", name: "In Progress", category: "indeterminate"),
        SimStatus(id: "10001", name: "In Review", category: "indeterminate"),
        SimStatus(id: "10002", name: "Done", category: "done"),
        SimStatus(id: "6", name: "Closed", category: "done"),
    ]

    static let repositories = ["acme/worksupport-api", "acme/worksupport-web", "acme/harvester",
                               "acme-labs/jira-tools", "acme-labs/infra"]

    mutating func makeProjects() {
        var versionID = 10_100
        let names = ["WSA": "WorkSupport Apps", "WSB": "WorkSupport Backend", "WSX": "Portfolio"]
        let releases: [(String, Bool, String)] = [("2025.4", true, "2025-12-15"), ("2026.1", true, "2026-03-31"),
                                                  ("2026.2", true, "2026-06-30"), ("2026.3", false, "2026-09-30"),
                                                  ("2026.4", false, "2026-12-15")]
        for (index, key) in (Self.rootProjects + [Self.outsideProject]).enumerated() {
            let versions = releases.map { name, released, date in
                defer { versionID += 1 }
                return SimVersion(id: versionID, name: name, released: released, releaseDate: date)
            }
            dataset.projects.append(SimProject(key: key, id: 10_010 + index, name: names[key] ?? key, versions: versions))
        }
    }

    mutating func makePeople() {
        var firsts = SimText.firstNames, lasts = SimText.lastNames
        firsts.shuffle(using: &random)
        lasts.shuffle(using: &random)
        var usedIDs: Set<String> = []
        let count = max(1, options.members)
        for index in 0..<count {
            let first = firsts[index % firsts.count], last = lasts[(index / firsts.count + index) % lasts.count]
            var id = (String(first.prefix(1)) + last).lowercased()
            if usedIDs.contains(id) { id += String(index) }
            usedIDs.insert(id)
            let suffix = index >= firsts.count ? String(index) : ""
            let name = "\(first) \(last)\(suffix.isEmpty ? "" : " \(suffix)")"
            // A realistic team: one member only in Jira, one only in GitHub (when there are enough).
            let jiraOnly = count >= 3 && index == 1
            let githubOnly = count >= 4 && index == count - 1
            let accountID = githubOnly ? nil : "557058:" + SimText.uuid(&random)
            let login = jiraOnly ? nil : "\(first)-\(last)\(suffix)"
            dataset.members.append(SimMember(id: id, name: name, jiraAccountID: accountID, githubLogin: login))
            if let accountID { dataset.accounts.append(SimAccount(accountID: accountID, displayName: name)) }
        }
        for name in ["Casey Contractor", "Pat Partner", "Sam Support"] {
            dataset.accounts.append(SimAccount(accountID: "712020:" + SimText.uuid(&random), displayName: name))
        }
        dataset.jiraAccountID = "557058:" + SimText.uuid(&random)
        dataset.accounts.append(SimAccount(accountID: dataset.jiraAccountID, displayName: "WorkSupport Bot"))
    }

    var memberAccounts: [String] { dataset.members.compactMap(\.jiraAccountID) }
    var outsiderAccounts: [String] {
        let members = Set(memberAccounts)
        return dataset.accounts.map(\.accountID).filter { !members.contains($0) && $0 != dataset.jiraAccountID }
    }
    var memberLogins: [String] { dataset.members.compactMap(\.githubLogin) }
    static let outsiderLogins = ["Octo-Contractor", "random-dev", "Bot-Builder"]

    mutating func takeNumber(_ scope: String) -> Int {
        let number = nextNumber[scope, default: 1]
        nextNumber[scope] = number + 1
        return number
    }
}
