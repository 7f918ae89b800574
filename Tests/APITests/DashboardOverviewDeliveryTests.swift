@testable import API
import Foundation
import JSON
import Testing

/// The overview's DORA headline in process: absent without deployments; with them, the four
/// headline figures are those of `GET /api/metrics/dora` over its default window, "n/a: why" included.
@Suite(.serialized) struct DashboardOverviewDeliveryTests {
    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        let fixture = try APIFixture(seed: false, function: function)
        let browser = DashboardBrowser(fixture)
        try #require(browser.logIn(key: fixture.key).status == 303)
        return (fixture, browser)
    }

    /// Whole seconds, so that every time the test writes is exact.
    static let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    /// RFC 3339 for `days` days before the test started.
    static func daysAgo(_ days: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: now.addingTimeInterval(-(days * 86_400).rounded()))
    }

    static func deploy(_ fixture: APIFixture, _ id: String, _ status: String, daysAgo days: Double) {
        let body = #"{"kind":"deployment","id":"\#(id)","repo":"acme/shop","environment":"production","sha":"sha-\#(id)","ref":"main","status":"\#(status)","started_at":"\#(daysAgo(days + 0.25))","finished_at":"\#(daysAgo(days))"}"#
        let response = DeliveryIngestTests.post(fixture, "deploy-tool", body)
        #expect(response.status == 200, "\(id): \(response.text)")
    }

    @Test func withoutDeploymentsTheOverviewHasNoDeliveryHeadline() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/")
        #expect(page.status == 200)
        #expect(!page.text.contains("id=\"dora-headline\""))
    }

    @Test func theHeadlineShowsTheAPIsFiguresOverTheLast90Days() throws {
        let (fixture, browser) = try signedIn()
        // Inside the window: a success, a failure recovered by the next success; outside it, one more success.
        Self.deploy(fixture, "d1", "success", daysAgo: 30)
        Self.deploy(fixture, "d2", "failure", daysAgo: 10)
        Self.deploy(fixture, "d3", "success", daysAgo: 9.5)
        Self.deploy(fixture, "old", "success", daysAgo: 200)
        let page = browser.get("/ui/").text
        let shown = DoraPageFigures.shown(in: DoraPageFigures.section(of: page, from: "id=\"dora-headline\"", to: "</table>"))
        let api = DoraPageFigures.fromAPI(fixture.get("/api/metrics/dora").json)
        #expect(Set(shown.keys) == APIApplication.deliveryHeadlineMetrics)
        for (metric, figure) in shown { #expect(figure == api[metric], "\(metric)") }
        // By hand: 2 successes in 90/7 weeks; 1 failed of 3 finished; a failure counts when it started (10.25
        // days ago) and recovered at the next success (9.5 days ago): 18 hours; no change known.
        guard case .value(let perWeek) = shown["deployments_per_week"] else { Issue.record("no deployment frequency"); return }
        #expect(abs(perWeek - 2 / (90.0 / 7)) < 1e-9)
        #expect(shown["change_fail_rate"] == .value(1.0 / 3))
        #expect(shown["failed_deployment_recovery_time"] == .value(64_800))
        #expect(shown["change_lead_time"] == .unavailable("no change reached a successful deployment in the window"))
    }

    /// The headline reads only each change's deployment and times (`ChangeDetail.leadTime`):
    /// with changes that carry authors, reverts, hotfix branches, labels and reviews, its
    /// figures and counts are still the API's, which reads everything.
    @Test func theHeadlinesFiguresAreTheAPIsWithChangesThatCarryEverything() throws {
        let (fixture, browser) = try signedIn()
        Self.deploy(fixture, "d1", "success", daysAgo: 30)
        Self.deploy(fixture, "d2", "success", daysAgo: 20)
        Self.deploy(fixture, "d3", "failure", daysAgo: 10)
        Self.deploy(fixture, "d4", "success", daysAgo: 9)
        let at = Self.daysAgo
        _ = try fixture.connection.execute("""
            INSERT INTO changes (change_key, repo, number, author, title, head_ref, labels, first_commit_at, opened_at,
                                 first_review_at, merged_at, merge_sha) VALUES
              ('acme/shop#1', 'acme/shop', 1, 'alice', 'Revert "Cart"', 'revert-3', '{bug}', '\(at(33))', '\(at(32))',
               '\(at(31))', '\(at(30.5))', 'm1'),
              ('acme/shop#2', 'acme/shop', 2, 'bob', 'Cart v3', 'hotfix/cart', '{}', '\(at(25))', '\(at(24))', NULL,
               '\(at(21))', 'm2'),
              ('acme/shop#3', 'acme/shop', 3, NULL, NULL, NULL, '{}', NULL, NULL, NULL, '\(at(20.5))', NULL),
              ('acme/shop#4', 'acme/shop', 4, 'carol', 'Fix', 'main', '{incident}', '\(at(12))', '\(at(11))', '\(at(10.5))',
               '\(at(9.5))', 'm4');
            INSERT INTO deployment_changes (deployment_id, change_key)
            SELECT d.id, c.key FROM (VALUES ('d1', 'acme/shop#1'), ('d2', 'acme/shop#2'), ('d2', 'acme/shop#3'),
                                            ('d4', 'acme/shop#4')) AS c (external_id, key)
            JOIN deployments d ON d.external_id = c.external_id;
            """)
        let page = browser.get("/ui/").text
        let headline = DoraPageFigures.section(of: page, from: "id=\"dora-headline\"", to: "</table>")
        let shown = DoraPageFigures.shown(in: headline)
        let body = fixture.get("/api/metrics/dora").json
        let api = DoraPageFigures.fromAPI(body)
        #expect(Set(shown.keys) == APIApplication.deliveryHeadlineMetrics)
        for (metric, figure) in shown { #expect(figure == api[metric], "\(metric)") }
        // Lead times over the three shipped changes with a first commit, of four shipped: 3 days, 5 days, 3 days.
        #expect(shown["change_lead_time"] == .value(3 * 86_400))
        #expect(body["change_lead_time"]?["numerator"]?.intValue == 3)
        #expect(body["change_lead_time"]?["denominator"]?.intValue == 4)
        #expect(headline.contains("[3/4]"))
        // The figures the headline could not give from its read are the API's alone.
        #expect(api["deployment_rework_rate"] == .value(2.0 / 3))
        #expect(!page.contains("deployment_rework_rate"))
    }
}
