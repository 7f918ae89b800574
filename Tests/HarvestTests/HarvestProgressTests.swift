import Foundation
import Harvest
import Simulator
import Testing

/// What a harvest reports while it runs: journal lines with totals and ETAs where the upstream
/// can size the work, and none (but no failure either) where it cannot.
@Suite struct HarvestProgressTests {
    final class Lines {
        var text = ""
        var all: [String] { text.split(separator: "\n").map(String.init) }
        func pages(of source: String) -> [String] { all.filter { $0.hasPrefix("event=page source=\(source) ") } }
    }

    static func field(_ name: String, in line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func journalPageLinesCarryTheExpectedTotalAndETA() throws {
        let fixture = try HarvestFixture()
        let lines = Lines()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual),
                                         progress: HarvestProgress(mode: .never, output: { lines.text += $0 }))
        #expect(report.status == .completed)
        let jira = lines.pages(of: "jira"), github = lines.pages(of: "github")
        #expect(!jira.isEmpty && !github.isEmpty)
        #expect(jira.contains { Self.field("eta_s", in: $0) != nil }, "\(jira.prefix(5))")
        // GitHub's total_count is known before the first page, and is what arrives in the end.
        #expect(github.allSatisfy { Self.field("approximate", in: $0) == "false" })
        let last = try #require(github.last)
        #expect(Self.field("expected", in: last) == Self.field("total", in: last))
        #expect(Self.field("eta_s", in: last) == "0")
        #expect(!lines.all.contains { $0.hasPrefix("event=count_unavailable") })
    }

    @Test func serverWithoutApproximateCountStillHarvestsCompletely() throws {
        var faults = FaultPlan()
        faults.approximateCountAvailable = false
        let fixture = try HarvestFixture(issues: 1200, faults: faults)
        let lines = Lines()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, sources: [.jira], kind: .manual),
                                         progress: HarvestProgress(mode: .never, output: { lines.text += $0 }))
        #expect(report.status == .completed, "a missing count endpoint is no harvest error")
        #expect(report.counts.failed == 0)
        let stored = try fixture.storedIssues().values.filter { $0["source"] == "jira" }.count
        #expect(stored == fixture.manifestIssues.values.filter { $0["source"] == "jira" }.count)
        #expect(lines.all.filter { $0.hasPrefix("event=count_unavailable source=jira") }.count == 1,
                "asked once, then no more")
    }

    @Test func liveLineEndsEachSourceOnItsOwnLine() throws {
        let fixture = try HarvestFixture()
        let lines = Lines()
        _ = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual),
                                progress: HarvestProgress(mode: .always, output: { lines.text += $0 }))
        let finals = lines.text.components(separatedBy: "\r\u{1B}[K").filter { $0.contains("done in") }
        #expect(finals.count == 2, "\(finals)")
        #expect(finals.allSatisfy { $0.hasSuffix("\n") })
        #expect(lines.text.contains("ETA "))
    }
}
