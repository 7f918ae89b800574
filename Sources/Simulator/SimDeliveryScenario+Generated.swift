extension SimDeliveryScenario {
    /// How much history a generated scenario holds.
    public struct Size: Sendable, Equatable {
        public var repos: Int
        public var deploymentsPerRepo: Int
        /// Merged pull requests between two deployments, on average.
        public var pullsPerDeployment: Int

        public init(repos: Int = 2, deploymentsPerRepo: Int = 30, pullsPerDeployment: Int = 3) {
            self.repos = max(1, repos)
            self.deploymentsPerRepo = max(6, deploymentsPerRepo)
            self.pullsPerDeployment = max(1, pullsPerDeployment)
        }
    }

    /// The days a generated history spans, ending a day before `now`; five of them, in the
    /// middle, have no deployment (an incident there links to none).
    static let generatedDays: Int64 = 45
    static let quietDays: Int64 = 5

    /// A history generated from `seed`: `size.repos` repositories (`sim-gen/repo-N`), each with
    /// production deployments (a first one with no base; plain successes, failure-then-success
    /// on one deployment, failed ones recovered by the next, hotfix refs; `inactive` once the next
    /// succeeds), some staging ones, pull requests merged, squashed and rebased between them
    /// (fixes among them), direct pushes, one compare GitHub refuses, and incidents linked by a
    /// named deployment, by the time window, and one in the quiet days linked to none. Which
    /// deployment ships which pull request and which incident links where is decided here, and
    /// `expected` follows from that alone.
    public init(seed: UInt64, size: Size, now: Int64) {
        var random = SimRandom(seed: seed)
        let minute: Int64 = 60_000, hour = 60 * minute, day = 24 * hour
        var repos: [String] = [], mainCommits: [String: [String]] = [:], deployments: [Deployment] = []
        var pulls: [PullRequest] = [], incidents: [IncidentIssue] = [], refused: [RefusedCompare] = []
        // GitHub's times are whole seconds.
        func second(_ ms: Int64) -> Int64 { ms / 1000 * 1000 }
        func sha() -> String {
            let digits = Array("0123456789abcdef")
            return String((0..<40).map { _ in digits[random.below(16)] })
        }
        for repoIndex in 0..<size.repos {
            let repo = "sim-gen/repo-\(repoIndex + 1)"
            repos.append(repo)
            var main = [sha()]
            var repoDeployments: [Deployment] = []
            var repoPulls: [PullRequest] = []
            let count = size.deploymentsPerRepo
            let start = now - (Self.generatedDays + 1) * day
            let spacing = (Self.generatedDays - Self.quietDays) * day / Int64(count)
            let quietAfter = count / 2
            var previousTime = start - spacing
            for index in 0..<count {
                let time = second(start + Int64(index) * spacing + (index >= quietAfter ? Self.quietDays * day : 0)
                    + Int64(random.below(Int(spacing / 4))))
                // Pull requests merged since the previous deployment, and direct pushes.
                let merges = index == 0 ? 1 : random.below(2 * size.pullsPerDeployment + 1)
                for _ in 0..<merges {
                    let number = repoPulls.count + 1
                    let merged = second(previousTime + 10 * minute + Int64(random.below(Int(max(time - previousTime - 20 * minute, 1)))))
                    let opened = merged - Int64(random.int(in: 2...48)) * hour
                    let first = opened - Int64(random.int(in: 1...72)) * hour
                    let own = (0..<random.int(in: 1...3)).map { step in (sha(), first + Int64(step) * 7 * minute) }
                    let kind = random.below(3)  // 0 merge, 1 squash, 2 rebase
                    let mergeSha: String
                    if kind == 2 {
                        main += own.map(\.0)
                        mergeSha = own.last!.0
                    } else {
                        mergeSha = sha()
                        main.append(mergeSha)
                    }
                    let fix = random.below(10)
                    let (title, head) = fix == 0 ? ("Revert \"Change \(number - 1)\"", "revert-\(number - 1)-change")
                        : fix == 1 ? ("Fix \(number)", "hotfix/fix-\(number)") : ("Change \(number)", "feature/change-\(number)")
                    repoPulls.append(PullRequest(repo: repo, number: number, title: title, author: "dev\(number % 3)", headRef: head,
                                                 openedAt: opened, mergedAt: merged, closedAt: merged, mergeSha: mergeSha,
                                                 commits: own,
                                                 reviews: [("reviewer", second(opened + (merged - opened) / 2))], shippedBy: nil))
                }
                if merges == 0 || random.chance(0.3) { main.append(sha()) }  // a direct push
                let id = 100_000 * (repoIndex + 1) + index + 1
                let outcome = index == 0 || index == count - 1 ? 0 : random.below(20)
                let statuses: [(String, Int64)] = switch outcome {
                case 0..<3: [("pending", time), ("failure", time + 4 * minute)]                        // failed
                case 3..<5: [("failure", time + 3 * minute), ("success", time + 8 * minute)]            // failure then success
                default: [("in_progress", time), ("success", time + 5 * minute)]
                }
                let ref = outcome == 5 ? "hotfix/urgent-\(index)" : "main"
                repoDeployments.append(Deployment(id: id, repo: repo, sha: main.last!, ref: ref, environment: "production",
                                                  createdAt: time - minute,
                                                  statuses: statuses.enumerated().map { (id * 10 + $0.offset, $0.element.0, $0.element.1) }))
                if random.chance(0.2) {
                    repoDeployments.append(Deployment(id: id + 50_000, repo: repo, sha: main.last!, ref: "main", environment: "staging",
                                                      createdAt: time - hour, statuses: [((id + 50_000) * 10, "success", time - 50 * minute)]))
                }
                previousTime = time
            }
            // inactive once the next production deployment succeeds; the ranges between successes.
            func at(_ d: Deployment) -> Int64 { d.statuses.first { $0.1 == "success" }?.2 ?? d.createdAt }
            let successes = repoDeployments.indices.filter {
                repoDeployments[$0].environment == "production" && repoDeployments[$0].statuses.contains { $0.1 == "success" }
            }
            for (position, index) in successes.enumerated() where position + 1 < successes.count {
                let next = repoDeployments[successes[position + 1]]
                repoDeployments[index].statuses.append((repoDeployments[index].id * 10 + 9, "inactive", at(next) + minute))
            }
            let refusedPosition = successes.count * 2 / 3
            for position in 1..<successes.count {
                let base = repoDeployments[successes[position - 1]], head = repoDeployments[successes[position]]
                if position == refusedPosition {
                    refused.append(RefusedCompare(repo: repo, base: base.sha, head: head.sha))
                    continue
                }
                guard let from = main.firstIndex(of: base.sha), let to = main.firstIndex(of: head.sha), from < to else { continue }
                let range = Set(main[(from + 1)...to])
                for pull in repoPulls.indices where repoPulls[pull].mergeSha.map(range.contains) ?? false {
                    repoPulls[pull].shippedBy = head.id
                }
            }
            // Incidents: one naming a deployment, some in a deployment's window, one in the quiet days.
            let production = successes.map { repoDeployments[$0] }
            let early = production.filter { at($0) < now - 3 * day }
            var number = 10_000
            if early.count > 1 {
                let named = early[random.below(early.count)]
                incidents.append(IncidentIssue(repo: repo, number: number, title: "Errors after a release",
                                               body: "Started after deployment \(named.id).",
                                               createdAt: at(named) + Int64(random.int(in: 1...30)) * hour,
                                               closedAt: at(named) + 31 * hour, linkedTo: named.id))
                number += 1
            }
            for (position, deployment) in production.enumerated() where position + 1 < production.count && random.chance(0.2) {
                let gap = at(production[position + 1]) - at(deployment)
                let created = second(at(deployment) + min(gap / 2, 24 * hour))
                guard created < now - hour else { continue }
                incidents.append(IncidentIssue(repo: repo, number: number, title: "Users report errors", body: "Seen in production.",
                                               createdAt: created, closedAt: random.chance(0.7) ? created + 2 * hour : nil,
                                               linkedTo: deployment.id))
                number += 1
            }
            let quietStart = repoDeployments.filter { $0.environment == "production" }.map(at)
                .filter { $0 < start + Int64(quietAfter) * spacing + Self.quietDays * day }.max() ?? start
            incidents.append(IncidentIssue(repo: repo, number: number, title: "Slow pages", body: "No deployment near this.",
                                           createdAt: quietStart + 4 * day, closedAt: quietStart + 4 * day + 3 * hour, linkedTo: nil))
            mainCommits[repo] = main
            deployments += repoDeployments
            pulls += repoPulls
        }
        self.now = now
        self.repos = repos
        self.mainCommits = mainCommits
        self.deployments = deployments
        self.pulls = pulls
        self.incidents = incidents
        self.refusedCompares = refused
    }
}
