import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import TestKit
import Testing
import WorkSupportStore

/// The harvester against worksupport-sim: what lands in PostgreSQL is exactly the simulator's
/// answer manifest, and re-running writes nothing.
@Suite struct HarvestFidelityTests {
    @Test func fullHarvestMatchesTheAnswerManifestFieldByField() throws {
        let fixture = try HarvestFixture()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .completed, "\(report)")
        let differences = try fixture.differencesFromManifest()
        let expected = fixture.manifestIssues.count
        let matched = expected - differences.filter { $0.hasPrefix("missing") }.count
        print("harvest fidelity: \(matched)/\(expected) issues, \(differences.count) differences")
        #expect(expected > 300, "the dataset has Jira and GitHub issues")
        #expect(differences.isEmpty, "\(differences.prefix(10))")
        #expect(report.counts.inserted == expected)
    }

    @Test func secondRunOnUnchangedDataWritesNoRow() throws {
        let fixture = try HarvestFixture()
        let first = try fixture.harvest()
        #expect(first.status == .completed)
        let before = try fixture.liveChecksum()
        let second = try fixture.harvest()
        #expect(second.status == .completed)
        #expect(second.counts.inserted == 0)
        #expect(second.counts.updated == 0)
        #expect(try fixture.liveChecksum() == before, "no row version changed (xmin)")
        let reload = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(reload.counts.inserted + reload.counts.updated + reload.counts.deleted == 0)
        #expect(try fixture.liveChecksum() == before, "an identical full reload writes nothing either")
    }

    @Test func incrementalRunFetchesAndChangesOnlyEditedIssues() throws {
        let fixture = try HarvestFixture()
        let first = try fixture.harvest()
        let stored = try fixture.storedIssues()
        let jiraKeys = stored.keys.filter { stored[$0]?["source"] == "jira" }.sorted()
        let edited = Array(jiraKeys.prefix(3))
        for key in edited {
            let answer = try fixture.simulator("PATCH", "/issues/\(key)", body: #"{"summary":"edited \#(key)"}"#)
            #expect(answer.status == 200, "\(answer.bodyString ?? "")")
        }
        let second = try fixture.harvest()
        #expect(second.status == .completed)
        #expect(second.counts.updated == edited.count)
        #expect(second.counts.inserted == 0)
        #expect(second.counts.fetched < first.counts.fetched / 4, "incremental: \(second.counts.fetched) of \(first.counts.fetched)")
        let after = try fixture.storedIssues()
        for key in edited { #expect(after[key]?["summary"]?.stringValue == "edited \(key)") }
    }

    @Test func fullReloadRemovesIssuesDeletedUpstream() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvest()
        let stored = try fixture.storedIssues()
        let leaves = stored.filter { $0.value["issue_type_id"] == 10101 }.keys.sorted().prefix(2)
        for key in leaves { #expect(try fixture.simulator("DELETE", "/issues/\(key)").status == 200) }
        let reload = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(reload.status == .completed)
        #expect(reload.counts.deleted == leaves.count)
        let after = try fixture.storedIssues()
        for key in leaves { #expect(after[key] == nil) }
        #expect(after.count == stored.count - leaves.count)
    }

    @Test func jiraRequestsStayNearThePagesStrictlyNeeded() throws {
        let fixture = try HarvestFixture(issues: 1200)
        let report = try fixture.harvest(HarvestOptions(fullReload: true, sources: [.jira], kind: .manual))
        let jiraIssues = fixture.manifestIssues.values.filter { $0["source"] == "jira" }.count
        let pages = (jiraIssues + 99) / 100
        // Histories and statuses (the flow's requests) have their own budget (ChangelogHarvestTests).
        let flowRequests = fixture.server.requestLog.entries().filter {
            $0.path.hasSuffix("/changelog") || $0.path.hasSuffix("/changelog/bulkfetch") || $0.path == "/rest/api/3/status"
        }.count
        let searchRequests = report.requests - flowRequests
        print("jira requests: \(searchRequests) for \(jiraIssues) issues (\(pages) pages strictly needed)")
        // Each level needs its own partial last page; 1.2 x pages + one per level is the budget.
        #expect(Double(searchRequests) <= 1.2 * Double(pages) + 5)
    }
}
