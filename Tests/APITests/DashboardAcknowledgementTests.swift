@testable import API
import Foundation
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

/// What ends an acknowledgement (docs/anomalies.md, "Triage"): not the next pass finding the
/// anomaly again as it was, but its details changing, or its resolving and coming back. The
/// passes here are the harvest's own (`AnomalyPass`) over the seeded issues.
@Suite struct DashboardAcknowledgementTests {
    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        try SignedInDashboard.start(function: function)
    }

    func pass(_ fixture: APIFixture) throws {
        try AnomalyPass(connection: fixture.connection, anomaly: AnomalyConfig(), release: ReleaseConfig()).run(now: Date(), runID: nil)
    }

    /// The id of ORPH-1's orphan_parent finding, acknowledged through the page with `note`.
    func acknowledgeOrphan(_ fixture: APIFixture, _ browser: DashboardBrowser, note: String) throws -> Int64 {
        try pass(fixture)
        let id = try fixture.connection.query("SELECT id FROM anomalies WHERE kind = 'orphan_parent' AND issue_key = 'ORPH-1'")[0]
            .get("id", as: Int64.self)
        #expect(browser.get("/ui/anomalies").text.contains("data-anomaly=\"\(id)\""))
        let done = browser.post("/ui/anomalies/acknowledge", from: "/ui/anomalies/\(id)", [("id", String(id)), ("note", note)])
        try #require(done.status == 303)
        return id
    }

    func occurrences(_ fixture: APIFixture, _ id: Int64) throws -> Int {
        try fixture.connection.query("SELECT occurrences FROM anomalies WHERE id = $1", [id])[0].get("occurrences", as: Int.self)
    }

    @Test func acknowledgementHoldsWhileThePassFindsTheAnomalyUnchangedAndEndsWhenItsDetailsChange() throws {
        let (fixture, browser) = try signedIn()
        let id = try acknowledgeOrphan(fixture, browser, note: "parent lives in another project")
        let seen = try occurrences(fixture, id)

        try pass(fixture)
        try pass(fixture)
        #expect(try occurrences(fixture, id) == seen + 2, "both passes found it again")
        #expect(!browser.get("/ui/anomalies").text.contains("data-anomaly=\"\(id)\""), "still off the open list")
        #expect(browser.get("/ui/anomalies?status=acknowledged").text.contains("data-anomaly=\"\(id)\""))

        // The parent it points at changes: a different problem from the one acknowledged.
        try fixture.connection.execute("UPDATE issues SET parent_key = 'GONE-10' WHERE issue_key = 'ORPH-1'")
        try pass(fixture)
        #expect(browser.get("/ui/anomalies").text.contains("data-anomaly=\"\(id)\""), "back on the open list")
        let page = browser.get("/ui/anomalies/\(id)").text
        #expect(page.contains("Was acknowledged by tests"))
        #expect(page.contains("<q>parent lives in another project</q>"), "the old note stays in its history")
        #expect(page.contains("its details changed after it was acknowledged"))
        #expect(page.contains("GONE-9"), "the details that were acknowledged")
        #expect(page.contains("GONE-10"), "the details now")
        let row = try fixture.connection.query("SELECT acknowledgement_end, acknowledged_at IS NULL AS ended FROM anomalies WHERE id = $1", [id])[0]
        #expect(try row.get("acknowledgement_end", as: String.self) == "changed")
        #expect(try row.get("ended", as: Bool.self))
    }

    @Test func anAcknowledgedAnomalyThatResolvesAndComesBackIsOpen() throws {
        let (fixture, browser) = try signedIn()
        let id = try acknowledgeOrphan(fixture, browser, note: "waiting for the move")
        try fixture.connection.execute("UPDATE issues SET parent_key = 'FEAT-1' WHERE issue_key = 'ORPH-1'")
        try pass(fixture)
        #expect(browser.get("/ui/anomalies?status=resolved").text.contains("data-anomaly=\"\(id)\""))

        try fixture.connection.execute("UPDATE issues SET parent_key = 'GONE-9' WHERE issue_key = 'ORPH-1'")
        try pass(fixture)
        #expect(browser.get("/ui/anomalies").text.contains("data-anomaly=\"\(id)\""), "found again with the same details: open")
        let page = browser.get("/ui/anomalies/\(id)").text
        #expect(page.contains("it resolved, then was found again"))
        #expect(page.contains("<q>waiting for the move</q>"))
    }

    @Test func reopeningByHandIsRecordedAndAFreshAcknowledgementHoldsAgain() throws {
        let (fixture, browser) = try signedIn()
        let id = try acknowledgeOrphan(fixture, browser, note: "first look")
        #expect(browser.post("/ui/anomalies/reopen", from: "/ui/anomalies/\(id)", [("id", String(id))]).status == 303)
        #expect(browser.get("/ui/anomalies/\(id)").text.contains("by hand"))
        browser.post("/ui/anomalies/acknowledge", from: "/ui/anomalies/\(id)", [("id", String(id)), ("note", "second look")])
        try pass(fixture)
        let page = browser.get("/ui/anomalies/\(id)").text
        #expect(page.contains("Acknowledged by tests"))
        #expect(page.contains("<q>second look</q>"))
        #expect(!page.contains("by hand"), "an acknowledgement that stands shows no earlier end")
    }
}
