import Foundation
import Postgres
import Testing
import WorkSupportStore

/// Push ranges go with retention.deliveries_days, except those a production deployment may still
/// take its range from (docs/dora.md, "Pushes").
@Suite struct BranchPushRetentionTests {
    typealias F = IssueStoreFixtures

    /// A push `after` (from `before`) of `repo` received `daysAgo` days ago.
    static func push(_ db: PostgresConnection, _ repo: String, _ before: String, _ after: String, daysAgo: Double) throws {
        try db.query("""
            INSERT INTO branch_pushes (repo, branch, before_sha, after_sha, commits, forced, complete, received_at)
            VALUES ($1, 'main', $2, $3, ARRAY[$3], false, true, now() - make_interval(secs => $4::float8 * 86400))
            """, [repo, before, after, daysAgo])
    }

    /// A successful production deployment of `sha` finished `daysAgo` days ago.
    static func deployment(_ db: PostgresConnection, _ repo: String, _ sha: String, daysAgo: Double, changes: String) throws {
        try db.query("""
            INSERT INTO deployments (source, external_id, repo, environment, is_production, sha, status, created_at,
                                     finished_at, changes_state, raw)
            VALUES ('github', $1 || '@' || $2, $1, 'production', true, $2, 'success',
                    now() - make_interval(secs => $3::float8 * 86400), now() - make_interval(secs => $3::float8 * 86400),
                    $4, '{}')
            """, [repo, sha, daysAgo, changes])
    }

    static func remaining(_ db: PostgresConnection) throws -> Set<String> {
        Set(try db.query("SELECT repo || ':' || after_sha AS push FROM branch_pushes").map { try $0.get("push") as String })
    }

    @Test func oldPushesBeforeTheLatestRangedDeploymentGoAndTheNextDeploymentsChainStays() throws {
        let f = try F()
        try Self.deployment(f.db, "acme/shop", "s2", daysAgo: 20, changes: "known")
        try Self.push(f.db, "acme/shop", "s0", "s1", daysAgo: 30)     // shipped by the deployment of s2
        try Self.push(f.db, "acme/shop", "s1", "s2", daysAgo: 25)
        try Self.push(f.db, "acme/shop", "s2", "s3", daysAgo: 10)     // past retention, but the next deployment chains from s2
        try Self.push(f.db, "acme/shop", "s3", "s4", daysAgo: 1)
        try Self.push(f.db, "acme/idle", "i0", "i1", daysAgo: 30)     // a repo never deployed: no range to give

        let pruned = try BranchPushRetention(connection: f.db, days: 7).prune(now: Date())

        #expect(pruned == 3)
        #expect(try Self.remaining(f.db) == ["acme/shop:s3", "acme/shop:s4"])
    }

    @Test func aRepoWithAPendingRangeKeepsEveryPush() throws {
        let f = try F()
        try Self.deployment(f.db, "acme/shop", "s2", daysAgo: 40, changes: "known")
        try Self.deployment(f.db, "acme/shop", "s4", daysAgo: 20, changes: "pending")
        try Self.push(f.db, "acme/shop", "s2", "s3", daysAgo: 30)
        try Self.push(f.db, "acme/shop", "s3", "s4", daysAgo: 25)

        #expect(try BranchPushRetention(connection: f.db, days: 7).prune(now: Date()) == 0)
        #expect(try Self.remaining(f.db) == ["acme/shop:s3", "acme/shop:s4"])

        // Once the harvest's compare settles it, the chain has done its work.
        try f.db.execute("UPDATE deployments SET changes_state = 'known'")
        #expect(try BranchPushRetention(connection: f.db, days: 7).prune(now: Date()) == 2)
        #expect(try Self.remaining(f.db).isEmpty)
    }

    @Test func pruningGoesOnPastOneBatchAndTheRunRecordsTheCount() throws {
        let f = try F()
        let run = try f.startRun()
        for n in 0..<5 { try Self.push(f.db, "acme/idle", "i\(n)", "i\(n + 1)", daysAgo: 8 + Double(n)) }
        try Self.push(f.db, "acme/idle", "i5", "i6", daysAgo: 6)

        let retention = BranchPushRetention(connection: f.db, days: 7)
        #expect(try retention.prune(now: Date(), batchSize: 2) == 5)
        #expect(try Self.remaining(f.db) == ["acme/idle:i6"])

        try Self.push(f.db, "acme/idle", "i6", "i7", daysAgo: 9)
        #expect(try retention.prune(now: Date(), recordingIn: run) == 1)
        #expect(try f.db.query("SELECT pushes_pruned FROM harvest_runs WHERE id = $1", [run])[0].get("pushes_pruned") as Int == 1)
    }
}
