/// Maps merged changes to the deployment that shipped them through commit ranges: a change
/// belongs to the first successful production deployment whose range (`compare` from the
/// previous successful deployment's sha to its own) contains the change's merge commit. Merge,
/// squash and rebase merges all leave `merge_commit_sha` on the base branch, so none is lost;
/// a pull request's own commit shas are never used (a squash merge discards them).
public enum ChangeDeploymentMapping {
    /// The deployment before each successful deployment of one repo and environment, whose sha
    /// starts its compare range; nil for the first one (its range is `base_unknown`). `deployments`
    /// may be in any order and may hold failures, which are never a base.
    public static func predecessors(_ deployments: [Deployment]) -> [(deployment: Deployment, base: Deployment?)] {
        let succeeded = deployments.filter { $0.state == .success && $0.sha != nil }
            .sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        var previous: Deployment?
        return succeeded.map { deployment in
            defer { previous = deployment }
            return (deployment, previous)
        }
    }

    /// Of the deployments whose commit range holds a change's merge commit, the one that shipped
    /// it: the earliest successful production deployment of the change's repo; nil when none did.
    public static func shippingDeployment(of change: Change, candidates: [Deployment]) -> Deployment? {
        candidates
            .filter { $0.isProduction && $0.state == .success && $0.repo.lowercased() == change.repo.lowercased() }
            .min { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
