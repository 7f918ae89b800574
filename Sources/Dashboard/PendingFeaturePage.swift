/// A page whose data the service does not collect yet: what the page will show, what is
/// missing, and how to configure it once it exists. Never an error.
public struct PendingFeature: Sendable {
    public let section: DashboardSection
    public let willShow: String
    public let missing: String
    public let configure: [String]

    public static let flow = PendingFeature(
        section: .flow,
        willShow: "Cycle-time and lead-time distributions with p50/p85/p95 over time, throughput per week, work in progress and time in each status.",
        missing: "Jira status transitions are not harvested yet: this build has no issue_transitions table and no /api/flow.",
        configure: ["Install a WorkSupport build with the flow feature and run `worksupport migrate`.",
                    "No new keys: the next harvest reads every changed Jira issue's changelog with the existing jira.* settings."])

    public static let delivery = PendingFeature(
        section: .delivery,
        willShow: "DORA's five metrics per repository over time: deployment frequency, change lead time, change fail rate, failed deployment recovery time and rework rate.",
        missing: "Deployments, changes and incidents are not collected yet: this build has no deployments table and no /api/metrics/dora.",
        configure: ["Install a WorkSupport build with delivery metrics and run `worksupport migrate`.",
                    "Set github.repos, and dora.production_environments (default production,prod), dora.incident_label (default incident).",
                    "Other CI/CD systems post deployments and incidents to /api/ingest/{source} with an API key."])

    public static let team = PendingFeature(
        section: .team,
        willShow: "The review graph (who reviews whose pull requests), quiet members and product owners with their current tickets.",
        missing: "Reviews, comments and Slack metadata are not collected yet: this build has no interactions table and no /api/team.",
        configure: ["Install a WorkSupport build with collaboration and run `worksupport migrate`.",
                    "For Slack: slack.token (or SLACK_TOKEN) and SLACK_SIGNING_SECRET; team.member.<id>.slack_id and .role (po marks a product owner)."])

    /// One line for the overview: which headline figures are absent and where to read why.
    public var headline: String { "\(section.title): not collected yet (\(missing.prefix { $0 != ":" }))." }
}

public enum PendingFeaturePage {
    public static func render(_ feature: PendingFeature, viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: feature.section.title, section: feature.section, viewer: viewer) { html in
            html.raw("<div class=\"missing\">")
            html.element("h2", text: "Not available in this installation yet")
            html.element("p", text: feature.missing)
            html.element("p") { $0.raw("<strong>This page will show:</strong> "); $0.text(feature.willShow) }
            html.element("h2", text: "How to turn it on")
            html.element("ol") { list in
                for step in feature.configure { list.element("li", text: step) }
            }
            html.raw("</div>")
        }
    }
}
