import Postgres
import Testing

@Suite struct PostgresSnapshotTests {
    @Test func parsesTheServersTextForm() {
        #expect(PostgresSnapshot(text: "10:20:12,15") == PostgresSnapshot(xmin: 10, xmax: 20, inProgress: [12, 15]))
        #expect(PostgresSnapshot(text: "20:20:") == PostgresSnapshot(xmin: 20, xmax: 20))
        #expect(PostgresSnapshot(text: "10:20:12,15")?.text == "10:20:12,15")
        for bad in ["", "10:20", "20:10:", "10:20:25", "10:20:9", "a:b:", "10:20:12,", "10:20:12:15"] {
            #expect(PostgresSnapshot(text: bad) == nil, "\(bad)")
        }
    }

    @Test func endedMeansBelowXminOrBelowXmaxAndNotRunning() {
        let snapshot = PostgresSnapshot(xmin: 10, xmax: 20, inProgress: [10, 15])
        #expect(snapshot.hasEnded(9))
        #expect(!snapshot.hasEnded(10))
        #expect(snapshot.hasEnded(11))
        #expect(!snapshot.hasEnded(15))
        #expect(!snapshot.hasEnded(20))
    }

    @Test func aLaterSnapshotIncludesAnEarlierOne() {
        let earlier = PostgresSnapshot(xmin: 10, xmax: 20, inProgress: [10, 15])
        #expect(PostgresSnapshot(xmin: 15, xmax: 25, inProgress: [15, 22]).includes(earlier))
        #expect(earlier.includes(earlier))
        // 12 had ended in `earlier` but runs here: taken before it.
        #expect(!PostgresSnapshot(xmin: 10, xmax: 20, inProgress: [10, 12]).includes(earlier))
        #expect(!PostgresSnapshot(xmin: 10, xmax: 18, inProgress: [10]).includes(earlier))
    }
}
