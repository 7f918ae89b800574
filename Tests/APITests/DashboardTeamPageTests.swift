@testable import API
import Foundation
import JSON
import Testing

/// `/ui/team` in process: the reviews table, quiet members and owners show the figures of
/// `GET /api/team/reviews`, `/quiet` and `/owners` for the same window; hostile member names
/// and a bad `since` are escaped, and a bad `since` is named on the page.
@Suite(.serialized) struct DashboardTeamPageTests {
    static let hostile = "<script>alert(1)</script>"
    static let breakout = "\"><img src=x onerror=alert(1)>"

    /// Five members, two product owners (one with a current ticket, one without), reviews in the
    /// last ten days, and a member heard of only in the window before (quiet).
    static func seed(_ fixture: APIFixture) throws {
        try fixture.connection.execute("""
            INSERT INTO team_members (member_id, name, github_id, role) VALUES
                ('m1', '\(hostile)', 'dev1', NULL), ('m2', '\(breakout.replacingOccurrences(of: "'", with: "''"))', 'dev2', NULL),
                ('m3', 'Carol', 'dev3', 'po'), ('m4', 'Dave', 'dev4', 'po'), ('m5', 'Eve', 'dev5', NULL);
            INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, assignee, assignee_member_id,
                                created_at, updated_at)
            VALUES ('TEAM-1', 'jira', 'Ship <b>it</b>', 'In Progress', 'indeterminate', -1, 'acct-3', 'm3',
                    now() - interval '5 days', now() - interval '1 day');
            INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
            SELECT 'REVIEWED', actor, target, NULL, now() - n * interval '1 day', 'github', actor || target || n
            FROM (VALUES ('m1', 'm2', 3), ('m2', 'm1', 1), ('m3', 'm1', 2), ('m1', 'm3', 1)) AS e (actor, target, reviews),
                 generate_series(1, 3) n
            WHERE n <= reviews;
            INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
            VALUES ('ASSIGNED_TO', 'm3', 'TEAM-1', 'TEAM-1', now() - interval '1 day', 'jira', 'TEAM-1 acct-3'),
                   ('MENTIONED', 'm5', 'm1', NULL, now() - interval '40 days', 'slack', 'C1:1'),
                   ('MENTIONED', 'm5', 'm2', NULL, now() - interval '41 days', 'slack', 'C1:2');
            """)
    }

    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        let fixture = try APIFixture(seed: false, function: function)
        try Self.seed(fixture)
        let browser = DashboardBrowser(fixture)
        try #require(browser.logIn(key: fixture.key).status == 303)
        return (fixture, browser)
    }

    /// The `<tr data-person="id">…</tr>` of the reviews table.
    static func row(_ page: String, person id: String) -> String? {
        let parts = page.components(separatedBy: "<tr data-person=\"\(id)\">")
        return parts.count == 2 ? parts[1].components(separatedBy: "</tr>")[0] : nil
    }

    /// The text of the cell `data-figure="name"` and its `data-value` when it has one.
    static func cell(_ row: String, _ name: String) -> (text: String, value: String?)? {
        let parts = row.components(separatedBy: "data-figure=\"\(name)\"")
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        var value: String?
        if rest.hasPrefix(" data-value=\"") { value = rest.dropFirst(13).components(separatedBy: "\"")[0] }
        let text = rest.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
        return (text, value)
    }

    @Test func theReviewsQuietAndOwnersAreTheAPIsFigures() throws {
        let (fixture, browser) = try signedIn()
        let page = browser.get("/ui/team?since=30d")
        #expect(page.status == 200)
        let reviews = fixture.get("/api/team/reviews?since=30d").json
        let people = reviews["people"]?.arrayValue ?? []
        #expect(people.count == 5, "every member has a row")
        for person in people {
            let id = try #require(person["id"]?.stringValue)
            let row = try #require(Self.row(page.text, person: id), "\(id)")
            #expect(Self.cell(row, "given")?.text == String(person["reviews_given"]?.intValue ?? -1), "\(id)")
            #expect(Self.cell(row, "received")?.text == String(person["reviews_received"]?.intValue ?? -1), "\(id)")
            #expect(Self.cell(row, "distinct")?.text == String(person["distinct_authors_reviewed"]?.intValue ?? -1), "\(id)")
            #expect(Self.cell(row, "degree")?.text == String(person["weighted_degree"]?.intValue ?? -1), "\(id)")
            let rank = try #require(Double(Self.cell(row, "pagerank")?.value ?? ""), "\(id)")
            #expect(abs(rank - (person["pagerank"]?.doubleValue ?? -1)) < 1e-12, "\(id)")
            let between = try #require(Double(Self.cell(row, "betweenness")?.value ?? ""), "\(id)")
            #expect(abs(between - (person["betweenness"]?.doubleValue ?? -1)) < 1e-12, "\(id)")
        }
        // By hand: m1 gave 3 + 1, received 1 + 2; the graph draws one arrow per reviewer → author pair.
        let m1 = try #require(Self.row(page.text, person: "m1"))
        #expect(Self.cell(m1, "given")?.text == "4" && Self.cell(m1, "received")?.text == "3" && Self.cell(m1, "degree")?.text == "7")
        #expect(page.text.components(separatedBy: "<line class=\"edge\"").count - 1 == reviews["edge_count"]?.intValue)
        #expect(page.text.contains("data-reviewer=\"m1\" data-author=\"m2\" data-reviews=\"3\""))
        let description = page.text.components(separatedBy: "<desc id=\"team-graph-desc\">")[1].components(separatedBy: "</desc>")[0]
        #expect(description.components(separatedBy: "; ").sorted() == ["m1 reviewed m2: 3", "m1 reviewed m3: 1", "m2 reviewed m1: 1", "m3 reviewed m1: 2"])

        let quiet = fixture.get("/api/team/quiet?since=30d").json
        let quietIDs = (quiet["quiet"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(quietIDs.contains("m5") && quietIDs.contains("m4"))
        let quietTable = page.text.components(separatedBy: "<table id=\"team-quiet\">")[1].components(separatedBy: "</table>")[0]
        #expect(quietTable.components(separatedBy: "<tr data-member=").count - 1 == quietIDs.count)
        #expect(quietTable.contains("<tr data-member=\"m5\"><td>Eve (m5)</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>"))

        let owners = fixture.get("/api/team/owners?since=30d").json
        let carol = (owners["owners"]?.arrayValue ?? []).first { $0["id"] == "m3" }
        #expect(carol?["ticket_count"] == 1)
        #expect(page.text.contains("<h3>Carol (m3): 1</h3>"))
        #expect(page.text.contains("<td><a href=\"/ui/issues/TEAM-1\">TEAM-1</a></td><td>Ship &lt;b&gt;it&lt;/b&gt;</td><td>In Progress</td><td>assigned</td>"))
        #expect(owners["without_tickets_count"] == 1)
        #expect(page.text.contains("<p id=\"team-owners-idle\">Without a current ticket (1): Dave (m4)</p>"))
    }

    @Test func hostileMemberNamesAreEscaped() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/team").text
        #expect(!page.contains("<script>alert") && !page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; (m1)"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; (m2)"))
        #expect(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; (m1)</title>"), "the graph's node titles too")
        #expect(!page.contains(" style="))
    }

    @Test func aBadSinceIsNamedOnThePageAndTheDefaultWindowShown() throws {
        let (fixture, browser) = try signedIn()
        for bad in ["yesterday", "0d", "2099-01-01", "%3Cscript%3E"] {
            let page = browser.get("/ui/team?since=\(bad)")
            #expect(page.status == 200, "\(bad)")
            let shown = bad == "%3Cscript%3E" ? "&lt;script&gt;" : bad
            #expect(page.text.contains("since must be a number of days such as 30d"), "\(bad)")
            #expect(page.text.contains("got &#39;\(shown)&#39;; the last 30 days are shown."), "\(bad)")
            #expect(!page.text.contains("<script>"))
            #expect(fixture.get("/api/team/reviews?since=\(bad)").status == 400, "the API refuses it too")
        }
        let unknown = browser.get("/ui/team?team=x")
        #expect(unknown.text.contains("Unknown filter &#39;team&#39; ignored"))
        // The default window still shows the reviews.
        #expect(Self.row(browser.get("/ui/team?since=yesterday").text, person: "m1").map { Self.cell($0, "given")?.text } == "4")
    }
}
