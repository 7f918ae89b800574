/// `/ui/delivery`: DORA's five metrics over a window for a repo (or all) and an environment,
/// then the same metrics period by period. Each figure is what `GET /api/metrics/dora` answers
/// for the same scope and window (the period's, for a row): its value (exact in `data-value`),
/// numerator and denominator, and "n/a: why" when it cannot be computed.
public enum DeliveryPage {
    /// One metric of one window, as the API words it.
    public struct Figure: Sendable {
        public enum Unit: Sendable { case perWeek, ratio, seconds }
        /// The API's name for it (`change_fail_rate`, …).
        public let metric: String
        public let name: String
        public let unit: Unit
        public let value: Double?
        /// The 85th percentile, for durations.
        public let p85: Double?
        public let numerator: Double
        public let denominator: Double
        public let method: String
        public let unavailable: String?

        public init(metric: String, name: String, unit: Unit, value: Double?, p85: Double? = nil, numerator: Double,
                    denominator: Double, method: String, unavailable: String?) {
            self.metric = metric
            self.name = name
            self.unit = unit
            self.value = value
            self.p85 = p85
            self.numerator = numerator
            self.denominator = denominator
            self.method = method
            self.unavailable = unavailable
        }
    }

    /// The figures of one window: the whole one, or one period of it.
    public struct Window: Sendable {
        public let label: String
        public let from: String
        public let to: String
        public let figures: [Figure]
        /// For the charts: successful and failed deployments in it.
        public let succeeded: Int
        public let failed: Int

        public init(label: String, from: String, to: String, figures: [Figure], succeeded: Int, failed: Int) {
            self.label = label
            self.from = from
            self.to = to
            self.figures = figures
            self.succeeded = succeeded
            self.failed = failed
        }
    }

    public struct Filters: Sendable {
        public var repo: String?
        public var environment: String?
        /// `YYYY-MM-DD` or RFC 3339, as given (nil: the default window).
        public var from: String?
        public var to: String?
        public var period: String
        public init(repo: String? = nil, environment: String? = nil, from: String? = nil, to: String? = nil,
                    period: String = "week") {
            self.repo = repo
            self.environment = environment
            self.from = from
            self.to = to
            self.period = period
        }
    }

    public struct Content: Sendable {
        public let whole: Window
        public let periods: [Window]
        /// `week` or `month`, as drawn.
        public let periodLength: String
        public let repos: [String]
        public let environments: [String]
        public let reworkRule: String
        public let withoutKnownChanges: [(String, Int)]
        public let unlinkedIncidents: Int

        public init(whole: Window, periods: [Window], periodLength: String, repos: [String], environments: [String],
                    reworkRule: String, withoutKnownChanges: [(String, Int)], unlinkedIncidents: Int) {
            self.whole = whole
            self.periods = periods
            self.periodLength = periodLength
            self.repos = repos
            self.environments = environments
            self.reworkRule = reworkRule
            self.withoutKnownChanges = withoutKnownChanges
            self.unlinkedIncidents = unlinkedIncidents
        }
    }

