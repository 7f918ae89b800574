@testable import API
import Foundation
import Postgres
import Testing

/// The long lists a page at a time: anomalies (50 a page, by sighting) and the hierarchy (roots,
/// and one level of a tree with nodes opened by link), each page light whatever the data.
@Suite struct DashboardPagingTests {
    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        try SignedInDashboard.start(function: function)
    }

    static func rows(_ html: String, _ attribute: String) -> [String] {
        html.components(separatedBy: "\(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The `href` of the link with `rel`, entities undone as a browser would.
    static func link(_ html: String, rel: String) -> String? {
        guard let range = html.range(of: "rel=\"\(rel)\"") else { return nil }
        let before = html[..<range.lowerBound]
        guard let start = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[start.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// 120 more open anomalies of one kind, seen a second apart, plus the seed's.
    func plantAnomalies(_ fixture: APIFixture) throws {
        try fixture.connection.execute("""
            INSERT INTO anomalies (kind, issue_key, first_seen, last_seen, details)
            SELECT 'stale_in_progress', 'STALE-' || g, now() - interval '1 day', now() - g * interval '1 second', '{}'
            FROM generate_series(1, 120) g
            """)
    }

    @Test func anomalyListPagesBySightingKeepingItsFiltersAndShowingTheTotal() throws {
        let (fixture, browser) = try signedIn()
        try plantAnomalies(fixture)
        var page = browser.get("/ui/anomalies?kind=stale_in_progress")
        #expect(page.text.contains("1–50 of 120 anomalies"))
        #expect(Self.link(page.text, rel: "prev") == nil)
        var seen: [String] = []
        var pages = 0
        while true {
            pages += 1
            let ids = Self.rows(page.text, "data-anomaly")
            #expect(ids.count <= 50)
            seen += ids
            guard let next = Self.link(page.text, rel: "next") else { break }
            #expect(next.contains("kind=stale_in_progress") && next.contains("status=open"), "filters kept: \(next)")
            page = browser.get(next)
            try #require(pages < 5)
        }
        #expect(pages == 3)
        #expect(page.text.contains("101–120 of 120 anomalies"))
        #expect(seen.count == 120 && Set(seen).count == 120, "every anomaly once")
        let newestFirst = try fixture.connection.query("""
            SELECT id FROM anomalies WHERE kind = 'stale_in_progress' ORDER BY last_seen DESC, id DESC
            """).map { String(try $0.get("id", as: Int64.self)) }
        #expect(seen == newestFirst)

        let back = browser.get(try #require(Self.link(page.text, rel: "prev")))
        #expect(back.text.contains("51–100 of 120 anomalies"))
        #expect(Self.rows(back.text, "data-anomaly") == Array(newestFirst[50..<100]))
    }

    @Test func badPageCursorsAreNamedAndTheListStartsAtTheNewest() throws {
        let (fixture, browser) = try signedIn()
        try plantAnomalies(fixture)
        let malformed = browser.get("/ui/anomalies?after=abc")
        #expect(malformed.status == 200)
        #expect(malformed.text.contains("Unknown after &#39;abc&#39; ignored"))
        #expect(malformed.text.contains("1–50 of"))
        let gone = browser.get("/ui/anomalies?after=987654")
        #expect(gone.text.contains("That page of the list is empty now; showing the newest anomalies."))
        #expect(gone.text.contains("1–50 of"))
        let both = browser.get("/ui/anomalies?after=1&before=2")
        #expect(both.text.contains("&#39;before&#39; was ignored"))
    }

    @Test func hierarchyRootsAreListedWithTheirChildCountsAPageAtATime() throws {
        let (fixture, browser) = try signedIn()
        let roots = browser.get("/ui/hierarchy").text
        #expect(Self.rows(roots, "data-key") == ["PV-1", "PV-2"])
        #expect(roots.contains("2 Product Versions"))
        let pv1 = roots.components(separatedBy: "data-key=\"PV-1\"")[1].components(separatedBy: "</tr>")[0]
        #expect(pv1.contains("<td class=\"num\">3</td>"), "FEAT-1, FEAT-2 and CA-1: \(pv1)")

        try fixture.connection.execute("""
            INSERT INTO issues (issue_key, source, summary, issue_type_id, updated_at)
            SELECT 'PV-X' || lpad(g::text, 3, '0'), 'jira', 'Version ' || g, 10004, now() FROM generate_series(1, 150) g
            """)
        let first = browser.get("/ui/hierarchy").text
        #expect(first.contains("1–100 of 152 Product Versions"))
        #expect(Self.rows(first, "data-key").count == 100)
        let second = browser.get(try #require(Self.link(first, rel: "next"))).text
        #expect(second.contains("101–152 of 152 Product Versions"))
        #expect(Set(Self.rows(first, "data-key")).isDisjoint(with: Self.rows(second, "data-key")))
        #expect(Self.rows(second, "data-key").last == "PV-X150", "byte order of keys, as the API's tree")
    }

    @Test func treeShowsOneLevelAndOpensDeeperOnesByLink() throws {
        let (_, browser) = try signedIn()
        let tree = browser.get("/ui/hierarchy?root_key=PV-1").text
        #expect(Self.rows(tree, "data-key") == ["PV-1", "CA-1", "FEAT-1", "FEAT-2"])
        #expect(tree.contains("aria-expanded=\"false\""))
        let open = "/ui/hierarchy?root_key=PV-1&open=FEAT-1"
        #expect(tree.contains("href=\"/ui/hierarchy?root_key=PV-1&amp;open=FEAT-1#node-FEAT-1\""), "the toggle opens FEAT-1")
        let opened = browser.get(open).text
        #expect(Self.rows(opened, "data-key") == ["PV-1", "CA-1", "FEAT-1", "STORY-1", "STORY-2", "FEAT-2"])
        #expect(opened.contains("href=\"/ui/hierarchy?root_key=PV-1#node-FEAT-1\" aria-expanded=\"true\""), "and closes it")
        let both = browser.get("/ui/hierarchy?root_key=PV-1&open=FEAT-1&open=FEAT-2").text
        #expect(Self.rows(both, "data-key") == ["PV-1", "CA-1", "FEAT-1", "STORY-1", "STORY-2", "FEAT-2", "STORY-3", "TASK-1"])
    }

    @Test func openingWhatIsNotShownIsNamedOnThePage() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/hierarchy?root_key=PV-1&open=STORY-3&open=NOPE-1").text
        #expect(page.contains("&#39;STORY-3&#39; was not opened"), "STORY-3 is below FEAT-2, which is closed")
        #expect(page.contains("&#39;NOPE-1&#39; was not opened"))
        #expect(Self.rows(page, "data-key") == ["PV-1", "CA-1", "FEAT-1", "FEAT-2"])
        let rootless = browser.get("/ui/hierarchy?open=FEAT-1").text
        #expect(rootless.contains("&#39;open&#39; needs a root_key"))
    }

    /// 250 features of 8 stories each (2,251 issues), four of them open: under 100 kB with the
    /// stylesheet and script, the root's children paged by 100.
    @Test func aTwoThousandIssueVersionStaysUnder100kB() throws {
        let (fixture, browser) = try signedIn()
        try fixture.connection.execute("""
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, parent_key, assignee, assignee_member_id, url, updated_at)
            SELECT 'BIG-' || g, 'jira', 'A feature with a summary of realistic length for a work item ' || g, 'In Progress', 10000,
                   CASE WHEN g = 0 THEN NULL ELSE 'BIG-0' END, 'acc-jdoe', 'jdoe', 'https://example.test/browse/BIG-' || g, now()
            FROM generate_series(0, 250) g;
            UPDATE issues SET issue_type_id = 10004 WHERE issue_key = 'BIG-0';
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, parent_key, assignee, assignee_member_id, url, updated_at)
            SELECT 'BIG-' || f || '-' || s, 'jira', 'A story with a summary of realistic length for a work item', 'To Do', 10101,
                   'BIG-' || f, 'acc-asmith', 'asmith', 'https://example.test/browse/BIG-' || f || '-' || s, now()
            FROM generate_series(1, 250) f, generate_series(1, 8) s;
            """)
        let assets = browser.get("/ui/assets/dashboard.css").body.count + browser.get("/ui/assets/dashboard.js").body.count
        let opens = ["BIG-1", "BIG-10", "BIG-100", "BIG-101"].map { "&open=" + $0 }.joined()
        for path in ["/ui/hierarchy?root_key=BIG-0", "/ui/hierarchy?root_key=BIG-0" + opens, "/ui/hierarchy?root_key=BIG-0&after=BIG-189" + opens] {
            let page = browser.get(path)
            #expect(page.status == 200)
            #expect(page.body.count + assets < 100_000, "\(path): \(page.body.count + assets) bytes")
        }
        let opened = browser.get("/ui/hierarchy?root_key=BIG-0" + opens).text
        #expect(opened.contains("1–100 of 250 children"))
        #expect(Self.rows(opened, "data-key").count == 1 + 100 + 4 * 8)
        let last = browser.get("/ui/hierarchy?root_key=BIG-0&after=BIG-53").text
        #expect(last.contains("201–250 of 250 children"))
    }
}
