import API
import JSON
import Postgres
import TestKit
import Testing

/// Keys lists and trees the workers share through the database: served again while current,
/// never once a change they were built without has committed.
@Suite struct SharedDocumentTests {
    func counter(_ fixture: APIFixture, _ index: Int) -> UInt64 { fixture.counters.totals()[index] }

    func storedDocuments(_ fixture: APIFixture) throws -> Int {
        try fixture.connection.query("SELECT count(DISTINCT cache_key) AS n FROM api_document_cache")[0].get("n")
    }

    @Test func aRepeatedRequestIsServedFromTheSharedDocument() throws {
        let fixture = try APIFixture()
        let first = fixture.get("/api/issues/keys?assignee=jdoe")
        let second = fixture.get("/api/issues/keys?assignee=jdoe")
        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(second.body == first.body)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 1)
        #expect(counter(fixture, MetricLayout.documentCacheStores) == 1)
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
        #expect(try storedDocuments(fixture) == 1)
        let metrics = fixture.get("/metrics", key: .some(nil)).text
        #expect(metrics.contains("worksupport_document_cache_hits_total 1\n"))
    }

    @Test func valuesInAnotherOrderNameTheSameDocument() throws {
        let fixture = try APIFixture()
        let first = fixture.get("/api/issues/keys?assignee=jdoe&assignee=asmith")
        let second = fixture.get("/api/issues/keys?assignee=asmith&assignee=jdoe")
        #expect(second.body == first.body)
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
    }

    @Test func otherFiltersAndDepthsAreOtherDocuments() throws {
        let fixture = try APIFixture()
        let jdoe = fixture.get("/api/issues/keys?assignee=jdoe")
        let asmith = fixture.get("/api/issues/keys?assignee=asmith")
        #expect(jdoe.body != asmith.body)
        let deep = fixture.get("/api/issues/hierarchy?root_key=PV-1")
        let shallow = fixture.get("/api/issues/hierarchy?root_key=PV-1&max_depth=1")
        #expect(deep.json["total_count"] != shallow.json["total_count"])
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 0)
        #expect(try storedDocuments(fixture) == 4)
    }

    @Test func aChangeCommittedElsewhereIsSeenByTheNextRequest() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("assignee=jdoe").contains("FEAT-2"))
        #expect(fixture.keys("assignee=jdoe").contains("FEAT-2"))
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
        try fixture.connection.execute("""
            UPDATE issues SET assignee = 'acc-asmith', assignee_member_id = 'asmith' WHERE issue_key = 'FEAT-2'
            """)
        #expect(!fixture.keys("assignee=jdoe").contains("FEAT-2"))
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 2)
        // The document built after the change is shared in turn.
        #expect(!fixture.keys("assignee=jdoe").contains("FEAT-2"))
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 2)
    }

    /// A transaction that began before the change and ends after the document was rebuilt (a
    /// long one of another test, in CI) must not make that document look stale afterwards.
    @Test func aDocumentBuiltWhileAnOlderTransactionRanStaysShared() throws {
        let fixture = try APIFixture()
        let older = try fixture.database.connect()
        try older.execute("BEGIN")
        _ = try older.query("SELECT pg_current_xact_id()")
        _ = fixture.keys("assignee=jdoe")
        try fixture.connection.execute("UPDATE issues SET summary = 'Renamed' WHERE issue_key = 'FEAT-2'")
        _ = fixture.keys("assignee=jdoe")
        #expect(counter(fixture, MetricLayout.documentCacheStores) == 2)
        try older.execute("COMMIT")
        _ = fixture.keys("assignee=jdoe")
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 2)
    }

    @Test func treesFollowEditsMemberNamesAndNewHarvests() throws {
        let fixture = try APIFixture()
        let tree = "/api/issues/hierarchy?root_key=FEAT-1"
        #expect(fixture.get(tree).json["hierarchy"]?[0]?["summary"] == "Summary of FEAT-1")
        try fixture.connection.execute("UPDATE issues SET summary = 'Renamed' WHERE issue_key = 'FEAT-1'")
        #expect(fixture.get(tree).json["hierarchy"]?[0]?["summary"] == "Renamed")
        try fixture.connection.execute("UPDATE team_members SET name = 'Anna S.' WHERE member_id = 'asmith'")
        #expect(fixture.get(tree).json["hierarchy"]?[0]?["assignee_name"] == "Anna S.")
        try fixture.connection.execute("""
            INSERT INTO harvest_runs (kind, trigger, status, started_at, finished_at)
            VALUES ('scheduled', 'timer', 'completed', '2026-02-01T10:00:00Z', '2026-02-01T10:02:00Z')
            """)
        #expect(fixture.get(tree).json["harvested_at"] == "2026-02-01T10:02:00Z")
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 0)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 4)
    }

    /// Notifications sent while the worker's session was gone are lost with it; the new session
    /// must not trust what was stored before it began listening.
    @Test func aChangeMadeWhileTheSessionWasLostIsNotServedStale() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("assignee=jdoe").contains("FEAT-2"))
        for pid in try fixture.applicationBackends() {
            try fixture.connection.query("SELECT pg_terminate_backend($1, 5000)", [pid])
        }
        try fixture.connection.execute("""
            UPDATE issues SET assignee = 'acc-asmith', assignee_member_id = 'asmith' WHERE issue_key = 'FEAT-2'
            """)
        #expect(!fixture.keys("assignee=jdoe").contains("FEAT-2"))
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 0)
    }

    /// A NOTIFY on the channel that names no transaction (sent by hand) still ends the currency
    /// of everything stored before it.
    @Test func aNotificationWithoutATransactionIdEndsCurrencyToo() throws {
        let fixture = try APIFixture()
        _ = fixture.get("/api/issues/keys?assignee=jdoe")
        try fixture.connection.transaction { connection in
            try connection.execute("UPDATE api_keys SET last_used_at = now()")
            try connection.execute("NOTIFY worksupport_data_changed, 'by hand'")
        }
        _ = fixture.get("/api/issues/keys?assignee=jdoe")
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 0)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 2)
        // Shared again once a document is stored from a snapshot that includes the one taken on
        // listening anew. The third request's lookup snapshot was taken just before that: it
        // does, unless another test's database started a transaction in between (snapshots
        // span the cluster); then the next request stores it. So poll with a deadline.
        let sharedAgain = Deadline.poll(seconds: 10) {
            _ = fixture.get("/api/issues/keys?assignee=jdoe")
            return counter(fixture, MetricLayout.documentCacheHits) >= 1
        }
        #expect(sharedAgain)
    }

    @Test func pagedKeysAreNotShared() throws {
        let fixture = try APIFixture()
        _ = fixture.get("/api/issues/keys?assignee=jdoe&limit=2")
        _ = fixture.get("/api/issues/keys?assignee=jdoe&limit=2")
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 0)
        #expect(try storedDocuments(fixture) == 0)
    }

    @Test func zeroEntriesTurnsTheCacheOff() throws {
        let fixture = try APIFixture(configLines: ["api.document_cache_entries=0"])
        let first = fixture.get("/api/issues/hierarchy")
        let second = fixture.get("/api/issues/hierarchy")
        #expect(first.status == 200)
        #expect(second.body == first.body)
        #expect(counter(fixture, MetricLayout.documentCacheMisses) == 0)
        #expect(try storedDocuments(fixture) == 0)
    }

    @Test func onlyTheNewestEntriesAreKept() throws {
        let fixture = try APIFixture(configLines: ["api.document_cache_entries=2"])
        for member in ["jdoe", "asmith", "nobody"] { _ = fixture.get("/api/issues/keys?assignee=\(member)") }
        #expect(try storedDocuments(fixture) == 2)
        _ = fixture.get("/api/issues/keys?assignee=nobody")
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
    }

    /// A tree of 400 more stories, with summaries of two- and three-byte characters: stored in
    /// pieces of 32,768 characters, read back byte for byte.
    @Test func largeDocumentsComeBackWhole() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("""
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, parent_key, updated_at, created_at,
                                harvested_at, url)
            SELECT 'BULK-' || n, 'jira', repeat('Zürich ✓ größer ', 20) || n, 'To Do', 10101, 'FEAT-1',
                   '2025-12-01Z', '2025-12-01Z', '2026-01-19Z', 'https://example.test/BULK-' || n
            FROM generate_series(1, 400) AS n
            """)
        let first = fixture.get("/api/issues/hierarchy?root_key=FEAT-1")
        let second = fixture.get("/api/issues/hierarchy?root_key=FEAT-1")
        #expect(first.body.count > 100_000)
        #expect(second.body == first.body)
        #expect(first.json["total_count"] == 404)
        #expect(counter(fixture, MetricLayout.documentCacheHits) == 1)
        let parts: Int = try fixture.connection.query("SELECT count(*) AS n FROM api_document_cache")[0].get("n")
        #expect(parts > 3)
    }
}
