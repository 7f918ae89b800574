import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import TestKit
import Testing
import WorkSupportStore

/// The simulator's planted fidelity cases through the harvester into PostgreSQL: text PostgreSQL
/// cannot store as sent, issues only `jira.issue_label` reaches, and an item PostgreSQL refuses.
@Suite struct HarvestPlantedCasesTests {
    /// The planted issue whose summary holds `marker`.
    static func plantedKey(_ fixture: HarvestFixture, containing marker: Unicode.Scalar) throws -> (key: String, summary: String) {
        let issue = try #require(fixture.dataset.jiraIssues.first { $0.summary.unicodeScalars.contains(marker) })
        return (issue.key, issue.summary)
    }

    func rawSummary(_ fixture: HarvestFixture, _ key: String) throws -> (column: String, raw: String) {
        let row = try fixture.database.connect().query(
            "SELECT summary, raw->'fields'->>'summary' AS raw FROM issues WHERE issue_key = $1", [key])[0]
        return (try row.get("summary"), try row.get("raw"))
    }

    @Test func nulAndLoneSurrogateIssuesAreStoredReversiblyAndTheRunCompletes() throws {
        let fixture = try HarvestFixture()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .completed, "\(report)")
        #expect(report.counts.failed == 0)

        let nul = try Self.plantedKey(fixture, containing: "\u{0}")
        let storedNUL = try rawSummary(fixture, nul.key)
        #expect(storedNUL.column == nul.summary.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        #expect(storedNUL.raw.contains(#"\u0000"#))
        #expect(StorableText.originalUTF16(storedNUL.raw) == Array(nul.summary.utf16), "reversible")

        let cut = try Self.plantedKey(fixture, containing: SimText.loneSurrogatePlaceholder)
        let storedCut = try rawSummary(fixture, cut.key)
        #expect(storedCut.column == "cut emoji \u{FFFD}")
        #expect(storedCut.raw == #"cut emoji \ud83d"#)
        #expect(StorableText.originalUTF16(storedCut.raw) == Array("cut emoji ".utf16) + [0xD83D], "the lone surrogate as sent")
    }

    @Test func labelOnlyIssuesAreHarvestedOnceWithTheirRealParentsAndChildren() throws {
        let fixture = try HarvestFixture()
        let report = try fixture.harvestAtManifestNow()
        #expect(report.status == .completed, "\(report)")
        let labelled = fixture.dataset.jiraIssues.filter { $0.labels.contains(DatasetGenerator.teamLabel) }
        #expect(labelled.count == 4, "three reached by the label only, one by the tree too")
        let stored = try fixture.storedIssues()
        for issue in labelled {
            #expect(stored[issue.key]?["parent_key"] == issue.parentKey.map(JSONValue.string) ?? .null, "\(issue.key)")
        }
        // The Feature's Story is reached through the Feature, level by level.
        let feature = try #require(labelled.first { $0.issueTypeID == "10000" })
        #expect(stored.values.contains { $0["parent_key"]?.stringValue == feature.key })
        #expect(report.counts.inserted == fixture.manifestIssues.count, "each issue written once")

        let anomalies = try fixture.openAnomalies()
        let strays = labelled.filter { $0.parentKey != nil && !$0.labels.contains(DatasetGenerator.rootLabel) && $0.issueTypeID != "10104" }
        for issue in strays where stored[issue.parentKey!] == nil {
            #expect(anomalies.contains(AnomalyFinding(kind: "orphan_parent", issueKey: issue.key)), "\(issue.key)")
        }
        let loose = try #require(labelled.first { $0.parentKey == nil })
        #expect(anomalies.contains(AnomalyFinding(kind: "story_without_epic", issueKey: loose.key)))
    }

    @Test func incrementalRunPicksUpAnEditedLabelOnlyIssue() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvest()
        let loose = try #require(fixture.dataset.jiraIssues.first { $0.labels.contains(DatasetGenerator.teamLabel) && $0.parentKey == nil })
        #expect(try fixture.simulator("PATCH", "/issues/\(loose.key)", body: #"{"summary":"edited loose"}"#).status == 200)
        let second = try fixture.harvest()
        #expect(second.status == .completed)
        #expect(second.counts.updated == 1)
        #expect(try fixture.storedIssues()[loose.key]?["summary"] == "edited loose")
    }

    /// A label past the `labels` index's row limit: PostgreSQL refuses that one issue.
    static let oversizedLabel = (0..<3000).map { String(($0 &* 2_654_435_761) >> 7 & 0xFFFF, radix: 16) }.joined()

    func refuseOneIssue(_ fixture: HarvestFixture) throws -> String {
        let key = try #require(fixture.manifestIssues.values.first { $0["issue_type_id"] == 10101 }?["issue_key"]?.stringValue)
        let body = #"{"summary":"refused copy","labels":["\#(Self.oversizedLabel)"]}"#
        #expect(try fixture.simulator("PATCH", "/issues/\(key)", body: body).status == 200)
        return key
    }

    func errors(_ fixture: HarvestFixture, run: Int64) throws -> [(key: String, reason: String)] {
        try fixture.database.connect().query("SELECT item_key, reason FROM harvest_errors WHERE run_id = $1", [run])
            .map { (try $0.get("item_key"), try $0.get("reason")) }
    }

    @Test func issuePostgresRefusesIsRecordedAloneAndTheRestOfItsBatchIsStored() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvest()
        let key = try refuseOneIssue(fixture)
        for other in fixture.manifestIssues.keys.filter({ $0.hasPrefix("WSA-") }).sorted().prefix(3) where other != key {
            #expect(try fixture.simulator("PATCH", "/issues/\(other)", body: #"{"summary":"edited \#(other)"}"#).status == 200)
        }
        let report = try fixture.harvest()
        #expect(report.status == .partial, "\(report)")
        #expect(report.counts.failed == 1)
        #expect(report.counts.updated == 3, "the other edits of the batch are stored")
        let rows = try errors(fixture, run: report.runID!)
        #expect(rows.map(\.key) == [key])
        #expect(rows.first?.reason.contains("SQLSTATE 54000") == true, "\(rows)")
        #expect(try fixture.storedIssues()[key]?["summary"] != "refused copy", "the stored copy stays")
    }

    @Test func reloadWithARefusedIssueKeepsItsLiveCopyAndEndsPartial() throws {
        let fixture = try HarvestFixture()
        _ = try fixture.harvest()
        let before = try fixture.storedIssues()
        let key = try refuseOneIssue(fixture)
        let reload = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(reload.status == .partial, "\(reload)")
        #expect(try errors(fixture, run: reload.runID!).map(\.key) == [key])
        let after = try fixture.storedIssues()
        #expect(after[key] == before[key], "the live copy of the refused issue is kept")
        #expect(after.count == before.count)
    }
}

