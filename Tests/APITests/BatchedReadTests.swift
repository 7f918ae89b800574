@testable import API
import Postgres
import WorkSupportStore
import Testing

/// Single-issue reads the pool gathered from its listen queue, answered in one statement
/// (`APIApplication.handle(batch:)`): the same answers as one by one, and nothing answered on
/// a key that was revoked.
@Suite struct BatchedReadTests {
    static func batched(_ fixture: APIFixture) -> UInt64 { fixture.counters.totals()[MetricLayout.batchedReads] }

    static func read(_ path: String, method: String = "GET", key: String, query: String = "",
                     headers: [String: String] = [:]) -> APIRequest {
        var all = headers
        all["x-api-key"] = key
        return APIRequest(method: method, path: path, rawQuery: query, headers: all)
    }

    /// Remembers the fixture's key (a first lookup checks it in the database).
    static func rememberKey(_ fixture: APIFixture) {
        #expect(fixture.get("/api/issues/PV-1").status == 200)
    }

    @Test func aBatchAnswersEachReadAsAloneInOrder() throws {
        let fixture = try APIFixture()
        Self.rememberKey(fixture)
        let paths = ["/api/issues/FEAT-1", "/api/issues/NOPE-1", "/api/issues/STORY-2", "/api/issues/FEAT-1",
                     "/api/issues/PV-2"]
        var reads = try paths.map { try #require(fixture.app.batchable(Self.read($0, key: fixture.key))) }
        reads.append(try #require(fixture.app.batchable(Self.read("/api/issues/TASK-1", method: "HEAD", key: fixture.key))))
        let answers = fixture.app.handle(batch: reads).map(TestResponse.init)
        let alone = (paths.map { fixture.get($0) } + [fixture.request("HEAD", "/api/issues/TASK-1")])
        #expect(answers.map(\.status) == [200, 404, 200, 200, 200, 200])
        #expect(answers.map(\.status) == alone.map(\.status))
        #expect(answers.map(\.body) == alone.map(\.body))
        #expect(answers[0].json["issue_key"]?.stringValue == "FEAT-1")
        #expect(answers[2].json["issue_key"]?.stringValue == "STORY-2")
        #expect(answers[1].text.contains("NOPE-1"))
        #expect(answers[5].body.isEmpty, "HEAD has no body")
        #expect(answers[0].headers.contains { $0.0 == "Content-Type" && $0.1.hasPrefix("application/json") })
        #expect(Self.batched(fixture) == 6)
        let metrics = fixture.get("/metrics").text
        #expect(metrics.contains("worksupport_api_batched_reads_total 6"))
    }

    /// Only a plain single-issue read on a remembered key joins a batch.
    @Test func onlyPlainReadsOnRememberedKeysAreBatchable() throws {
        let fixture = try APIFixture()
        let app = fixture.app
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: fixture.key)) == nil, "key not remembered yet")
        Self.rememberKey(fixture)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: fixture.key)) != nil)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: fixture.revokedKey)) == nil)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: "wsk_not-a-key")) == nil)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: fixture.key, query: "x=1")) == nil)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", method: "POST", key: fixture.key)) == nil)
        #expect(app.batchable(Self.read("/api/issues/FEAT-1", key: fixture.key, headers: ["content-length": "5"])) == nil)
        #expect(app.batchable(Self.read("/api/issues/keys", key: fixture.key)) == nil)
        #expect(app.batchable(Self.read("/api/anomalies", key: fixture.key)) == nil)
        #expect(app.batchable(Self.read("/health", key: fixture.key)) == nil)
        #expect(app.batchable(Self.read("/api/issues/%zz", key: fixture.key)) == nil)
    }

    /// Revoked after the reads were gathered: the change comes with the statement's answer,
    /// so each read is checked alone, and refused.
    @Test func aKeyRevokedAfterGatheringIsRefused() throws {
        let fixture = try APIFixture()
        Self.rememberKey(fixture)
        let reads = try ["/api/issues/FEAT-1", "/api/issues/FEAT-2"].map {
            try #require(fixture.app.batchable(Self.read($0, key: fixture.key)))
        }
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(fixture.app.handle(batch: reads).map(\.status) == [401, 401])
        #expect(Self.batched(fixture) == 0)
    }

    /// A read whose key was forgotten between gathering and answering is checked alone. (A key
    /// change heard forgets every key; the read that heard it checked and remembered its own.)
    @Test func aReadWhoseKeyWasForgottenIsAnsweredAlone() throws {
        let fixture = try APIFixture()
        Self.rememberKey(fixture)
        let second = try APIKeyStore(connection: fixture.connection).create(name: "second").key
        #expect(fixture.get("/api/issues/PV-1", key: second).status == 200)
        let reads = try [(fixture.key, "FEAT-1"), (second, "FEAT-2"), (fixture.key, "STORY-1")].map {
            try #require(fixture.app.batchable(Self.read("/api/issues/\($0.1)", key: $0.0)))
        }
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'second'")
        // Heard by the next statement, which forgets every key, then remembers the one it checks.
        #expect(fixture.get("/api/anomalies").status == 200)
        #expect(fixture.app.handle(batch: reads).map(\.status) == [200, 401, 200])
        #expect(Self.batched(fixture) == 2, "the two reads on the key still remembered shared their statement")
    }

    /// With the database gone, a batch is answered as each read alone would be: 503.
    @Test func aBatchWithTheDatabaseGoneGets503() throws {
        let fixture = try APIFixture()
        Self.rememberKey(fixture)
        let reads = try ["/api/issues/FEAT-1", "/api/issues/FEAT-2"].map {
            try #require(fixture.app.batchable(Self.read($0, key: fixture.key)))
        }
        let outage = DatabaseOutageTests()
        try outage.takeDatabaseDown(fixture)
        defer { try? outage.bringDatabaseBack(fixture) }
        let answers = fixture.app.handle(batch: reads).map(TestResponse.init)
        #expect(answers.map(\.status) == [503, 503])
        #expect(answers[0].text.contains("unavailable"))
    }
}
