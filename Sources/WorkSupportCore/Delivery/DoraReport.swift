import FoundationEssentials

/// DORA's five metrics (2024) over one window and scope: see docs/dora.md for each definition.
public struct DoraReport: Sendable, Equatable {
    public var from: Date
    public var to: Date
    /// Successful deployments per week.
    public var deploymentsPerWeek: DoraMeasure
    /// Distinct UTC days with a successful deployment, per week.
    public var deploymentDaysPerWeek: DoraMeasure
    /// First commit → production deployment, and its parts.
    public var changeLeadTime: DoraDuration
    public var leadTimeParts: [(name: String, duration: DoraDuration)]
    public var changeFailRate: DoraMeasure
    public var failedDeploymentRecoveryTime: DoraDuration
    public var deploymentReworkRate: DoraMeasure
    /// The rule that made a deployment unplanned, as answered.
    public var reworkRule: String
    /// Deployments in the window whose changes are not known, by `ChangeRange.name`.
    public var deploymentsWithoutKnownChanges: [String: Int]
    /// Incidents in the window linked to no deployment (ids).
    public var unlinkedIncidentIDs: [Int64]

    public static func == (lhs: DoraReport, rhs: DoraReport) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.deploymentsPerWeek == rhs.deploymentsPerWeek
            && lhs.deploymentDaysPerWeek == rhs.deploymentDaysPerWeek && lhs.changeLeadTime == rhs.changeLeadTime
            && lhs.leadTimeParts.map(\.name) == rhs.leadTimeParts.map(\.name)
            && lhs.leadTimeParts.map(\.duration) == rhs.leadTimeParts.map(\.duration)
            && lhs.changeFailRate == rhs.changeFailRate
            && lhs.failedDeploymentRecoveryTime == rhs.failedDeploymentRecoveryTime
            && lhs.deploymentReworkRate == rhs.deploymentReworkRate && lhs.reworkRule == rhs.reworkRule
            && lhs.deploymentsWithoutKnownChanges == rhs.deploymentsWithoutKnownChanges
            && lhs.unlinkedIncidentIDs == rhs.unlinkedIncidentIDs
    }

    public func leadTimePart(_ name: String) -> DoraDuration? {
        leadTimeParts.first { $0.name == name }?.duration
    }
}
