import Dashboard
import FoundationEssentials
import WorkSupportCore
import WorkSupportStore

/// `/ui/`: the overview's counts and, when there were deployments, the DORA headline, read in
/// one go and computed by the calculator of `GET /api/metrics/dora` over its default window.
extension APIApplication {
    /// The headline's metrics, by the API's names: none of them reads more of a change than
    /// `DoraQueries.ChangeDetail.leadTime` (no rework rate, no lead time parts).
    static let deliveryHeadlineMetrics: Set<String> = [
        "deployments_per_week", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time",
    ]

    func overviewPage(viewer: DashboardViewer) throws(APIError) -> APIResponse {
        let to = Date()
        let scope = DoraScope(repo: nil, environment: nil,
                              from: to.addingTimeInterval(-Self.defaultDoraWindowDays * 86_400), to: to)
        let (overview, inputs, flow) = try reads.run { connection throws(StoreError) in
            let overview = try DashboardQueries(connection: connection).overview(sources: Self.sources)
            return (overview, try DoraQueries(connection: connection).inputs(scope, changes: .leadTime),
                    try FlowQueries(connection: connection).headline(now: to, issueCounts: overview.issueCounts))
        }
        var delivery: [DeliveryPage.Figure]?
        if !inputs.deployments.isEmpty {
            let report = DoraCalculator(from: scope.from, to: scope.to, incidentLabel: config.delivery.incidentLabel)
                .report(deployments: inputs.deployments, changes: inputs.changes, incidents: inputs.incidents)
            delivery = Self.figures(report).filter { Self.deliveryHeadlineMetrics.contains($0.metric) }
        }
        return .html(OverviewPage.render(overview, delivery: delivery, flow: flow, viewer: viewer))
    }
}
