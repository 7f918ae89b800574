@testable import Dashboard
import Testing
import WorkSupportStore

/// `/ui/flow` rendered from a report: the API's figures where tests and people look for them,
/// every value escaped, charts with their text alternatives, and the empty case said in words.
@Suite struct FlowPageTests {
    static let viewer = DashboardViewer(name: "ops", csrfToken: "token")

    static let report = FlowReport(
        from: "2026-01-05T00:00:00Z",
        done: 3,
        cycle: .init(count: 2, p50: 7200, p85: 14_400, p95: 14_400),
        lead: .init(count: 2, p50: 10_800, p85: 21_600, p95: 21_600.5),
        throughput: [(week: "2026-W10", done: 3)],
        workInProgress: 1,
        timeInStatus: [.init(status: "<In Progress>", seconds: 21_600, issues: 2), .init(status: "To Do", seconds: 10_800, issues: 2)],
        untrustedCount: 1,
        untrusted: [.init(issueKey: "A-3\"><script>", problems: ["done_before_started"])],
        weeks: [.init(week: "2026-W10", done: 3, cycle: .init(count: 2, p50: 7200, p85: 14_400, p95: 14_400),
                      lead: .init(count: 2, p50: 10_800, p85: 21_600, p95: 21_600))],
        cycleHistogram: FlowReport.binEdges.enumerated().map { index, edge in
            .init(label: edge.label, lowerSeconds: edge.seconds, upperSeconds: nil, count: index == 0 ? 2 : 0)
        })

    static func render(_ report: FlowReport, filters: FlowPage.Filters = .init()) -> String {
        String(decoding: FlowPage.render(report, filters: filters, notices: [], viewer: viewer), as: UTF8.self)
    }

    @Test func showsTheFiguresOfTheReportWithTheirSecondsForComparison() {
        let page = Self.render(Self.report)
        #expect(page.contains("<div class=\"figure-large\" id=\"flow-done\">3</div>"))
        #expect(page.contains("<div class=\"figure-large\" id=\"flow-cycle-p50\">2.0 h</div>"))
        #expect(page.contains("<div class=\"figure-large\" id=\"flow-wip\">1</div>"))
        #expect(page.contains("data-percentile=\"cycle-p50\" data-seconds=\"7200\">2.0 h</td>"))
        #expect(page.contains("data-percentile=\"lead-p95\" data-seconds=\"21600.5\">6.0 h</td>"))
        #expect(page.contains("<tr data-week=\"2026-W10\"><td>2026-W10</td><td class=\"num\">3</td>"))
        #expect(page.contains("<desc id=\"flow-cycle-histogram-desc\">&lt; 1 d: 2; 1–2 d: 0;"))
        #expect(page.contains("<desc id=\"flow-throughput-desc\">2026-W10: 3</desc>"))
    }

    @Test func everyValueFromTheDataIsEscaped() {
        let page = Self.render(Self.report, filters: {
            var filters = FlowPage.Filters()
            filters.assignee = "\"><img src=x onerror=alert(1)>"
            return filters
        }())
        #expect(!page.contains("<script>") && !page.contains("<img"))
        #expect(page.contains("&lt;In Progress&gt;"))
        #expect(page.contains("A-3&quot;&gt;&lt;script&gt;"))
        #expect(page.contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""))
        #expect(!page.contains(" style=") && page.components(separatedBy: "<script").count == page.components(separatedBy: "<script src=").count,
                "no inline style or script")
    }

    @Test func theFormKeepsTheFiltersItWasGiven() {
        var filters = FlowPage.Filters()
        filters.team = true
        filters.source = "jira"
        filters.from = "2026-03-01"
        let page = Self.render(Self.report, filters: filters)
        #expect(page.contains("<form method=\"get\" action=\"/ui/flow\" class=\"filters\">"))
        #expect(page.contains("name=\"team\" value=\"true\" checked=\"checked\""))
        #expect(page.contains("<option value=\"jira\" selected=\"selected\">jira</option>"))
        #expect(page.contains("name=\"from\" value=\"2026-03-01\""))
    }

    @Test func withoutDoneFromThePageNamesTheRecentWeeksItCoversAndTheirStart() {
        let page = Self.render(Self.report)
        #expect(page.contains("<p id=\"flow-window\" class=\"muted\" data-from=\"2026-01-05T00:00:00Z\">Done in the last 26 ISO weeks"))
        #expect(page.contains("from 2026-01-05 (GET /api/flow?from=2026-01-05T00:00:00Z)"))
        var filters = FlowPage.Filters()
        filters.from = "2026-01-05"
        let given = Self.render(Self.report, filters: filters)
        #expect(given.contains("<p id=\"flow-window\" class=\"muted\" data-from=\"2026-01-05T00:00:00Z\"></p>"))
    }

    @Test func anEmptyWindowSaysSoInsteadOfDrawingEmptyCharts() {
        let empty = FlowReport(from: nil, done: 0, cycle: .init(count: 0, p50: nil, p85: nil, p95: nil),
                               lead: .init(count: 0, p50: nil, p85: nil, p95: nil), throughput: [], workInProgress: 0,
                               timeInStatus: [], untrustedCount: 0, untrusted: [], weeks: [], cycleHistogram: [])
        let page = Self.render(empty)
        #expect(page.contains("No issue was done in the window."))
        #expect(page.contains("No trusted done issue in the window."))
        #expect(page.contains("Every history is complete and consistent."))
        #expect(page.contains("<div class=\"figure-large\" id=\"flow-cycle-p50\">–</div>"))
    }

    @Test func durationsReadAsHoursOrDays() {
        #expect(FlowPage.duration(nil) == "–")
        #expect(FlowPage.duration(5400) == "1.5 h")
        #expect(FlowPage.duration(-1800) == "-0.5 h")
        #expect(FlowPage.duration(30 * 86_400) == "30 d")
    }
}
