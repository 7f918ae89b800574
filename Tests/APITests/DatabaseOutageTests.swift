import API
import JSON
import Postgres
import TestKit
import Testing

/// The database goes away under a running application (its backend is terminated and the
/// database refuses new connections) and comes back, with no restart in between.
@Suite struct DatabaseOutageTests {
    /// ALTER DATABASE cannot target the database the session is in, so this runs from `postgres`.
    func admin() throws -> PostgresConnection {
        try PostgresConnection(url: try TestDatabase.adminURL() + " dbname=postgres")
    }

    func takeDatabaseDown(_ fixture: APIFixture) throws {
        try admin().execute("ALTER DATABASE \(fixture.database.name) WITH ALLOW_CONNECTIONS false")
        for pid in try fixture.applicationBackends() {
            try fixture.connection.query("SELECT pg_terminate_backend($1, 5000)", [pid])
        }
    }

    func bringDatabaseBack(_ fixture: APIFixture) throws {
        try admin().execute("ALTER DATABASE \(fixture.database.name) WITH ALLOW_CONNECTIONS true")
    }

    @Test func healthIsOkWithLastHarvest() throws {
        let fixture = try APIFixture()
        let health = fixture.get("/health", key: .some(nil))
        #expect(health.status == 200)
        #expect(health.json["status"] == "ok")
        #expect(health.json["database"] == "ok")
        #expect(health.json["last_harvest"]?["id"] == 4)
        #expect(health.json["last_harvest"]?["status"] == "running")
    }

    @Test func dashboardPagesAnswerA503PageWhileTheDatabaseIsDownAndResumeAfter() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        #expect(browser.logIn(key: fixture.key).status == 303)
        try takeDatabaseDown(fixture)
        let page = browser.get("/ui/anomalies")
        #expect(page.status == 503)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Retry-After") == "1")
        #expect(page.text.contains("Database unavailable"))
        try bringDatabaseBack(fixture)
        fixture.clock.advance(milliseconds: 1000)
        #expect(browser.get("/ui/anomalies").status == 200, "the same session, no new sign-in")
    }

    @Test func dbRoutesAnswer503AndHealthSaysWhy() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/issues/PV-1").status == 200)
        try takeDatabaseDown(fixture)
        let issue = fixture.get("/api/issues/PV-1")
        #expect(issue.status == 503)
        #expect(issue.errorCode == "database_unavailable")
        #expect(issue.header("retry-after") == "1")
        let health = fixture.get("/health", key: .some(nil))
        #expect(health.status == 503)
        #expect(health.json["status"] == "degraded")
        #expect(health.json["database"]?.stringValue?.hasPrefix("unavailable: ") == true)
    }

    @Test func whileDownConnectsAreThrottled() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/anomalies").status == 200)
        try takeDatabaseDown(fixture)
        #expect(fixture.get("/api/anomalies").status == 503)
        let attempts = { fixture.counters.totals()[MetricLayout.databaseConnectAttempts] }
        let before = attempts()
        fixture.clock.advance(milliseconds: 100)
        #expect(fixture.get("/api/anomalies").status == 503)
        #expect(fixture.get("/health", key: .some(nil)).status == 503)
        #expect(attempts() == before, "no new connect within the retry interval")
        fixture.clock.advance(milliseconds: 500)
        #expect(fixture.get("/api/anomalies").status == 503)
        #expect(attempts() == before + 1)
    }

    @Test func recoversWhenTheDatabaseReturns() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/issues/PV-1").status == 200)
        try takeDatabaseDown(fixture)
        #expect(fixture.get("/api/issues/PV-1").status == 503)
        try bringDatabaseBack(fixture)
        fixture.clock.advance(milliseconds: 600)
        #expect(fixture.get("/api/issues/PV-1").status == 200)
        #expect(fixture.get("/health", key: .some(nil)).json["database"] == "ok")
    }

    @Test func aDroppedConnectionIsReopenedWithoutAFailedRequest() throws {
        let fixture = try APIFixture()
        #expect(fixture.get("/api/issues/PV-1").status == 200)
        for pid in try fixture.applicationBackends() {
            try fixture.connection.query("SELECT pg_terminate_backend($1, 5000)", [pid])
        }
        #expect(fixture.get("/api/issues/PV-1").status == 200)
    }

    @Test func unreachableServerAtStartIs503() throws {
        let config = try APIFixture.config(url: "host=/nonexistent-socket-dir dbname=x", startCommand: nil)
        let app = APIApplication(config: config)
        let response = TestResponse(app.handle(APIRequest(method: "GET", path: "/health")))
        #expect(response.status == 503)
        #expect(response.json["database"]?.stringValue?.hasPrefix("unavailable: ") == true)
    }
}
