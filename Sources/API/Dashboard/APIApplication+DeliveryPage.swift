import Dashboard
import FoundationEssentials
import WorkSupportCore
import WorkSupportStore

/// `/ui/delivery`: one read of the scope's inputs (what the five metrics are computed from; the
/// page shows neither the lead time's parts nor a team), the calculator of `GET /api/metrics/dora`
/// over the window and over each period of it, so every figure is the API's for that window.
extension APIApplication {
    func deliveryPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["repo", "environment", "from", "to", "period"])
        var filters = DeliveryPage.Filters(repo: query.value("repo"), environment: query.value("environment"))
        filters.period = query.oneOf("period", DoraPeriods.Length.allCases.map(\.rawValue)) ?? "week"
        var ignored: [DashboardNotice] = []
        var to = Date()
        if let text = query.value("to") {
            if let bound = DoraWindowBound.parse(text) { to = bound; filters.to = text } else { ignored.append(Self.ignoredBound("to", text)) }
        }
        var from = to.addingTimeInterval(-Self.defaultDoraWindowDays * 86_400)
        if let text = query.value("from") {
            if let bound = DoraWindowBound.parse(text), bound < to, to.timeIntervalSince(bound) <= 3660 * 86_400 {
                from = bound
                filters.from = text
            } else {
                ignored.append(Self.ignoredBound("from", text))
            }
        }
        let scope = DoraScope(repo: filters.repo, environment: filters.environment, from: from, to: to)
        let (inputs, choices) = try reads.run { connection throws(StoreError) in
            let queries = DoraQueries(connection: connection)
            return (try queries.inputs(scope, changes: .fiveMetrics), try queries.scopeChoices())
        }
        let periodInputs = DoraPeriodInputs(inputs, groupedBy: DoraCalculator(from: from, to: to, incidentLabel: config.delivery.incidentLabel))
        func window(_ from: Date, _ to: Date, label: String, whole: Bool = false) -> (DoraReport, DeliveryPage.Window) {
            let calculator = DoraCalculator(from: from, to: to, incidentLabel: config.delivery.incidentLabel)
            let report = whole
                ? calculator.report(deployments: inputs.deployments, shipped: periodInputs.shipped, incidents: inputs.incidents)
                : periodInputs.report(calculator)
            return (report, DeliveryPage.Window(label: label, from: RFC3339Text.utc(from), to: RFC3339Text.utc(to),
                                                figures: Self.figures(report),
                                                succeeded: Int(report.deploymentsPerWeek.numerator),
                                                failed: Int(report.changeFailRate.numerator)))
        }
        let (report, whole) = window(from, to, label: "window", whole: true)
        let asked = DoraPeriods.Length(rawValue: filters.period) ?? .week
        let length = DoraPeriods.length(asked, from: from, to: to)
        var notices = query.notices + ignored
        if length != asked { notices.append(DashboardNotice(.info, "A window this long is shown by month.")) }
        let periods = DoraPeriods.periods(from: from, to: to, by: length).map { window($0.from, $0.to, label: $0.label).1 }
        let content = DeliveryPage.Content(
            whole: whole, periods: periods, periodLength: length.rawValue, repos: choices.repos,
            environments: choices.environments, reworkRule: report.reworkRule,
            withoutKnownChanges: report.deploymentsWithoutKnownChanges.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            unlinkedIncidents: report.unlinkedIncidentIDs.count)
        return .html(DeliveryPage.render(content, filters: filters, notices: notices, viewer: viewer))
    }

    /// The report's metrics in the order and with the names of `GET /api/metrics/dora`.
    static func figures(_ report: DoraReport) -> [DeliveryPage.Figure] {
        func measure(_ metric: String, _ name: String, _ unit: DeliveryPage.Figure.Unit, _ m: DoraMeasure) -> DeliveryPage.Figure {
            DeliveryPage.Figure(metric: metric, name: name, unit: unit, value: m.value, numerator: m.numerator,
                                denominator: m.denominator, method: m.method, unavailable: m.unavailable)
        }
        func duration(_ metric: String, _ name: String, _ d: DoraDuration) -> DeliveryPage.Figure {
            DeliveryPage.Figure(metric: metric, name: name, unit: .seconds, value: d.median, p85: d.p85,
                                numerator: Double(d.count), denominator: Double(d.eligible),
                                method: "median of " + d.method, unavailable: d.unavailable)
        }
        return [
            measure("deployments_per_week", "Deployment frequency", .perWeek, report.deploymentsPerWeek),
            measure("deployment_days_per_week", "Deployment days", .perWeek, report.deploymentDaysPerWeek),
            duration("change_lead_time", "Change lead time", report.changeLeadTime),
            measure("change_fail_rate", "Change fail rate", .ratio, report.changeFailRate),
            duration("failed_deployment_recovery_time", "Recovery time", report.failedDeploymentRecoveryTime),
            measure("deployment_rework_rate", "Rework rate", .ratio, report.deploymentReworkRate),
        ]
    }

    /// A window bound the page cannot use: named in a notice, the default kept.
    static func ignoredBound(_ name: String, _ text: String) -> DashboardNotice {
        DashboardNotice(.warning, "The \(name) date '\(text.prefix(40))' was ignored: give a date such as 2026-03-01, "
            + "before 'to' and at most 10 years before it.")
    }
}
