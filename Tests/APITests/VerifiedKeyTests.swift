@testable import API
import Postgres
import Testing

/// Reads on remembered keys (`VerifiedKeyCache`): used only while every change to `api_keys`
/// that could end a key's use is heard, so a revocation still refuses the next request.
@Suite struct VerifiedKeyTests {
    static func hits(_ fixture: APIFixture) -> UInt64 { fixture.counters.totals()[MetricLayout.apiKeyCacheHits] }

    @Test func theSecondLookupWithAKeyUsesTheRememberedKey() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/issues/FEAT-1").status == 200)
        #expect(Self.hits(fixture) == 0)
        let second = fixture.get("/api/issues/FEAT-1")
        #expect(second.status == 200)
        #expect(second.json["issue_key"]?.stringValue == "FEAT-1")
        #expect(fixture.get("/api/issues/NOPE-1").status == 404)
        #expect(Self.hits(fixture) == 2)
        // A bad key is never remembered, and is refused each time.
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1", key: "wsk_not-a-key").status == 401) }
        #expect(Self.hits(fixture) == 2)
    }

    @Test func aKeyRevokedAfterLookupsIsRefusedOnTheNextOne() throws {
        let fixture = try APIFixture()
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1").status == 200) }
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
        #expect(Self.hits(fixture) == 1)
    }

    @Test func aRevocationCountsFromItsCommit() throws {
        let fixture = try APIFixture()
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1").status == 200) }
        try fixture.connection.execute("BEGIN")
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 200, "not revoked until committed")
        try fixture.connection.execute("COMMIT")
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
    }

    @Test func deletedAndRenamedKeysAreForgotten() throws {
        let fixture = try APIFixture()
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1").status == 200) }
        try fixture.connection.execute("UPDATE api_keys SET name = 'renamed' WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 200)
        #expect(Self.hits(fixture) == 1, "checked in the database again after the rename")
        try fixture.connection.execute("DELETE FROM api_keys WHERE name = 'renamed'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
    }

    /// The batched `last_used_at` write is not a change that ends a key's use.
    @Test func recordingUseKeepsTheRememberedKey() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/issues/FEAT-1").status == 200)
        fixture.app.flush()
        #expect(fixture.get("/api/issues/FEAT-1").status == 200)
        #expect(Self.hits(fixture) == 1)
    }

    /// A new server session may have missed a revocation: nothing remembered is used in it.
    @Test func aKeyRevokedWhileTheSessionWasLostIsRefused() throws {
        let fixture = try APIFixture()
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1").status == 200) }
        for pid in try fixture.applicationBackends() {
            try fixture.connection.execute("SELECT pg_terminate_backend(\(pid))")
        }
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
    }

    @Test func otherReadsUseTheRememberedKeyToo() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/anomalies").status == 200)
        #expect(fixture.get("/api/issues/keys?source=jira").status == 200)
        #expect(fixture.get("/api/issues/FEAT-1").status == 200)
        #expect(Self.hits(fixture) == 2)
        // A write is checked in the database each time.
        #expect(fixture.request("POST", "/api/harvest/reload").status == 202)
        #expect(Self.hits(fixture) == 2)
    }

    @Test func aRevokedKeyIsRefusedOnEveryKindOfRead() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/anomalies").status == 200)
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/keys?source=jira").status == 401)
        #expect(fixture.get("/api/issues/hierarchy").status == 401)
        #expect(fixture.get("/api/harvest/runs").status == 401)
        #expect(Self.hits(fixture) == 0)
    }

    /// A read that fails before any statement heard nothing: its key is checked in the database
    /// before the error goes out, so a revoked key gets 401, not 400.
    @Test func aReadThatRunsNoStatementChecksTheKeyBeforeItsError() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/anomalies").status == 200)
        #expect(fixture.get("/api/issues/keys?limit=0").status == 400, "still active: the error itself")
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/keys?limit=0").status == 401)
        #expect(Self.hits(fixture) == 0)
    }

    /// Without the trigger (a database not yet at migration 0017, or the trigger disabled) no
    /// key change would be heard: nothing is remembered, every read checks its key.
    @Test func noKeyIsRememberedWhileKeyChangesAreNotAnnounced() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed")
        for _ in 0..<2 { #expect(fixture.get("/api/issues/FEAT-1").status == 200) }
        #expect(fixture.get("/api/anomalies").status == 200)
        #expect(Self.hits(fixture) == 0)
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.get("/api/issues/FEAT-1").status == 401)
    }

    @Test func theCacheStaysSmallAndCountsItsEmptyings() {
        var cache = VerifiedKeyCache()
        for index in 0..<VerifiedKeyCache.capacity { cache.remember(hash: "h\(index)", key: .init(keyID: Int64(index), keyName: "k")) }
        #expect(cache.count == VerifiedKeyCache.capacity)
        cache.remember(hash: "h0", key: .init(keyID: 0, keyName: "again"))
        #expect(cache.count == VerifiedKeyCache.capacity, "a known key replaces itself")
        cache.remember(hash: "new", key: .init(keyID: 99, keyName: "new"))
        #expect(cache.count == 1)
        #expect(cache.key(hash: "new")?.keyID == 99)
        #expect(cache.generation == 0)
        cache.forgetAll()
        #expect(cache.key(hash: "new") == nil)
        #expect(cache.generation == 1)
    }
}
