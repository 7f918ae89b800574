import Dashboard
import Testing

/// The delivery page's rendering alone: exact values kept beside the readable ones, "n/a: why"
/// for a figure that cannot be computed, and every value escaped.
@Suite struct DeliveryPageTests {
    static let viewer = DashboardViewer(name: "n", csrfToken: "t")

    static func window(_ label: String, failRate: Double?) -> DeliveryPage.Window {
        DeliveryPage.Window(label: label, from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z", figures: [
            DeliveryPage.Figure(metric: "deployments_per_week", name: "Deployment frequency", unit: .perWeek, value: 2.5,
                                numerator: 5, denominator: 2, method: "successful ÷ weeks", unavailable: nil),
            DeliveryPage.Figure(metric: "change_lead_time", name: "Change lead time", unit: .seconds, value: 90_000, p85: 180_000,
                                numerator: 3, denominator: 4, method: "median", unavailable: nil),
            DeliveryPage.Figure(metric: "change_fail_rate", name: "Change fail rate", unit: .ratio, value: failRate,
                                numerator: 0, denominator: 0, method: "failed ÷ finished",
                                unavailable: failRate == nil ? "no finished deployment in the window" : nil),
        ], succeeded: 5, failed: 1)
    }

    static func page(repos: [String] = ["acme/shop"], repo: String? = nil) -> String {
        let content = DeliveryPage.Content(whole: window("window", failRate: 1.0 / 3), periods: [window("2026-03-02", failRate: nil)],
                                           periodLength: "week", repos: repos, environments: ["production"],
                                           reworkRule: "hotfix <branches>", withoutKnownChanges: [("base_unknown", 1)],
                                           unlinkedIncidents: 2)
        return String(decoding: DeliveryPage.render(content, filters: .init(repo: repo), notices: [], viewer: viewer), as: UTF8.self)
    }

    @Test func valuesAreReadableAndExact() {
        let page = Self.page()
        #expect(page.contains("data-metric=\"deployments_per_week\" data-value=\"2.5\">2.5 / week</td>"))
        #expect(page.contains("data-value=\"0.3333333333333333\">33.33 %</td>"))
        #expect(page.contains("data-value=\"90000.0\">25 h (p85 2.08 d)</td>"))
        #expect(page.contains("<td class=\"num numerator\">5</td><td class=\"num denominator\">2</td>"))
        #expect(page.contains("1 successful deployment(s) with base_unknown changes; 2 incident(s) linked to no deployment"))
    }

    @Test func aFigureThatCannotBeComputedSaysWhy() {
        let periods = Self.page().components(separatedBy: "id=\"dora-periods\"")[1]
        #expect(periods.contains("<td class=\"na\" data-metric=\"change_fail_rate\">n/a: no finished deployment in the window</td>"))
    }

    @Test func reposAndRulesAreEscaped() {
        let page = Self.page(repos: ["a/\"><script>"], repo: "<b>")
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("<option value=\"a/&quot;&gt;&lt;script&gt;\">"))
        #expect(page.contains("hotfix &lt;branches&gt;"))
    }
}
