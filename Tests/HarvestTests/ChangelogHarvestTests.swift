import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import Testing
import TestKit
import WorkSupportStore

/// Histories end to end: simulator → harvest → `issue_transitions` → the gold views, checked
/// against the manifest's `flow` answers.
@Suite struct ChangelogHarvestTests {
    /// Per issue, the gold view's figures in the manifest's shape.
    static func storedFlow(_ fixture: HarvestFixture) throws -> [String: JSONObject] {
        let rows = try fixture.database.connect().query("""
            SELECT json_build_object(
                'issue_key', f.issue_key,
                'first_in_progress_at', to_char(f.first_in_progress_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'done_at', to_char(f.done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'cycle_seconds', f.cycle_seconds, 'lead_seconds', f.lead_seconds, 'reopen_count', f.reopen_count,
                'problems', to_json(f.problems),
                'transitions', (SELECT count(*) FROM issue_transitions t WHERE t.issue_key = f.issue_key AND t.field = 'status'),
                'seconds_in_status', (SELECT coalesce(json_object_agg(status, seconds), '{}') FROM
                    (SELECT status, sum(seconds) AS seconds FROM issue_status_intervals s
                     WHERE s.issue_key = f.issue_key GROUP BY status ORDER BY status) x)
            )::text AS doc FROM issue_flow f
            """)
        var result: [String: JSONObject] = [:]
        for row in rows {
            let text: PostgresJSONText = try row.get("doc")
            guard let object = try JSONValue.parse(text.text).objectValue else { continue }
            result[object["issue_key"]?.stringValue ?? ""] = object
        }
        return result
    }

    /// Fields that differ (numbers compared to the millisecond).
    static func differences(_ fixture: HarvestFixture) throws -> [String] {
        let stored = try storedFlow(fixture)
        var problems: [String] = []
        let expected = fixture.manifest["flow"]?["issues"]?.arrayValue ?? []
        #expect(expected.count == stored.count)
        for want in expected {
            let key = want["issue_key"]?.stringValue ?? ""
            guard let have = stored[key] else { problems.append("missing \(key)"); continue }
            for (field, value) in want.objectValue ?? [:] where !Self.same(value, have[field] ?? .null) {
                problems.append("\(key).\(field): manifest \(value), stored \(have[field] ?? .null)")
            }
        }
        return problems
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return abs(x - y) < 0.0005 }
        if case .object(let x) = a, case .object(let y) = b {
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0] ?? .null, y[$0] ?? .null) }
        }
        return a == b
    }

    static func runCounts(_ fixture: HarvestFixture, _ runID: Int64?) throws -> (fetched: Int, inserted: Int) {
        let row = try fixture.database.connect().query(
            "SELECT transitions_fetched, transitions_inserted FROM harvest_runs WHERE id = $1", [runID])[0]
        return (try row.get("transitions_fetched"), try row.get("transitions_inserted"))
    }

    static func plantKey(_ fixture: HarvestFixture, _ text: String) -> String? {
        fixture.dataset.jiraIssues.first { $0.flowPlant?.text.hasPrefix(text) == true }?.key
    }

    @Test func fullHarvestStoresEveryHistoryAndTheGoldFiguresMatchTheManifest() throws {
        let fixture = try HarvestFixture()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .completed)
        #expect(try Self.differences(fixture) == [])
        let db = try fixture.database.connect()
        let rows: Int = try db.query("SELECT count(*)::int AS n FROM issue_transitions")[0].get("n")
        let counts = try Self.runCounts(fixture, report.runID)
        #expect(counts.fetched == rows && counts.inserted == rows && rows > 0)
        let assignees: Int = try db.query("SELECT count(*)::int AS n FROM issue_transitions WHERE field = 'assignee'")[0].get("n")
        #expect(assignees > 0)
        let long = try #require(Self.plantKey(fixture, "long"))
        let longRows: Int = try db.query("SELECT count(*)::int AS n FROM issue_transitions WHERE issue_key = $1", [long])[0].get("n")
        #expect(longRows > 100)
        let moved = try #require(Self.plantKey(fixture, "moved:"))
        let movedRows: Int = try db.query("SELECT count(*)::int AS n FROM issue_transitions WHERE issue_key = $1", [moved])[0].get("n")
        #expect(movedRows > 0, "a moved issue's whole history is under its current key")
        let unknown = try #require(Self.plantKey(fixture, "unknown_status"))
        let categories: [String] = try db.query(
            "SELECT to_category FROM issue_transitions WHERE issue_key = $1 AND field = 'status' ORDER BY history_order",
            [unknown]).map { try $0.get("to_category") }
        #expect(categories == ["unknown", "done"])
    }

    @Test func secondRunFetchesNoHistoryWhenNothingChanged() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        fixture.server.requestLog.clear()
        let second = try fixture.harvest(HarvestOptions(kind: .manual))
        let counts = try Self.runCounts(fixture, second.runID)
        #expect(counts.fetched == 0 && counts.inserted == 0)
        #expect(!fixture.server.requestLog.entries().contains { $0.path.contains("changelog") })
    }

    @Test func withoutBulkfetchEveryHistoryComesThroughThePerIssueEndpoint() throws {
        let fixture = try HarvestFixture(faults: try FaultPlan.parse("bulk-changelog=off"))
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .completed)
        #expect(try Self.differences(fixture) == [])
        let log = fixture.server.requestLog.entries()
        #expect(log.filter { $0.path.hasSuffix("/bulkfetch") }.map(\.status) == [404], "asked once, then not again")
        #expect(log.filter { $0.path.hasSuffix("/changelog") }.count >= (fixture.manifest["counts"]?["jira"]?.intValue ?? 0))
    }

    @Test func historyFailingAfterRetriesIsAHarvestErrorAndAnIncompleteFlowUntilTheNextRun() throws {
        let fixture = try HarvestFixture()
        let victim = try #require(fixture.manifest["flow"]?["issues"]?.arrayValue?.first {
            ($0["transitions"]?.intValue ?? 0) > 0 && $0["problems"]?.arrayValue?.isEmpty == true
        }?["issue_key"]?.stringValue)
        fixture.server.setFaultPlan(try FaultPlan.parse("changelog-fail=\(victim)"))
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .partial)
        let db = try fixture.database.connect()
        let errors: [String] = try db.query("SELECT item_key FROM harvest_errors WHERE run_id = $1 AND source = 'jira'",
                                            [report.runID]).map { try $0.get("item_key") }
        #expect(errors == [victim])
        let problems: [String] = try db.query("SELECT problems FROM issue_flow WHERE issue_key = $1", [victim])[0].get("problems")
        #expect(problems == ["history_incomplete"])
        let others: Int = try db.query("SELECT count(*)::int AS n FROM issue_histories WHERE NOT complete")[0].get("n")
        #expect(others == 1, "only the failing issue is incomplete; the rest of its bulkfetch call came per issue")

        fixture.server.setFaultPlan(.none)
        let next = try fixture.harvest(HarvestOptions(kind: .manual))
        #expect(next.status == .completed)
        #expect(try Self.differences(fixture) == [])
    }
}
