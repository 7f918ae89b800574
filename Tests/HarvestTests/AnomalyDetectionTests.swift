import Foundation
import Harvest
import HTTPClient
import JSON
import Postgres
import Testing
import WorkSupportStore

/// The anomaly pass against the simulator's answer manifest: what it plants (and the derived
/// `stale_in_progress`) is exactly what the pass finds, and fixing the data resolves it.
@Suite(.serialized) struct AnomalyDetectionTests {
    @Test func detectionMatchesTheManifestWithFullPrecisionAndRecall() throws {
        let fixture = try HarvestFixture(issues: 1500)
        let report = try fixture.harvestAtManifestNow()
        #expect(report.status == .completed)

        let expected = fixture.expectedAnomalies
        let found = try fixture.openAnomalies()
        let truePositives = found.intersection(expected).count
        let precision = found.isEmpty ? 1 : Double(truePositives) / Double(found.count)
        let recall = expected.isEmpty ? 1 : Double(truePositives) / Double(expected.count)
        print("anomaly detection: expected=\(expected.count) found=\(found.count) precision=\(precision * 100)% recall=\(recall * 100)%")
        #expect(Set(expected.map(\.kind)).count >= 7, "the manifest should cover every planted kind and stale_in_progress")
        #expect(found.subtracting(expected).sorted(by: { $0.description < $1.description }) == [], "false positives")
        #expect(expected.subtracting(found).sorted(by: { $0.description < $1.description }) == [], "missed")
        #expect(precision == 1)
        #expect(recall == 1)

        let audit = try #require(try fixture.database.connect().query(
            "SELECT anomalies_new, anomalies_resolved, anomalies_open FROM harvest_runs WHERE id = $1", [report.runID]).first)
        #expect(try audit.get("anomalies_new", as: Int.self) == expected.count)
        #expect(try audit.get("anomalies_resolved", as: Int.self) == 0)
        #expect(try audit.get("anomalies_open", as: Int.self) == expected.count)
    }

    @Test func fixingTheDataUpstreamResolvesEveryAnomalyOnTheNextRun() throws {
        let fixture = try HarvestFixture(issues: 1500)
        _ = try fixture.harvestAtManifestNow()
        let expected = fixture.expectedAnomalies
        #expect(try fixture.openAnomalies() == expected)

        let issues = fixture.manifestIssues
        let feature = try #require(issues.values.first { $0["issue_type_id"]?.intValue == 10000 }?["issue_key"]?.stringValue)
        let productVersion = try #require(issues.values.first { $0["issue_type_id"]?.intValue == 10004 && $0["parent_key"] == .null }?["issue_key"]?.stringValue)
        for finding in expected.sorted(by: { $0.description < $1.description }) {
            let fix: String
            switch finding.kind {
            case "unknown_issue_type": fix = #"{"issuetype":"Story"}"#
            case "type_hierarchy_violation": fix = #"{"parent":"\#(feature)"}"#
            case "orphan_parent":
                // A root type loses its parent; a Feature or Story moves under a real one.
                switch issues[finding.issueKey]?["issue_type_id"]?.intValue {
                case 10004: fix = #"{"parent":null}"#
                case 10000: fix = #"{"parent":"\#(productVersion)"}"#
                default: fix = #"{"parent":"\#(feature)"}"#
                }
            case "story_without_epic": fix = #"{"parent":"\#(feature)"}"#
            case "missing_release": fix = #"{"fixVersions":["2026.4"]}"#
            case "unassigned_member": fix = #"{"assignee":null}"#
            case "stale_in_progress": fix = issues[finding.issueKey]?["source"] == "github" ? #"{"state":"closed"}"# : #"{"status":"Done"}"#
            case "duplicate_github_link": fix = #"{"title":"unlinked","body":""}"#
            default: Issue.record("no fix for \(finding)"); continue
            }
            let answer = try fixture.simulator("PATCH", HarvestFixture.simPath(finding.issueKey), body: fix)
            #expect(answer.status == 200, "PATCH \(finding): \(String(decoding: answer.body, as: UTF8.self))")
        }

        let rerun = try fixture.harvestAtManifestNow(HarvestOptions(fullReload: true, kind: .manual))
        #expect(rerun.status == .completed)
        #expect(try fixture.openAnomalies() == [])
        let audit = try #require(try fixture.database.connect().query(
            "SELECT anomalies_new, anomalies_resolved, anomalies_open FROM harvest_runs WHERE id = $1", [rerun.runID]).first)
        #expect(try audit.get("anomalies_new", as: Int.self) == 0)
        #expect(try audit.get("anomalies_resolved", as: Int.self) == expected.count)
        #expect(try audit.get("anomalies_open", as: Int.self) == 0)
    }

    @Test func aReappearingAnomalyReopensItsRow() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvestAtManifestNow()
        let planted = try #require(fixture.expectedAnomalies.first { $0.kind == "missing_release" })
        let path = HarvestFixture.simPath(planted.issueKey)

        #expect(try fixture.simulator("PATCH", path, body: #"{"fixVersions":["2026.4"]}"#).status == 200)
        _ = try fixture.harvestAtManifestNow(HarvestOptions(fullReload: true, kind: .manual))
        #expect(try fixture.simulator("PATCH", path, body: #"{"fixVersions":[]}"#).status == 200)
        let third = try fixture.harvestAtManifestNow(HarvestOptions(fullReload: true, kind: .manual))

        let rows = try fixture.database.connect().query("""
            SELECT resolved_at IS NULL AS open, occurrences, first_run_id < last_run_id AS kept_first, last_run_id
            FROM anomalies WHERE kind = 'missing_release' AND issue_key = $1
            """, [planted.issueKey])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.get("open", as: Bool.self))
        #expect(try row.get("occurrences", as: Int.self) == 2)
        #expect(try row.get("kept_first", as: Bool.self))
        #expect(try row.get("last_run_id", as: Int64.self) == third.runID)
        let audit = try #require(try fixture.database.connect().query(
            "SELECT anomalies_new FROM harvest_runs WHERE id = $1", [third.runID]).first)
        #expect(try audit.get("anomalies_new", as: Int.self) == 1)
    }
}

