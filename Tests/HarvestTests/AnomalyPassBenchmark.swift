import Foundation
import Postgres
import Testing
import TestKit
import WorkSupportCore
import WorkSupportStore

/// The anomaly pass over `bench/seed-issues.sql` (100k issues by default) with anomalies of
/// every kind planted. Goal: < 2 s per pass once release membership exists. Opt-in: `bench/anomalies.sh` or
/// `WORKSUPPORT_BENCH=1 scripts/run-tests --filter AnomalyPassBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WORKSUPPORT_BENCH"] == "1"))
struct AnomalyPassBenchmark {
    static let count = Int(ProcessInfo.processInfo.environment["WORKSUPPORT_BENCH_ROWS"] ?? "") ?? 100_000

    /// The psql script without its meta-commands, `:n` bound.
    static func seedSQL() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../bench/seed-issues.sql").standardizedFileURL
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\") }.joined(separator: "\n")
            .replacingOccurrences(of: ":n::int", with: "\(count)::int")
    }

    static let plants = """
        UPDATE issues SET issue_type_id = -1 WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1000, 100000, 997) g);
        UPDATE issues SET parent_key = 'GONE-' || issue_key WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1001, 100000, 1009) g);
        UPDATE issues SET fix_versions = '{}', labels = '{work-support}' WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1002, 100000, 1013) g);
        UPDATE issues SET assignee = 'outsider', assignee_member_id = NULL WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1003, 100000, 1019) g);
        UPDATE issues SET updated_at = now() - interval '60 days' WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1004, 100000, 1021) g);
        INSERT INTO issues (issue_key, source, issue_type_id, linked_key, updated_at)
        SELECT 'acme/bench#' || g, 'github', -2, 'BENCH-' || (1000 + g / 2), now() FROM generate_series(1, 200) g;
        """

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The pass a webhook delivery runs, for one story at a time whose assignee flips between a
    /// member and an outsider (so each pass opens or resolves a finding), sorted durations of the
    /// two anomaly calls, without the write between them.
    static func scopedPassMicroseconds(_ pass: AnomalyPass, on db: PostgresConnection) throws -> [Int] {
        var durations: [Int] = []
        for round in 0..<400 {
            let key = "BENCH-\(20_000 + (round % 200) * 301)"
            let assignee = round < 200 ? "outsider" : "acct-1"
            try db.transaction { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                let before = try pass.neighbours(of: [key])
                let read = DispatchTime.now().uptimeNanoseconds
                try db.query("UPDATE issues SET assignee = $2::text, assignee_member_id = CASE WHEN $2::text = 'acct-1' THEN 'm1' END WHERE issue_key = $1",
                             [key, assignee])
                let written = DispatchTime.now().uptimeNanoseconds
                try pass.run(touched: [key], neighboursBefore: before, now: Date())
                let end = DispatchTime.now().uptimeNanoseconds
                durations.append(Int((read - start + end - written) / 1000))
            }
        }
        return durations.sorted()
    }

    @Test func passOverManyIssues() throws {
        let database = try TestDatabase.createMigrated()
        let db = try database.connect()
        try db.execute(try Self.seedSQL())
        try db.execute(Self.plants)
        // As autovacuum would have: visibility map and hint bits set, not left to the first pass.
        try db.execute("VACUUM ANALYZE issues")
        let pass = AnomalyPass(connection: db, anomaly: AnomalyConfig(), release: ReleaseConfig())
        var first = AnomalyPassResult(new: 0, resolved: 0, open: 0)
        let firstTime = try Self.seconds { first = try pass.run(now: Date(), runID: nil) }
        var steady = AnomalyPassResult(new: 0, resolved: 0, open: 0)
        let steadyTime = try Self.seconds { steady = try pass.run(now: Date(), runID: nil) }
        try db.execute("UPDATE issues SET fix_versions = '{2026.1}' WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1002, 100000, 1013) g)")
        var changed = AnomalyPassResult(new: 0, resolved: 0, open: 0)
        let changedTime = try Self.seconds { changed = try pass.run(now: Date(), runID: nil) }
        let issues: Int = try db.query("SELECT count(*)::int AS n FROM issues")[0].get("n")
        print("anomaly_pass issues=\(issues) first_seconds=\(String(format: "%.3f", firstTime)) new=\(first.new)"
              + " steady_seconds=\(String(format: "%.3f", steadyTime)) open=\(steady.open)"
              + " after_fix_seconds=\(String(format: "%.3f", changedTime)) resolved=\(changed.resolved) goal_seconds=2")
        let scoped = try Self.scopedPassMicroseconds(pass, on: db)
        print("anomaly_pass_scoped issues=\(issues) passes=\(scoped.count) p50_us=\(scoped[scoped.count / 2])"
              + " p99_us=\(scoped[scoped.count * 99 / 100]) (neighbours before the write + pass after it, one issue)")
        #expect(first.new > 0)
        #expect(steady.new == 0 && steady.open == first.open)
        #expect(changed.resolved > 0)
        // The first pass also populates all 100k memberships, once per database.
        #expect(max(steadyTime, changedTime) < 2)
    }
}
