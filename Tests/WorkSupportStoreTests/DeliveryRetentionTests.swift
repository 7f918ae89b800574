import Foundation
import Postgres
import Testing
import WorkSupportStore

@Suite struct DeliveryRetentionTests {
    typealias F = IssueStoreFixtures

    /// Plants `count` deliveries received `daysAgo` days ago (ids `<prefix>-1` …).
    static func plant(_ db: PostgresConnection, _ prefix: String, count: Int = 1, daysAgo: Double,
                      source: String = "github", event: String = "issues", action: String? = "edited",
                      status: String = "applied") throws {
        try db.query("""
            INSERT INTO webhook_deliveries (source, delivery_id, event, action, status, issue_key, received_at, body)
            SELECT $1, $2 || '-' || n, $3, $4, $5, 'KEY-' || n, now() - make_interval(secs => $6::float8 * 86400), '{"pad":"x"}'
            FROM generate_series(1, $7::int) AS n
            """, [source, prefix, event, action, status, daysAgo, count])
    }

    static func deliveryIDs(_ db: PostgresConnection) throws -> Set<String> {
        Set(try db.query("SELECT delivery_id FROM webhook_deliveries").map { try $0.get("delivery_id") as String })
    }

    @Test func oldDeliveriesArePrunedAndFreshOnesKept() throws {
        let f = try F()
        try Self.plant(f.db, "old-applied", count: 3, daysAgo: 31)
        try Self.plant(f.db, "old-ignored", daysAgo: 45, source: "jira", event: "jira:issue_updated", action: nil, status: "ignored")
        try Self.plant(f.db, "fresh-applied", count: 2, daysAgo: 29)
        try Self.plant(f.db, "fresh-ignored", daysAgo: 1, status: "ignored")

        let summary = try DeliveryRetention(connection: f.db, days: 30).prune(now: Date())

        #expect(summary.bySource == ["github": 3, "jira": 1])
        #expect(summary.total == 4)
        #expect(try Self.deliveryIDs(f.db) == ["fresh-applied-1", "fresh-applied-2", "fresh-ignored-1"])
    }

    /// What a replay or the delete guard still needs stays, however old.
    @Test func deliveriesWaitingForAReplayAndAppliedDeletesAreKept() throws {
        let f = try F()
        try Self.plant(f.db, "failed", daysAgo: 400, status: "failed")
        try Self.plant(f.db, "stored", daysAgo: 400, event: "push", action: nil, status: "stored")
        try Self.plant(f.db, "gh-delete", daysAgo: 400, action: "deleted")
        try Self.plant(f.db, "gh-transfer", daysAgo: 400, action: "transferred")
        try Self.plant(f.db, "jira-delete", daysAgo: 400, source: "jira", event: "jira:issue_deleted", action: nil)
        try Self.plant(f.db, "old-applied", daysAgo: 400)
        let retention = DeliveryRetention(connection: f.db, days: 30)

        let summary = try retention.prune(now: Date())

        #expect(summary.total == 1)
        #expect(try Self.deliveryIDs(f.db) == ["failed-1", "stored-1", "gh-delete-1", "gh-transfer-1", "jira-delete-1"])
        #expect(try retention.remaining(before: summary.cutoff) == ["applied": 3, "failed": 1, "stored": 1])
    }

    /// Each batch is its own transaction, and kept rows between them do not stop the walk.
    @Test func pruningDeletesInBatchesEachItsOwnTransaction() throws {
        let f = try F()
        try f.db.execute("""
            CREATE TABLE deletion_log (xid bigint NOT NULL);
            CREATE FUNCTION log_deletion() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN INSERT INTO deletion_log VALUES (txid_current()); RETURN OLD; END $$;
            CREATE TRIGGER log_deletion AFTER DELETE ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION log_deletion();
            """)
        try Self.plant(f.db, "a", count: 120, daysAgo: 60)
        try Self.plant(f.db, "waiting", count: 150, daysAgo: 50, status: "failed")
        try Self.plant(f.db, "b", count: 130, daysAgo: 40)

        let summary = try DeliveryRetention(connection: f.db, days: 30).prune(now: Date(), batchSize: 100)

        #expect(summary.total == 250)
        #expect(try f.db.query("SELECT count(*) AS n FROM webhook_deliveries")[0].get("n") as Int == 150)
        let perTransaction = try f.db.query("SELECT count(*) AS n FROM deletion_log GROUP BY xid ORDER BY xid")
            .map { try $0.get("n") as Int }
        // Candidates 100 at a time in (received_at, id) order: 100 | 20 + 80 kept | 70 kept + 30 | 100.
        #expect(perTransaction == [100, 20, 30, 100])
    }

    @Test func harvestRunRecordsHowManyItPruned() throws {
        let f = try F()
        let run = try f.startRun()
        try Self.plant(f.db, "old", count: 5, daysAgo: 8)
        try Self.plant(f.db, "fresh", count: 2, daysAgo: 6)

        let summary = try DeliveryRetention(connection: f.db, days: 7).prune(now: Date(), recordingIn: run)

        #expect(summary.total == 5)
        #expect(try f.db.query("SELECT deliveries_pruned FROM harvest_runs WHERE id = $1", [run])[0]
                .get("deliveries_pruned") as Int == 5)
    }
}
