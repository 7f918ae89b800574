import Postgres
import WorkSupportCore

/// `push` deliveries: each is kept as the commit range it is, and a successful production
/// deployment still without a range gets one when pushes lead from its predecessor's sha to its
/// own. What pushes cannot give (a gap, a force push, a truncated list, a deployment of a commit
/// inside a push) is left `pending` for the harvest's compare.
extension GitHubDeliveryWriter {
    /// Stores the push and ranges the repo's pending deployments it may complete; true when new.
    @discardableResult
    public func record(_ push: BranchPush) throws -> Bool {
        let inserted = try connection.run(BranchPushSQL.insert, [
            push.repo, push.branch, push.before, push.after, push.commits, push.forced, push.complete,
        ]).count > 0
        guard inserted else { return false }
        for deployment in try connection.run(BranchPushSQL.pendingDeployments, [push.repo]).map({ try Deployment(row: $0) }) {
            try rangeThroughPushes(deployment)
        }
        return true
    }

    /// Sets the deployment's range from stored pushes when they chain from its predecessor.
    func rangeThroughPushes(_ deployment: Deployment) throws {
        guard deployment.changeRange == .pending, deployment.state == .success, deployment.isProduction,
              let sha = deployment.sha,
              let base: String = try connection.run(BranchPushSQL.predecessorSha, [deployment.id]).first?.get("sha"),
              let row = try connection.run(BranchPushSQL.rangeThroughPushes, [deployment.repo, base, sha]).first
        else { return }
        try setRange(deploymentID: deployment.id, .known, commits: try row.get("commits"))
    }
}
