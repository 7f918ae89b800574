import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import Testing
import WorkSupportCore

/// Incidents from the Jira issues matching `dora.incident_jql`.
@Suite struct JiraIncidentHarvestTests {
    @Test func issuesMatchingTheIncidentQueryBecomeIncidentsWithTheirTimes() throws {
        let fixture = try HarvestFixture(issues: 30, members: 2)
        let issue = try #require(fixture.dataset.jiraIssues.first { $0.resolved != nil })
        var environment = HarvestFixture.environment
        environment["WORKSUPPORT_DATABASE_URL"] = fixture.database.url
        let config = try WorkSupportConfig.parse(text: fixture.properties + "\ndora.incident_jql=key = \(issue.key)\n",
                                                 file: "sim.properties", environment: environment)
        let report = try HarvestRunner(config: config, connection: try fixture.database.connect(),
                                       progress: HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet),
                                       sleep: { _ in }).run(HarvestOptions(kind: .manual))
        #expect(report.status == .completed)
        let row = try #require(try fixture.database.connect().query("""
            SELECT source, external_id, created_at, resolved_at, deployment_id FROM incidents
            """).first)
        #expect(try row.get("source") == "jira")
        #expect(try row.get("external_id") == issue.key)
        #expect(try row.get("created_at", as: Date.self) == Date(timeIntervalSince1970: Double(issue.created) / 1000))
        #expect(try row.get("resolved_at", as: Date?.self) == Date(timeIntervalSince1970: Double(issue.resolved!) / 1000))
        #expect(try row.get("deployment_id", as: Int64?.self) == nil)
    }

    @Test func descriptionReferencesAndRepoLabelAreRead() throws {
        let issue: JSONValue = try JSONValue.parse(#"""
            {"key":"OPS-7","fields":{"summary":"Checkout down","created":"2026-03-03T12:00:00.000+0000",
             "resolutiondate":"2026-03-03T13:00:00.000+0000","labels":["sev1","repo:acme/shop"],
             "description":{"type":"doc","content":[{"type":"paragraph","content":[
               {"type":"text","text":"Broken since acme/shop#42 went out with deployment 9006."}]}]}}}
            """#)
        let incident = try #require(JiraIncidentIssue.incident(issue))
        #expect(incident.repo == "acme/shop")
        #expect(incident.pullRequest == "acme/shop#42")
        #expect(incident.deploymentID == "9006")
        #expect(incident.resolvedAt == UpstreamTimestamp.parse("2026-03-03T13:00:00Z"))
    }
}
