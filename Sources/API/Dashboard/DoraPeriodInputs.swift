import FoundationEssentials
import WorkSupportCore

/// The window's inputs cut down to what one period's metrics read, so that a page of many periods
/// costs about one window's computation: the deployments counting in the period, the next
/// success after it of each repo and environment (a failure's recovery), the changes (grouped
/// once) and incidents of those deployments, and the incidents in the period linked to none. The
/// calculator gives the same report from these as from the whole window's inputs.
struct DoraPeriodInputs {
    let deployments: [Deployment]
    /// The window's changes grouped once for every period: only a period's deployments' are looked up.
    let shipped: DoraCalculator.ShippedChanges
    let incidentsByDeployment: [Int64: [Incident]]
    let unlinked: [Incident]
    /// Each deployment's repo and environment, made once rather than once a period.
    let recoveryKeys: [String]
    let recoveryKeyCount: Int

    /// `calculator`: one with the periods' team filter (the page has none), to group the changes.
    init(_ inputs: (deployments: [Deployment], changes: [Change], incidents: [Incident]), groupedBy calculator: DoraCalculator) {
        deployments = inputs.deployments.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        recoveryKeys = deployments.map(DoraCalculator.recoveryKey)
        recoveryKeyCount = Set(recoveryKeys).count
        shipped = calculator.shipped(inputs.changes)
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
        let incidents = inPeriod.flatMap { incidentsByDeployment[$0.id] ?? [] }
            + unlinked.filter { $0.createdAt >= calculator.from && $0.createdAt < calculator.to }
        return calculator.report(deployments: inPeriod + after, shipped: shipped, incidents: incidents)
    }
}