/// Releases from the simulator's versions endpoint, and membership by fixVersion, label or parent.
@Suite struct ReleaseHarvestTests {
    @Test func harvestStoresTheVersionsOfHarvestedProjects() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvestAtManifestNow()
        let rows = try fixture.database.connect().query(
            "SELECT project_key || ' ' || name || ' ' || released::text AS v FROM releases ORDER BY project_key, name")
        let versions = try rows.map { try $0.get("v") as String }
        #expect(versions == ["WSA 2025.4 true", "WSA 2026.1 true", "WSA 2026.2 true", "WSA 2026.3 false", "WSA 2026.4 false",
                             "WSB 2025.4 true", "WSB 2026.1 true", "WSB 2026.2 true", "WSB 2026.3 false", "WSB 2026.4 false"])
    }

    @Test func everyTreeIssueBelongsToARelease() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvestAtManifestNow()
        let db = try fixture.database.connect()
        // The simulator gives every tree issue a fixVersion or a release label except the
        // missing_release plants, which still inherit their parent's.
        let outside: Int = try db.query("""
            SELECT count(*)::int AS n FROM issues i WHERE i.source = 'jira'
              AND NOT EXISTS (SELECT 1 FROM issue_releases m WHERE m.issue_key = i.issue_key)
            """)[0].get("n")
        #expect(outside == 0)
        let plants = fixture.expectedAnomalies.filter { $0.kind == "missing_release" }.map(\.issueKey)
        let inherited: Int = try db.query(
            "SELECT count(DISTINCT issue_key)::int AS n FROM issue_releases WHERE via = 'parent' AND issue_key = ANY($1)",
            [plants])[0].get("n")
        #expect(inherited == plants.count)
    }
}