    public static func render(_ content: Content, filters: Filters, notices: [DashboardNotice],
                              viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Delivery", section: .delivery, viewer: viewer, notices: notices) { html in
            form(content, filters: filters, into: &html)
            html.element("p", [("class", "muted"), ("id", "dora-scope")],
                         text: "\(filters.repo ?? "All repositories"), \(filters.environment ?? "production environments"), "
                             + "\(DashboardFormat.time(content.whole.from)) to \(DashboardFormat.time(content.whole.to)) "
                             + "(the same figures as /api/metrics/dora with these parameters).")
            html.element("h2", text: "Over the window")
            summary(content.whole, into: &html)
            html.element("p", [("class", "muted")], text: "Rework rule: \(content.reworkRule).")
            var caveats: [String] = content.withoutKnownChanges.map { "\($0.1) successful deployment(s) with \($0.0) changes" }
            if content.unlinkedIncidents > 0 { caveats.append("\(content.unlinkedIncidents) incident(s) linked to no deployment") }
            if !caveats.isEmpty {
                html.element("p", [("class", "muted"), ("id", "dora-caveats")], text: "Not in the figures: " + caveats.joined(separator: "; ") + ".")
            }

            html.element("h2", text: "By \(content.periodLength)")
            let label = content.periodLength == "week" ? "week of" : "month"
            html.element("p", [("class", "muted")], text: "Successful deployments, then failed ones, per \(content.periodLength):")
            ColumnChart(id: "deployments-per-period", title: "Successful deployments per \(content.periodLength)",
                        points: content.periods.map { ColumnChart.Point("\(label) \($0.label)", $0.succeeded) })
                .write(into: &html)
            ColumnChart(id: "failures-per-period", title: "Failed deployments per \(content.periodLength) (status failed or an incident linked)",
                        points: content.periods.map { ColumnChart.Point("\(label) \($0.label)", $0.failed) })
                .write(into: &html)
            periodTable(content.periods, length: content.periodLength, into: &html)
        }
    }

    static func form(_ content: Content, filters: Filters, into html: inout HTML) {
        html.open("form", [("method", "get"), ("action", DashboardSection.delivery.path), ("class", "filters")])
        html.raw("<label>repo<select name=\"repo\"><option value=\"\">all</option>")
        for repo in content.repos { option(repo, selected: repo == filters.repo, into: &html) }
        html.raw("</select></label><label>environment<select name=\"environment\"><option value=\"\">production</option>")
        for environment in content.environments { option(environment, selected: environment == filters.environment, into: &html) }
        html.raw("</select></label><label>from")
        html.open("input", [("type", "date"), ("name", "from"), ("value", String(content.whole.from.prefix(10)))])
        html.raw("</label><label>to")
        html.open("input", [("type", "date"), ("name", "to"), ("value", String(filters.to?.prefix(10) ?? content.whole.to.prefix(10)))])
        html.raw("</label><label>by<select name=\"period\">")
        for length in ["week", "month"] { option(length, selected: length == filters.period, into: &html) }
        html.raw("</select></label><button type=\"submit\">Show</button></form>")
    }

    static func option(_ value: String, selected: Bool, into html: inout HTML) {
        var attributes: [(StaticString, String)] = [("value", value)]
        if selected { attributes.append(("selected", "selected")) }
        html.element("option", attributes, text: value)
    }

    static func summary(_ window: Window, into html: inout HTML) {
        html.raw("<table id=\"dora-summary\"><thead><tr><th>metric</th><th class=\"num\">value</th>")
        html.raw("<th class=\"num\">numerator</th><th class=\"num\">denominator</th><th>method</th></tr></thead><tbody>")
        for figure in window.figures {
            html.element("tr", [("data-metric", figure.metric)]) { row in
                row.element("th", [("scope", "row")], text: figure.name)
                cell(figure, into: &row)
                row.element("td", [("class", "num numerator")], text: number(figure.numerator))
                row.element("td", [("class", "num denominator")], text: number(figure.denominator))
                row.element("td", text: figure.method)
            }
        }
        html.raw("</tbody></table>")
    }

    static func periodTable(_ periods: [Window], length: String, into html: inout HTML) {
        guard let first = periods.first else {
            html.element("p", [("class", "muted")], text: "The window holds no period.")
            return
        }
        html.raw("<table id=\"dora-periods\" class=\"sortable\"><thead><tr>")
        html.element("th", text: length == "week" ? "week of" : "month")
        for figure in first.figures { html.element("th", text: figure.name) }
        html.raw("</tr></thead><tbody>")
        for period in periods {
            html.element("tr", [("data-from", period.from), ("data-to", period.to)]) { row in
                row.element("td", text: period.label)
                for figure in period.figures { cell(figure, into: &row, withCounts: true) }
            }
        }
        html.raw("</tbody></table>")
    }

    /// The value as read, its exact figure in `data-value`; "n/a: why" when there is none.
    static func cell(_ figure: Figure, into html: inout HTML, withCounts: Bool = false) {
        guard let value = figure.value else {
            html.element("td", [("class", "na"), ("data-metric", figure.metric)], text: "n/a: \(figure.unavailable ?? "not computed")")
            return
        }
        var shown = formatted(value, figure.unit)
        if let p85 = figure.p85 { shown += " (p85 \(formatted(p85, figure.unit)))" }
        if withCounts { shown += " [\(number(figure.numerator))/\(number(figure.denominator))]" }
        html.element("td", [("class", "num"), ("data-metric", figure.metric), ("data-value", String(value))], text: shown)
    }

    static func formatted(_ value: Double, _ unit: Figure.Unit) -> String {
        switch unit {
        case .perWeek: number(value) + " / week"
        case .ratio: number(value * 100) + " %"
        case .seconds: duration(value)
        }
    }

    /// Two decimals at most, no trailing zeros.
    static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        let whole = Int64(hundredths / 100)
        let fraction = Int64(abs(hundredths).truncatingRemainder(dividingBy: 100))
        if fraction == 0 { return String(whole) }
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        let digits = fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? String(fraction / 10) : String(fraction))
        return "\(sign)\(whole).\(digits)"
    }

    /// Hours below two days, else days, with a decimal.
    static func duration(_ seconds: Double) -> String {
        seconds < 7200 ? number(seconds / 60) + " min" : seconds < 172_800 ? number(seconds / 3600) + " h" : number(seconds / 86_400) + " d"
    }
}