/// Bad input planted by the simulator's fault plan: each bad item (or cut page) is one
/// `harvest_errors` row naming it, everything else is stored, and the run ends partial.
@Suite struct HarvestBadInputTests {
    @Test func unparsableIssueAndFieldOfTheWrongTypeAreOneErrorRowEachAndTheRestIsStored() throws {
        let probe = try HarvestFixture()
        let leaves = probe.manifestIssues.values.filter { $0["issue_type_id"] == 10101 }
            .compactMap { $0["issue_key"]?.stringValue }.sorted()
        let (unparsable, wrongType) = (leaves[0], leaves[1])
        let fixture = try HarvestFixture(faults: try FaultPlan.parse("item.\(unparsable)=unparsable,item.\(wrongType)=wrong-type"))
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .partial, "\(report)")
        let rows = try fixture.database.connect().query(
            "SELECT source, item_key, reason FROM harvest_errors WHERE run_id = $1 ORDER BY item_key", [report.runID!])
        let errors = try rows.map { (try $0.get("item_key") as String, try $0.get("reason") as String) }
        #expect(errors.map(\.0) == [unparsable, wrongType].sorted())
        #expect(errors.first { $0.0 == unparsable }?.1.contains("JSON cannot be read") == true, "\(errors)")
        #expect(errors.first { $0.0 == wrongType }?.1.contains("fields.updated is not a timestamp") == true, "\(errors)")
        #expect(try fixture.differencesFromManifest() == ["missing \(unparsable)", "missing \(wrongType)"].sorted())
    }

    @Test func cutPageIsOneErrorRowNamingThePageAndTheIssuesBeforeTheCutAreStored() throws {
        // Request 1 of a full reload is the root query's only page.
        let fixture = try HarvestFixture(faults: try FaultPlan.parse("at.1=cut"))
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .partial, "\(report)")
        let rows = try fixture.database.connect().query(
            "SELECT item_key, reason FROM harvest_errors WHERE run_id = $1", [report.runID!])
        #expect(rows.count == 1)
        let key: String = try rows[0].get("item_key")
        #expect(key.hasPrefix("page 1 of project in (WSA, WSB)"), "\(key)")
        let differences = try fixture.differencesFromManifest()
        #expect(differences.allSatisfy { $0.hasPrefix("missing ") }, "what is stored is exact: \(differences.prefix(5))")
        #expect(try fixture.storedIssues().values.contains { $0["source"] == "jira" }, "the issues before the cut are stored")
    }
}
