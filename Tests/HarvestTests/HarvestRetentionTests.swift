import Foundation
import Harvest
import Postgres
import Testing

/// Each harvest run applies `retention.deliveries_days` and says in its audit row what it pruned.
@Suite struct HarvestRetentionTests {
    @Test func harvestRunPrunesOldDeliveriesAndRecordsTheCount() throws {
        let fixture = try HarvestFixture(issues: 40, members: 2)
        let db = try fixture.database.connect()
        try db.query("""
            INSERT INTO webhook_deliveries (source, delivery_id, event, action, status, received_at, body)
            SELECT 'github', 'd-' || n, 'issues', 'edited', CASE WHEN n <= 4 THEN 'applied' ELSE 'failed' END,
                   now() - CASE WHEN n % 2 = 1 THEN interval '31 days' ELSE interval '29 days' END, '{}'
            FROM generate_series(1, 6) AS n
            """)

        let report = try fixture.harvest()

        let runID = try #require(report.runID)
        #expect(try db.query("SELECT deliveries_pruned FROM harvest_runs WHERE id = $1", [runID])[0]
                .get("deliveries_pruned") as Int == 2)
        // d-1 and d-3 were applied 31 days ago; d-5 is as old but failed, waiting for a replay.
        let left = try db.query("SELECT delivery_id FROM webhook_deliveries ORDER BY delivery_id").map { try $0.get("delivery_id") as String }
        #expect(left == ["d-2", "d-4", "d-5", "d-6"])
    }
}
