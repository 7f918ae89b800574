import JSON

/// A GitHub `push` to a branch, as delivery metrics use it: the commits between `before` and
/// `after`. Chained from one deployed sha to the next, pushes give a deployment's commit range
/// as the webhooks arrive, without a compare call; changes stay merged pull requests.
public struct BranchPush: Sendable, Equatable {
    public var repo: String
    public var branch: String
    public var before: String
    public var after: String
    /// The pushed commits' shas (GitHub's `commits[].id`): the compare of `before...after`.
    public var commits: [String]
    /// A force push rewrote history: `before` need not be an ancestor of `after`.
    public var forced: Bool
    /// False when GitHub cut the list short (it sends at most `commitLimit`): such a push
    /// cannot stand for a compare.
    public var complete: Bool

    /// The most commits a `push` delivery lists.
    public static let commitLimit = 2048

    /// A push, or why the delivery is no branch update for the metrics.
    public enum Reading: Sendable, Equatable {
        case push(BranchPush)
        case notABranchUpdate(reason: String)
    }

    public static func read(_ payload: JSONValue, repo: String) -> Reading {
        guard let ref = payload["ref"]?.stringValue else { return .notABranchUpdate(reason: "the push names no ref") }
        guard ref.hasPrefix("refs/heads/") else {
            return .notABranchUpdate(reason: "a push to \(ref.prefix(200)), not to a branch, ships no commits")
        }
        let branch = String(ref.dropFirst("refs/heads/".count))
        guard let before = payload["before"]?.stringValue, let after = payload["after"]?.stringValue else {
            return .notABranchUpdate(reason: "the push to \(branch.prefix(200)) has no before or after commit")
        }
        if payload["deleted"]?.boolValue == true || after.allSatisfy({ $0 == "0" }) {
            return .notABranchUpdate(reason: "the branch \(branch.prefix(200)) was deleted")
        }
        let listed = payload["commits"]?.arrayValue
        let commits = (listed ?? []).compactMap { $0["id"]?.stringValue }
        let complete = listed != nil && commits.count == listed?.count && commits.count < commitLimit
        return .push(BranchPush(repo: repo, branch: branch, before: before, after: after, commits: commits,
                                forced: payload["forced"]?.boolValue == true, complete: complete))
    }
}
