import Foundation
import Postgres
import TestKit
import Testing
@testable import WorkSupportStore

/// The flow page's weeks and histogram: every done issue counts in its week's done; only trusted
/// ones in the percentiles and bins, also when an untrusted issue's figures equal a trusted one's.
@Suite struct FlowWeekFiguresTests {
    static let hour = 3600.0

    @Test func untrustedIssuesCountAsDoneButStayOutOfPercentilesAndBins() throws {
        let db = try TestDatabase.createMigrated().connect()
        // (key, done week, done day, cycle hours, lead hours, problems)
        let figures: [(String, String, String, Double?, Double?, String)] = [
            ("T-1", "2026-W10", "2026-03-03", 10, 20, "{}"),
            ("T-2", "2026-W10", "2026-03-04", 30, 40, "{}"),
            ("U-1", "2026-W10", "2026-03-05", 10, 50, "{done_before_started}"),   // its cycle equals T-1's
            ("U-2", "2026-W10", "2026-03-06", nil, 20, "{unknown_status}"),       // its lead equals T-1's
            ("T-3", "2026-W11", "2026-03-10", 100, 120, "{}"),
            ("U-3", "2026-W11", "2026-03-11", 200, 300, "{unknown_from_status}"),
        ]
        for (key, week, day, cycle, lead, problems) in figures {
            try db.query("""
                INSERT INTO issue_flow_figures (issue_key, done_at, done_week, cycle_seconds, lead_seconds, problems)
                VALUES ($1, $2::timestamptz, $3, $4, $5, $6::text[])
                """, [key, day + "T12:00:00Z", week, cycle.map { $0 * Self.hour }, lead.map { $0 * Self.hour }, problems])
        }
        var filter = FlowFilter()
        filter.from = ISO8601DateFormatter().date(from: "2026-03-02T00:00:00Z")
        let queries = FlowQueries(connection: db)
        let (weeks, bins) = try queries.weekRows(try queries.issueParameters(filter))
        #expect(weeks == [
            FlowReport.Week(week: "2026-W10", done: 4,
                            cycle: .init(count: 2, p50: 10 * Self.hour, p85: 30 * Self.hour, p95: 30 * Self.hour),
                            lead: .init(count: 2, p50: 20 * Self.hour, p85: 40 * Self.hour, p95: 40 * Self.hour)),
            FlowReport.Week(week: "2026-W11", done: 2,
                            cycle: .init(count: 1, p50: 100 * Self.hour, p85: 100 * Self.hour, p95: 100 * Self.hour),
                            lead: .init(count: 1, p50: 120 * Self.hour, p85: 120 * Self.hour, p95: 120 * Self.hour)),
        ])
        // 10 h under a day, 30 h in 1–2 d, 100 h in 4–7 d; the untrusted 10 h and 200 h in none.
        #expect(bins.map(\.count) == [1, 1, 0, 1, 0, 0, 0, 0])
    }
}
