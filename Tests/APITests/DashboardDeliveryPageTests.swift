@testable import API
import Foundation
import JSON
import Testing

/// `/ui/delivery` in process: every figure of the window and of each week is the one
/// `GET /api/metrics/dora` gives for that scope and window, "n/a: why" included.
@Suite(.serialized) struct DashboardDeliveryPageTests {
    static let window = "from=2026-03-02&to=2026-03-30"

    /// Two repos in production: a success, a failure recovered two hours later, a hotfix, an
    /// incident linked to a deployment and one linked to none; a staging deployment.
    static func seed(_ fixture: APIFixture) {
        func deployment(_ id: String, _ repo: String, _ status: String, _ started: String, _ finished: String,
                        environment: String = "production", ref: String = "main") {
            let body = #"{"kind":"deployment","id":"\#(id)","repo":"\#(repo)","environment":"\#(environment)","sha":"sha-\#(id)","ref":"\#(ref)","status":"\#(status)","started_at":"\#(started)","finished_at":"\#(finished)"}"#
            let response = DeliveryIngestTests.post(fixture, "deploy-tool", body)
            #expect(response.status == 200, "\(id): \(response.text)")
        }
        deployment("d1", "acme/shop", "success", "2026-03-03T09:00:00Z", "2026-03-03T09:10:00Z")
        deployment("d2", "acme/shop", "failure", "2026-03-05T09:00:00Z", "2026-03-05T09:05:00Z")
        deployment("d3", "acme/shop", "success", "2026-03-05T11:00:00Z", "2026-03-05T11:05:00Z")
        deployment("d4", "acme/shop", "success", "2026-03-12T15:00:00Z", "2026-03-12T15:10:00Z", ref: "hotfix/cart")
        deployment("d5", "acme/web", "success", "2026-03-10T08:00:00Z", "2026-03-10T08:30:00Z")
        deployment("s1", "acme/shop", "success", "2026-03-04T08:00:00Z", "2026-03-04T08:30:00Z", environment: "staging")
        for body in [#"{"kind":"incident","id":"i1","repo":"acme/shop","created_at":"2026-03-05T12:00:00Z","resolved_at":"2026-03-05T15:00:00Z","deployment_id":"d3"}"#,
                     #"{"kind":"incident","id":"i2","repo":"other/repo","created_at":"2026-03-20T12:00:00Z"}"#] {
            #expect(DeliveryIngestTests.post(fixture, "pager", body).status == 200)
        }
    }

    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        let fixture = try APIFixture(seed: false, function: function)
        let browser = DashboardBrowser(fixture)
        try #require(browser.logIn(key: fixture.key).status == 303)
        Self.seed(fixture)
        return (fixture, browser)
    }

    func api(_ fixture: APIFixture, _ query: String) -> [String: DoraPageFigures.Shown] {
        let response = fixture.get("/api/metrics/dora?" + query)
        #expect(response.status == 200, "\(query): \(response.text)")
        return DoraPageFigures.fromAPI(response.json)
    }

    @Test func theWindowAndEveryWeekShowTheAPIsFigures() throws {
        let (fixture, browser) = try signedIn()
        for scope in ["", "repo=acme/web&", "environment=staging&"] {
            let page = browser.get("/ui/delivery?" + scope + Self.window)
            #expect(page.status == 200)
            let summary = DoraPageFigures.summary(of: page.text)
            #expect(summary.count == 6, "\(scope)")
            #expect(summary == api(fixture, scope + Self.window), "\(scope)")
            let weeks = DoraPageFigures.periods(of: page.text)
            #expect(weeks.map(\.from) == ["2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z"])
            for week in weeks {
                #expect(week.figures == api(fixture, scope + "from=\(week.from)&to=\(week.to)"), "\(scope) \(week.from)")
            }
        }
        // By hand, all repos in production: 4 successes in 4 weeks; d2 failed and i1 links to d3: 2 of 5.
        let summary = DoraPageFigures.summary(of: browser.get("/ui/delivery?" + Self.window).text)
        #expect(summary["deployments_per_week"] == .value(1))
        #expect(summary["change_fail_rate"] == .value(0.4))
        #expect(summary["change_lead_time"] == .unavailable("no change reached a successful deployment in the window"))
    }

    /// The page reads the changes without their authors, opened and review times
    /// (`ChangeDetail.fiveMetrics`): with changes that carry all of them, reverts, a hotfix and
    /// labels, the window's and every week's figures are still the API's, which reads everything.
    @Test func withChangesThatCarryEverythingTheFiguresAreStillTheAPIs() throws {
        let (fixture, browser) = try signedIn()
        _ = try fixture.connection.execute("""
            INSERT INTO changes (change_key, repo, number, author, title, head_ref, labels, first_commit_at, opened_at,
                                 first_review_at, merged_at, merge_sha) VALUES
              ('acme/shop#1', 'acme/shop', 1, 'alice', 'Revert "Cart"', 'revert-3', '{bug}', '2026-03-01T08:00:00Z',
               '2026-03-01T09:00:00Z', '2026-03-02T10:00:00Z', '2026-03-03T08:00:00Z', 'm1'),
              ('acme/shop#2', 'acme/shop', 2, 'bob', 'Cart v3', 'feature/cart', '{}', '2026-03-04T10:00:00Z',
               '2026-03-04T11:00:00Z', NULL, '2026-03-05T10:00:00Z', 'm2'),
              ('acme/shop#3', 'acme/shop', 3, NULL, NULL, NULL, '{}', NULL, NULL, NULL, '2026-03-12T14:00:00Z', NULL),
              ('acme/web#4', 'acme/web', 4, 'carol', 'Fix', 'main', '{incident}', '2026-03-09T08:30:00Z',
               '2026-03-09T09:00:00Z', '2026-03-09T12:00:00Z', '2026-03-10T07:00:00Z', 'm4');
            INSERT INTO deployment_changes (deployment_id, change_key)
            SELECT d.id, c.key FROM (VALUES ('d1', 'acme/shop#1'), ('d3', 'acme/shop#2'), ('d4', 'acme/shop#3'),
                                            ('d5', 'acme/web#4')) AS c (external_id, key)
            JOIN deployments d ON d.external_id = c.external_id;
            """)
        let page = browser.get("/ui/delivery?" + Self.window).text
        let summary = DoraPageFigures.summary(of: page)
        #expect(summary == api(fixture, Self.window))
        for week in DoraPageFigures.periods(of: page) {
            #expect(week.figures == api(fixture, "from=\(week.from)&to=\(week.to)"), "\(week.from)")
        }
        // By hand: lead times 49 h 10 min, 25 h 5 min and 24 h (#3 has no first commit), of four shipped;
        // unplanned: d1 (a revert), d4 (a hotfix branch), d5 (labelled incident), of four successes.
        #expect(summary["change_lead_time"] == .value(90_300))
        #expect(page.contains(#"<tr data-metric="change_lead_time"><th scope="row">Change lead time</th>"#))
        let leadRow = DoraPageFigures.section(of: page, from: #"<tr data-metric="change_lead_time">"#, to: "</tr>")
        #expect(leadRow.contains(#"<td class="num numerator">3</td><td class="num denominator">4</td>"#), "\(leadRow)")
        #expect(summary["deployment_rework_rate"] == .value(0.75))
    }

    @Test func monthsNumeratorsAndTheUnlinkedIncidentAreShown() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/delivery?from=2026-02-01&to=2026-04-01&period=month").text
        #expect(DoraPageFigures.periods(of: page).map(\.from) == ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"])
        // Change fail rate over the window: 2 failed of 5 finished, as numerator and denominator.
        let row = DoraPageFigures.section(of: page, from: "data-metric=\"change_fail_rate\"", to: "</tr>")
        #expect(row.contains("<td class=\"num numerator\">2</td><td class=\"num denominator\">5</td>"))
        #expect(page.contains("1 incident(s) linked to no deployment"))
        #expect(page.contains("<option value=\"acme/shop\">acme/shop</option>"))
        #expect(page.contains("<option value=\"month\" selected=\"selected\">month</option>"))
    }

    @Test func badFiltersAreNamedAndTheDefaultWindowKept() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/delivery?from=yesterday&to=2026-13-45&period=decade&colour=red")
        #expect(page.status == 200)
        #expect(page.text.contains("The to date &#39;2026-13-45&#39; was ignored"))
        #expect(page.text.contains("The from date &#39;yesterday&#39; was ignored"))
        #expect(page.text.contains("Unknown period &#39;decade&#39; ignored"))
        #expect(page.text.contains("Unknown filter &#39;colour&#39; ignored"))
        #expect(DoraPageFigures.summary(of: page.text).count == 6)
    }

    @Test func aRepoNameIsEscapedWhereverItIsShown() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/delivery?repo=%3Cscript%3Ex%3C%2Fscript%3E&" + Self.window).text
        #expect(!page.contains("<script>x"))
        #expect(page.contains("&lt;script&gt;x&lt;/script&gt;"))
    }
}
