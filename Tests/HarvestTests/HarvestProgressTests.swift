import Foundation
import Harvest
import Logfmt
import Logging
import Simulator
import Synchronization
import Testing

/// What a harvest reports while it runs: journal lines with totals and ETAs where the upstream
/// can size the work, and none (but no failure either) where it cannot.
@Suite struct HarvestProgressTests {
    /// The live text and the log lines, in the order written.
    final class Lines: Sendable {
        private let written = Mutex("")
        var text: String { written.withLock { $0 } }
        var all: [String] { text.split(separator: "\n").map(String.init) }
        func append(_ text: String) { written.withLock { $0 += text } }
        func events(_ name: String) -> [String] { all.filter { HarvestProgressTests.field("event", in: $0) == name } }
        func pages(of source: String) -> [String] { events("page").filter { HarvestProgressTests.field("source", in: $0) == source } }

        func progress(mode: HarvestProgress.Mode) -> HarvestProgress {
            HarvestProgress(mode: mode, output: { self.append($0) }, logger: Logger(label: "test") {
                LogfmtHandler(label: $0, metadataProvider: nil, sink: { self.append(String(decoding: $0, as: UTF8.self)) })
            })
        }
    }

    static func field(_ name: String, in line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func journalPageLinesCarryTheExpectedTotalAndETA() throws {
        let fixture = try HarvestFixture()
        let lines = Lines()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual),
                                         progress: lines.progress(mode: .never))
        #expect(report.status == .completed)
        let jira = lines.pages(of: "jira"), github = lines.pages(of: "github")
        #expect(!jira.isEmpty && !github.isEmpty)
        #expect(jira.contains { Self.field("eta_s", in: $0) != nil }, "\(jira.prefix(5))")
        // GitHub's total_count is known before the first page, and is what arrives in the end.
        #expect(github.allSatisfy { Self.field("approximate", in: $0) == "false" })
        let last = try #require(github.last)
        #expect(Self.field("expected", in: last) == Self.field("total", in: last))
        #expect(Self.field("eta_s", in: last) == "0")
        #expect(lines.events("count_unavailable").isEmpty)
    }

    @Test func serverWithoutApproximateCountStillHarvestsCompletely() throws {
        var faults = FaultPlan()
        faults.approximateCountAvailable = false
        let fixture = try HarvestFixture(issues: 1200, faults: faults)
        let lines = Lines()
        let report = try fixture.harvest(HarvestOptions(fullReload: true, sources: [.jira], kind: .manual),
                                         progress: lines.progress(mode: .never))
        #expect(report.status == .completed, "a missing count endpoint is no harvest error")
        #expect(report.counts.failed == 0)
        let stored = try fixture.storedIssues().values.filter { $0["source"] == "jira" }.count
        #expect(stored == fixture.manifestIssues.values.filter { $0["source"] == "jira" }.count)
        #expect(lines.events("count_unavailable").filter { Self.field("source", in: $0) == "jira" }.count == 1,
                "asked once, then no more")
    }

    @Test func liveLineEndsEachSourceOnItsOwnLine() throws {
        let fixture = try HarvestFixture()
        let lines = Lines()
        _ = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual),
                                progress: lines.progress(mode: .always))
        let finals = lines.text.components(separatedBy: "\r\u{1B}[K").filter { $0.contains("done in") }
        #expect(finals.count == 2, "\(finals)")
        #expect(finals.allSatisfy { $0.hasSuffix("\n") })
        #expect(lines.text.contains("ETA "))
    }
}
