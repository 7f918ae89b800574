import FoundationEssentials
import WorkSupportCore

/// The window's inputs cut down to what one period's metrics read, so that a page of many periods
/// costs about one window's computation: the deployments counting in the period, the next
/// success after it of each repo and environment (a failure's recovery), the changes and
/// incidents of those deployments, and the incidents in the period linked to none. The
/// calculator gives the same report from these as from the whole window's inputs.
struct DoraPeriodInputs {
    let deployments: [Deployment]
    let changes: [Change]
    /// Positions in `changes`: grouping copies of thousands of changes costs more than a period.
    let changesByDeployment: [Int64: [Int]]
    let incidentsByDeployment: [Int64: [Incident]]
    let unlinked: [Incident]
    /// Each deployment's repo and environment, made once rather than once a period.
    let recoveryKeys: [String]
    let recoveryKeyCount: Int

    init(_ inputs: (deployments: [Deployment], changes: [Change], incidents: [Incident])) {
        deployments = inputs.deployments.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        recoveryKeys = deployments.map(DoraCalculator.recoveryKey)
        recoveryKeyCount = Set(recoveryKeys).count
        changes = inputs.changes
        var byDeployment: [Int64: [Int]] = [:]
        for (index, change) in changes.enumerated() {
            if let deploymentID = change.deploymentID { byDeployment[deploymentID, default: []].append(index) }
        }
        changesByDeployment = byDeployment
        incidentsByDeployment = Dictionary(grouping: inputs.incidents.filter { $0.deploymentID != nil }, by: { $0.deploymentID! })
        unlinked = inputs.incidents.filter { $0.deploymentID == nil }
    }

    func report(_ calculator: DoraCalculator) -> DoraReport {
        var inPeriod: [Deployment] = []
        var nextSuccess: Set<String> = []
        var after: [Deployment] = []
        for (index, deployment) in deployments.enumerated() where deployment.at >= calculator.from {
            if deployment.at < calculator.to {
                inPeriod.append(deployment)
            } else if nextSuccess.count == recoveryKeyCount {
                break
            } else if deployment.state == .success, nextSuccess.insert(recoveryKeys[index]).inserted {
                after.append(deployment)
            }
        }
        let changes = inPeriod.flatMap { (changesByDeployment[$0.id] ?? []).map { self.changes[$0] } }
        let incidents = inPeriod.flatMap { incidentsByDeployment[$0.id] ?? [] }
            + unlinked.filter { $0.createdAt >= calculator.from && $0.createdAt < calculator.to }
        return calculator.report(deployments: inPeriod + after, changes: changes, incidents: incidents)
    }
}
