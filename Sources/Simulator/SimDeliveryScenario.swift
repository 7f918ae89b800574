import JSON

/// One repository's delivery history for the delivery metrics, laid out by hand around the
/// dataset's `now` so that every rule has a case: a first deployment (base unknown), a merge, a
/// squash and a rebase merge, a failed deployment recovered by the next, a failure then success
/// on one deployment, `inactive` statuses later, a hotfix, a revert, a compare GitHub refuses, a
/// range of more than 250 commits, a staging deployment, incidents linked by time, by an explicit
/// reference, and not at all.
/// `expected` holds the metrics over the last 30 days, computed here from how the history was built.
/// `init(seed:size:now:)` generates larger histories of several repositories with the same cases.
public struct SimDeliveryScenario: Sendable {
    public struct Deployment: Sendable {
        public var id: Int
        public var repo: String
        public var sha: String
        public var ref: String
        public var environment: String
        public var createdAt: Int64
        /// (status id, state, created_at), oldest first.
        public var statuses: [(Int, String, Int64)]
    }

    public struct PullRequest: Sendable {
        public var repo: String
        public var number: Int
        public var title: String
        public var author: String
        public var headRef: String
        public var openedAt: Int64
        public var mergedAt: Int64?
        public var closedAt: Int64
        public var mergeSha: String?
        /// (sha, author date) of the pull request's own commits (a squash's are not on main).
        public var commits: [(String, Int64)]
        /// (reviewer, submitted_at)
        public var reviews: [(String, Int64)]
        /// The deployment that ships it, by construction (nil: not known).
        public var shippedBy: Int?
    }

    public struct IncidentIssue: Sendable {
        public var repo: String
        public var number: Int
        public var title: String
        public var body: String
        public var createdAt: Int64
        public var closedAt: Int64?
        /// The deployment it is linked to, by construction.
        public var linkedTo: Int?
    }

    /// A compare GitHub refuses.
    public struct RefusedCompare: Sendable, Equatable {
        public var repo: String
        public var base: String
        public var head: String
    }

    /// The hand-built scenario's repository.
    public static let repo = "sim-org/delivery"
    public let now: Int64
    public let repos: [String]
    /// Each repository's default branch, oldest commit first.
    public let mainCommits: [String: [String]]
    public let deployments: [Deployment]
    public let pulls: [PullRequest]
    public let incidents: [IncidentIssue]
    public let refusedCompares: [RefusedCompare]

