import Logging
import Testing
@testable import Harvest

/// The progress line and the journal event's fields, from snapshots alone.
@Suite struct HarvestProgressLineTests {
    func snapshot(source: String = "jira", level: Int? = 1, pages: Int = 57, items: Int = 5600, elapsed: Double = 7,
                  expected: HarvestExpectation? = nil) -> HarvestProgressSnapshot {
        HarvestProgressSnapshot(source: source, level: level, pages: pages, items: items, elapsed: elapsed,
                                expected: expected)
    }

    @Test func approximateTotalShowsATildeOnTotalAndETA() {
        let line = HarvestProgressLine.live(snapshot(expected: HarvestExpectation(items: 9600, isApproximate: true)))
        #expect(line == "jira level 1: 57 pages, 5600 of ~9600 issues, 800/s, ETA ~5s")
    }

    @Test func exactTotalShowsAPlainETA() {
        let line = HarvestProgressLine.live(snapshot(source: "github", level: nil, pages: 12, items: 1200, elapsed: 4,
                                                     expected: HarvestExpectation(items: 37200, isApproximate: false)))
        #expect(line == "github: 12 pages, 1200 of 37200 issues, 300/s, ETA 2m00s")
    }

    @Test func unknownTotalShowsAQuestionMark() {
        #expect(HarvestProgressLine.live(snapshot(pages: 1, items: 100, elapsed: 0.5))
            == "jira level 1: 1 page, 100 issues, 200/s, ETA ?")
    }

    @Test func noRateYetMeansNoETA() {
        let empty = snapshot(pages: 1, items: 0, expected: HarvestExpectation(items: 500, isApproximate: false))
        #expect(empty.eta == .unknown)
        #expect(HarvestProgressLine.live(empty).hasSuffix("ETA ?"))
    }

    @Test func estimateBelowWhatArrivedShowsWhatArrivedAndNoTimeLeft() {
        let over = snapshot(items: 5600, expected: HarvestExpectation(items: 5000, isApproximate: true))
        #expect(over.eta == .seconds(0, approximate: true))
        #expect(HarvestProgressLine.live(over) == "jira level 1: 57 pages, 5600 of ~5600 issues, 800/s, ETA ~0s")
    }

    @Test func etaRoundsUp() {
        // 1 item left at 800/s is not "0s" while items remain.
        #expect(snapshot(expected: HarvestExpectation(items: 5601, isApproximate: false)).eta == .seconds(1, approximate: false))
    }

    @Test func finishedLineSaysHowLongItTook() {
        let line = HarvestProgressLine.live(snapshot(elapsed: 65, expected: HarvestExpectation(items: 9600, isApproximate: true)),
                                            finished: true)
        #expect(line == "jira: 57 pages, 5600 issues, 86/s, done in 1m05s")
    }

    @Test func journalEventCarriesExpectedAndETAWhenKnown() {
        let known = snapshot(expected: HarvestExpectation(items: 9600, isApproximate: true))
        #expect(HarvestProgressLine.journal(known, pageItems: 100)
            == ["source": "jira", "jira_level": "1", "page": "57", "items": "100", "total": "5600", "rate": "800",
                "expected": "9600", "approximate": "true", "eta_s": "5"])
        #expect(HarvestProgressLine.journal(snapshot(source: "github", level: nil), pageItems: 100)
            == ["source": "github", "page": "57", "items": "100", "total": "5600", "rate": "800"])
    }

    @Test func durationsReadAsSecondsMinutesHours() {
        #expect(HarvestProgressLine.duration(0) == "0s")
        #expect(HarvestProgressLine.duration(59) == "59s")
        #expect(HarvestProgressLine.duration(130) == "2m10s")
        #expect(HarvestProgressLine.duration(3599) == "59m59s")
        #expect(HarvestProgressLine.duration(3720) == "1h02m")
        #expect(HarvestProgressLine.duration(-3) == "0s")
    }
}
