import Foundation
import JSON
import Testing

/// A run's Slack counts and what its retention pruned, as the audit row has them, in
/// `GET /api/harvest/runs`, `GET /api/harvest/runs/{id}` and on the runs pages.
@Suite struct HarvestRunAuditCountsTests {
    static let recorded = """
        UPDATE harvest_runs SET slack_messages_fetched = 312, slack_messages_written = 301, slack_messages_deleted = 2,
            slack_messages_pruned = 7, slack_channels_skipped = 1, deliveries_pruned = 40, pushes_pruned = 5
        WHERE id = 2
        """
    static let expected: [(String, Int)] = [
        ("slack_messages_fetched", 312), ("slack_messages_written", 301), ("slack_messages_deleted", 2),
        ("slack_messages_pruned", 7), ("slack_channels_skipped", 1), ("deliveries_pruned", 40), ("pushes_pruned", 5),
    ]

    @Test func runListAndRunDetailCarryTheSlackAndRetentionCounts() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute(Self.recorded)
        let runs = try #require(fixture.get("/api/harvest/runs").json["runs"]?.arrayValue)
        let listed = try #require(runs.first { $0["id"] == 2 })
        let other = try #require(runs.first { $0["id"] == 1 })
        let detail = fixture.get("/api/harvest/runs/2").json
        for (name, value) in Self.expected {
            #expect(listed[name]?.intValue == value, "\(name)")
            #expect(detail[name]?.intValue == value, "\(name)")
            // A run that collected no Slack says 0, not null.
            #expect(other[name]?.intValue == 0, "\(name)")
        }
    }

    @Test func runsPagesShowTheSlackCounts() throws {
        let (fixture, browser) = try SignedInDashboard.start()
        try fixture.connection.execute(Self.recorded)
        let list = browser.get("/ui/runs").text
        #expect(list.contains("<th class=\"num\">Slack messages</th>"))
        let start = try #require(list.range(of: "data-run=\"2\""))
        let end = try #require(list[start.upperBound...].range(of: "</tr>"))
        // The Slack column is the row's last cell.
        #expect(list[start.upperBound..<end.lowerBound].hasSuffix("<td class=\"num\">312</td>"))
        let page = browser.get("/ui/runs/2").text
        for (label, value) in [("Slack messages fetched", 312), ("Slack messages written", 301), ("Slack messages deleted", 2),
                               ("Slack messages pruned", 7), ("Slack channels skipped", 1), ("deliveries pruned", 40),
                               ("pushes pruned", 5)] {
            #expect(page.contains("<dt>\(label)</dt><dd>\(value)</dd>"), "\(label)")
        }
    }
}
