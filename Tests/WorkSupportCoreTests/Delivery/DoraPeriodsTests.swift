import Foundation
import Testing
@testable import WorkSupportCore

@Suite struct DoraPeriodsTests {
    static func day(_ text: String) -> Date { DoraWindowBound.parse(text)! }

    @Test func weeksStartOnMondayAndAreClippedToTheWindow() {
        // 2026-03-04 is a Wednesday.
        let periods = DoraPeriods.periods(from: Self.day("2026-03-04"), to: Self.day("2026-03-20"), by: .week)
        #expect(periods.map(\.label) == ["2026-03-02", "2026-03-09", "2026-03-16"])
        #expect(periods.first?.from == Self.day("2026-03-04"))
        #expect(periods[1].from == Self.day("2026-03-09") && periods[1].to == Self.day("2026-03-16"))
        #expect(periods.last?.to == Self.day("2026-03-20"))
    }

    @Test func monthsFollowTheCalendarThroughALeapFebruary() {
        let periods = DoraPeriods.periods(from: Self.day("2028-01-15"), to: Self.day("2028-04-01"), by: .month)
        #expect(periods.map(\.label) == ["2028-01", "2028-02", "2028-03"])
        #expect(periods[1].from == Self.day("2028-02-01") && periods[1].to == Self.day("2028-03-01"))
        #expect(periods[1].to.timeIntervalSince(periods[1].from) == 29 * 86_400)
    }

    @Test func aLongWindowGoesByMonth() {
        #expect(DoraPeriods.length(.week, from: Self.day("2025-01-01"), to: Self.day("2026-06-01")) == .month)
        #expect(DoraPeriods.length(.week, from: Self.day("2026-01-01"), to: Self.day("2026-04-01")) == .week)
    }
}
