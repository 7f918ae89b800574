@testable import API
import Foundation
import JSON
import Testing
import TestKit

/// The overview's flow headline in process: what is missing before any Jira history was
/// harvested; with histories, cycle time over the last 90 days, throughput of the last four ISO
/// weeks, WIP and untrusted histories as `GET /api/flow` gives them.
@Suite(.serialized) struct DashboardOverviewFlowTests {
    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        let fixture = try APIFixture(seed: false, function: function)
        let browser = DashboardBrowser(fixture)
        try #require(browser.logIn(key: fixture.key).status == 303)
        return (fixture, browser)
    }

    /// Whole seconds, so that every time the test writes is exact.
    static let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    /// An issue created `created` days ago whose status moved to In Progress `started` days ago and
    /// to Done `done` days ago (nil: still in progress), with its history as complete as `complete`.
    static func insert(_ fixture: APIFixture, _ key: String, created: Double, started: Double, done: Double?,
                       complete: Bool = true) throws {
        func ago(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        try fixture.connection.query("""
            INSERT INTO issues (issue_key, source, status, status_category, created_at, updated_at)
            VALUES ($1, 'jira', $2, $3, $4, now())
            """, [key, done == nil ? "In Progress" : "Done", done == nil ? "indeterminate" : "done", ago(created)])
        var moves = [("1", ago(started), "To Do", "In Progress", "1", "3", "new", "indeterminate")]
        if let done { moves.append(("2", ago(done), "In Progress", "Done", "3", "5", "indeterminate", "done")) }
        for move in moves {
            try fixture.connection.query("""
                INSERT INTO issue_transitions (issue_key, changelog_id, field, changed_at, from_value, to_value, from_id, to_id,
                                               from_category, to_category, history_order)
                VALUES ($1, $2::text, 'status', $3, $4, $5, $6, $7, $8, $9, $2::text::bigint)
                """, [key, move.0, move.1, move.2, move.3, move.4, move.5, move.6, move.7])
        }
        try fixture.connection.query("INSERT INTO issue_histories (issue_key, complete, reason, entries) VALUES ($1, $2, $3, $4)",
                                     [key, complete, complete ? nil : "HTTP 500", moves.count])
    }

    /// The `data-seconds` of the headline's row `figure` ("" when there is no value).
    static func seconds(_ figure: String, in page: String) -> String? {
        guard let row = page.range(of: "data-figure=\"\(figure)\""),
              let start = page[row.upperBound...].range(of: "data-seconds=\""),
              let end = page[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(page[start.upperBound..<end])
    }

    /// The first `td` text of the headline's row `figure`.
    static func cell(_ figure: String, in page: String) -> String? {
        guard let row = page.range(of: "data-figure=\"\(figure)\""),
              let start = page[row.upperBound...].range(of: "<td class=\"num\""),
              let open = page[start.upperBound...].firstIndex(of: ">"),
              let end = page[open...].range(of: "</td>") else { return nil }
        return String(page[page.index(after: open)..<end.lowerBound])
    }

    @Test func withoutAnyJiraHistoryTheOverviewSaysWhatIsMissingAndHowToGetIt() throws {
        let (_, browser) = try signedIn()
        let page = browser.get("/ui/")
        #expect(page.status == 200)
        #expect(page.text.contains("id=\"flow-headline-missing\""))
        #expect(page.text.contains("worksupport-harvest --source jira"))
        #expect(!page.text.contains("id=\"flow-headline\""))
    }

    @Test func theFlowHeadlineShowsTheAPIsFiguresOverTheLast90Days() throws {
        let (fixture, browser) = try signedIn()
        try Self.insert(fixture, "F-1", created: 40, started: 30, done: 29)      // cycle 1 day
        try Self.insert(fixture, "F-2", created: 40, started: 20, done: 18)      // 2 days
        try Self.insert(fixture, "F-3", created: 40, started: 14, done: 10)      // 4 days
        try Self.insert(fixture, "F-OLD", created: 300, started: 205, done: 200) // before the window
        try Self.insert(fixture, "F-WIP", created: 10, started: 3, done: nil)
        try Self.insert(fixture, "F-BAD", created: 40, started: 13, done: 12, complete: false)
        try FlowTables.refreshEveryIssue(on: fixture.connection)

        let page = browser.get("/ui/").text
        #expect(page.contains("href=\"/ui/flow\""))
        // Nearest rank over 1, 2 and 4 days: p50 the 2nd, p85 the 3rd.
        #expect(Self.seconds("cycle-p50", in: page) == "172800")
        #expect(Self.seconds("cycle-p85", in: page) == "345600")
        #expect(Self.cell("wip", in: page) == "1")
        #expect(Self.cell("untrusted", in: page) == "1")

        let from = try #require(page.range(of: "data-from=\"").flatMap { start in
            page[start.upperBound...].firstIndex(of: "\"").map { String(page[start.upperBound..<$0]) }
        })
        let api = fixture.get("/api/flow?from=" + from).json
        #expect(api["cycle"]?["count"]?.intValue == 3)
        #expect(Self.seconds("cycle-p50", in: page) == api["cycle"]?["p50"]?.intValue.map(String.init))
        #expect(Self.seconds("cycle-p85", in: page) == api["cycle"]?["p85"]?.intValue.map(String.init))
        #expect(Self.cell("wip", in: page) == api["wip"]?.intValue.map(String.init))
        #expect(Self.cell("untrusted", in: page) == api["untrusted_count"]?.intValue.map(String.init))

        // The four whole ISO weeks before the current one: done issues, trusted or not.
        let today = Int(Self.now.timeIntervalSince1970) / 86_400
        let monday = Double(today - (today + 3) % 7) * 86_400   // 1970-01-01 was a Thursday
        let weeks = fixture.get("/api/flow?from=\(Self.rfc3339(monday - 28 * 86_400))&to=\(Self.rfc3339(monday))").json
        let shown = (Self.cell("throughput", in: page) ?? "").components(separatedBy: " · ").compactMap { Int($0) }
        #expect(shown.count == 4)
        #expect(shown.reduce(0, +) == weeks["done"]?.intValue)
        #expect(shown.reduce(0, +) >= 3)   // F-2, F-3 and F-BAD at least, whatever the weekday
    }

    static func rfc3339(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
