import Foundation
import Testing
@testable import WorkSupportCore

struct UpstreamTimestampTests {
    @Test func jiraOffsetWithoutColonIsApplied() {
        let date = UpstreamTimestamp.parse("2026-11-20T10:15:30.123+0200")
        #expect(date?.timeIntervalSince1970 == 1_795_169_730.123 - 7200)
    }

    @Test func rfc3339UTCParsesToTheSameInstantAsJiraZeroOffset() {
        let github = UpstreamTimestamp.parse("2026-11-20T10:15:30Z")
        let jira = UpstreamTimestamp.parse("2026-11-20T10:15:30.000+0000")
        #expect(github != nil)
        #expect(github == jira)
        #expect(github?.timeIntervalSince1970 == 1_795_169_730)
    }

    @Test func negativeOffsetWithColonIsApplied() {
        #expect(UpstreamTimestamp.parse("2026-11-20T05:15:30-05:00")?.timeIntervalSince1970 == 1_795_169_730)
    }

    @Test func leapDayAndEpochAreExact() {
        #expect(UpstreamTimestamp.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(UpstreamTimestamp.parse("2024-02-29T00:00:00Z")?.timeIntervalSince1970 == 1_709_164_800)
    }

    @Test(arguments: ["", "2026-11-20", "2026-11-20T10:15:30", "2026-13-01T00:00:00Z",
                      "2026-11-20T10:15:30.Z", "2026-11-20T10:15:30Zjunk", "yesterday"])
    func malformedTextIsRejected(text: String) {
        #expect(UpstreamTimestamp.parse(text) == nil)
    }

    @Test func civilTimeRoundTripsThroughParse() {
        let date = Date(timeIntervalSince1970: 1_795_169_730)
        #expect(CivilTime(date).rfc3339UTCText == "2026-11-20T10:15:30Z")
        #expect(CivilTime(date, utcOffsetSeconds: -5 * 3600).minuteText == "2026-11-20 05:15")
        #expect(CivilTime(Date(timeIntervalSince1970: -1)).rfc3339UTCText == "1969-12-31T23:59:59Z")
    }
}