    public init(now: Int64) {
        self.now = now
        func at(_ days: Double) -> Int64 { now - Int64((days * 86_400_000).rounded()) }
        let repo = Self.repo
        repos = [repo]
        let c = (1...9).map { "c\($0)" + String(repeating: "0", count: 38) }
        mainCommits = [repo: Array(c[...5]) + Self.directCommits + Array(c[6...])]
        func deployment(_ id: Int, _ sha: String, _ days: Double, _ states: [(String, Double)],
                        environment: String = "production", ref: String = "main") -> Deployment {
            Deployment(id: id, repo: repo, sha: sha, ref: ref, environment: environment, createdAt: at(days + 0.01),
                       statuses: states.enumerated().map { (id * 10 + $0.offset, $0.element.0, at($0.element.1)) })
        }
        deployments = [
            deployment(9001, c[0], 40, [("success", 40), ("inactive", 29)]),
            deployment(9002, c[1], 29, [("in_progress", 29.005), ("success", 29), ("inactive", 23.9)]),
            Deployment(id: 9003, repo: repo, sha: c[4], ref: "main", environment: "production", createdAt: at(24),
                       statuses: [(90030, "pending", at(24)), (90031, "failure", at(23.99))]),
            deployment(9004, c[4], 23.9, [("success", 23.9), ("inactive", 20)]),
            deployment(9005, c[5], 20, [("failure", 20.005), ("success", 20), ("inactive", 10)], ref: "hotfix/login"),
            deployment(9006, c[7], 10, [("success", 10), ("inactive", 5)]),
            deployment(9007, c[8], 5, [("success", 5)]),
            deployment(9101, c[5], 15, [("success", 15)], environment: "staging"),
        ]
        func pull(_ number: Int, _ title: String, _ head: String, first: Double, opened: Double, reviewed: Double?,
                  merged: Double?, sha: String?, commits: [(String, Int64)]? = nil, shippedBy: Int?) -> PullRequest {
            PullRequest(repo: repo, number: number, title: title, author: "dev\(number % 3)", headRef: head, openedAt: at(opened),
                        mergedAt: merged.map(at), closedAt: at(merged ?? opened - 1), mergeSha: sha,
                        commits: commits ?? [("p\(number)a" + String(repeating: "0", count: 36), at(first)),
                                             ("p\(number)b" + String(repeating: "0", count: 36), at(first - 0.1))],
                        reviews: reviewed.map { [("reviewer", at($0))] } ?? [], shippedBy: shippedBy)
        }
        var rebase = pull(3, "Cart totals", "feature/c", first: 25.5, opened: 25.2, reviewed: 25, merged: 24.5, sha: c[4],
                          commits: [(c[3], at(25.5)), (c[4], at(25.4))], shippedBy: 9004)
        rebase.reviews.insert((rebase.author, at(25.3)), at: 0)  // the author's own review is no review
        pulls = [
            pull(1, "Search page", "feature/a", first: 31, opened: 30.5, reviewed: 30, merged: 29.5, sha: c[1], shippedBy: 9002),
            pull(2, "Checkout (squashed)", "feature/b", first: 26, opened: 25.8, reviewed: 25.5, merged: 25, sha: c[2], shippedBy: 9004),
            rebase,
            pull(4, "Fix login", "hotfix/login", first: 20.75, opened: 20.7, reviewed: 20.6, merged: 20.5, sha: c[5], shippedBy: 9005),
            pull(5, "Feature d", "feature/d", first: 12, opened: 11.5, reviewed: 11.2, merged: 11, sha: c[6], shippedBy: 9006),
            pull(6, "Revert \"Feature d\"", "revert-5-feature-d", first: 10.75, opened: 10.7, reviewed: nil, merged: 10.5,
                 sha: c[7], shippedBy: 9006),
            pull(7, "Profile page", "feature/e", first: 6, opened: 5.9, reviewed: nil, merged: 5.5, sha: c[8], shippedBy: nil),
            pull(8, "Abandoned idea", "feature/x", first: 8, opened: 7.5, reviewed: nil, merged: nil, sha: nil, shippedBy: nil),
        ]
        incidents = [
            IncidentIssue(repo: repo, number: 100, title: "Login broken", body: "Users cannot log in.", createdAt: at(19.5),
                          closedAt: at(19), linkedTo: 9005),
            IncidentIssue(repo: repo, number: 101, title: "Checkout errors", body: "Started after deployment 9006.", createdAt: at(3),
                          closedAt: at(2), linkedTo: 9006),
            IncidentIssue(repo: repo, number: 102, title: "Slow search", body: "No idea when this began.", createdAt: at(14),
                          closedAt: nil, linkedTo: nil),
        ]
        refusedCompares = [RefusedCompare(repo: repo, base: c[7], head: c[8])]
    }

    /// Commits pushed straight to main between the hotfix and the next deployment: more than a
    /// compare page holds, so that range is read in several pages.
    static let directCommits = (1...300).map { number in
        let digits = String(number)
        return "d" + String(repeating: "0", count: 39 - digits.count) + digits
    }

    /// The commits of `base...head` on `repo`'s main, or nil when GitHub refuses the compare.
    public func compare(repo: String, base: String, head: String) -> [String]? {
        guard !refusedCompares.contains(RefusedCompare(repo: repo, base: base, head: head)), let main = mainCommits[repo],
              let from = main.firstIndex(of: base), let to = main.firstIndex(of: head), from < to else { return nil }
        return Array(main[(from + 1)...to])
    }
}
